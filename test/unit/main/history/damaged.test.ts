import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, tempDir } from './helpers';
import { ancestors, asideFile, buildHistory, entryLeaves, listedIds, pages, PAGE_SIZE, range, scribble } from './damage-tools';
import { syntheticExchange } from '../../../fixtures/synthetic-exchange';

const ENTRIES = 4000;
const n = (value: number) => value.toLocaleString('en-US');

describe('a damaged history database', () => {
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    tmp = tempDir('history-damaged-');
    file = join(tmp.dir, 'history.sqlite');
  });
  afterEach(() => tmp.remove());

  it('that is not SQLite at all is moved aside untouched, with a message, and a new one is used', async () => {
    const garbage = Buffer.from('this is not a database '.repeat(400));
    writeFileSync(file, garbage);
    writeFileSync(join(tmp.dir, 'unrelated.txt'), 'keep me');
    const { store, notices } = openStore(tmp.dir);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/history database could not be read \(file is not a database\) and no entry could be saved from it/);
    const aside = asideFile(tmp.dir)!;
    expect(notices[0]).toContain(aside);
    expect(readFileSync(aside).equals(garbage)).toBe(true);
    expect(readFileSync(join(tmp.dir, 'unrelated.txt'), 'utf8')).toBe('keep me');
    store.record(syntheticExchange(1));
    expect(store.list({ limit: 5 }).entries).toHaveLength(1);
    await store.close();
  });

  it('with damaged pages in the middle is found at start, and every readable entry is saved into a new database', async () => {
    await buildHistory(tmp.dir, ENTRIES);
    expect(statSync(file).size).toBeGreaterThan(4 * 2 ** 20);
    const leaves = entryLeaves(pages(file));
    // three leaves in the middle of the table, apart from each other; the first and last rows stay readable
    const damaged = [0.4, 0.5, 0.6].map((at) => leaves[Math.floor(leaves.length * at)]!);
    const lostIds = damaged.flatMap((l) => l.ids);
    expect(lostIds.length).toBeGreaterThan(0);
    scribble(file, damaged.map((l) => l.page.pageno));
    const damagedBytes = readFileSync(file);

    const { store, notices } = openStore(tmp.dir);
    // before anything is read: the check at start saw it
    expect(notices).toHaveLength(1);
    const saved = ENTRIES - lostIds.length;
    expect(notices[0]).toContain(`${n(saved)} of ${n(ENTRIES)} entries were saved into a new history; ${n(lostIds.length)} could not be read`);
    const aside = asideFile(tmp.dir)!;
    expect(notices[0]).toContain(aside);
    expect(readFileSync(aside).equals(damagedBytes)).toBe(true);

    expect(listedIds(store)).toEqual(range(1, ENTRIES).filter((id) => !lostIds.includes(id)));
    // rows keep their ids and content, and the new full-text index finds them
    const kept = damaged[0]!.ids[0]! - 1;
    expect(store.get(kept).summary.exchangeId).toBe(`ex-${kept}`);
    expect(store.list({ text: `marker${kept}x`, limit: 5 }).entries.map((e) => e.id)).toEqual([kept]);
    expect(store.list({ text: `marker${lostIds[0]}x`, limit: 5 }).entries).toEqual([]);
    expect(store.stats().count).toBe(saved);
    store.record(syntheticExchange(ENTRIES + 1));
    expect(store.list({ limit: 1 }).entries[0]!.exchangeId).toBe(`ex-${ENTRIES + 1}`);
    await store.close();

    // the healed database is sound and opens without a notice
    const again = openStore(tmp.dir);
    expect(again.notices).toEqual([]);
    expect(again.store.stats().count).toBe(saved + 1);
    await again.store.close();
  });

  it('met by a read while the app runs is healed then, keeping every readable entry', async () => {
    await buildHistory(tmp.dir, ENTRIES);
    const leaves = entryLeaves(pages(file));
    const damaged = [leaves[Math.floor(leaves.length / 3)]!, leaves[Math.floor((leaves.length * 2) / 3)]!];
    const lostIds = damaged.flatMap((l) => l.ids);

    const { store, notices, changes } = openStore(tmp.dir);
    expect(notices).toEqual([]);
    // another connection commits, so the store's page cache is dropped before its next read
    const other = new DatabaseSync(file);
    other.exec('UPDATE totals SET bytes = bytes');
    other.close();
    scribble(file, damaged.map((l) => l.page.pageno));

    expect(() => store.get(lostIds[0]!)).toThrow(/History entry \d+ does not exist/);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`${n(ENTRIES - lostIds.length)} of ${n(ENTRIES)} entries were saved into a new history; ${n(lostIds.length)} could not be read`);
    expect(changes).toContain('reset');
    expect(listedIds(store)).toEqual(range(1, ENTRIES).filter((id) => !lostIds.includes(id)));
    expect(existsSync(asideFile(tmp.dir)!)).toBe(true);
    await store.close();
  });

  it('damaged only in its indexes loses nothing, and search works again', async () => {
    await buildHistory(tmp.dir, ENTRIES);
    const all = pages(file);
    const indexPages = all.filter((p) => (p.name === 'entries_fts_data' || p.name === 'entries_uid') && p.pagetype === 'leaf');
    scribble(file, [indexPages[Math.floor(indexPages.length / 2)]!.pageno, indexPages[Math.floor(indexPages.length / 4)]!.pageno]);

    const { store, notices } = openStore(tmp.dir);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`All ${n(ENTRIES)} entries were saved into a new history`);
    expect(listedIds(store)).toEqual(range(1, ENTRIES));
    for (const id of [1, 1234, ENTRIES]) expect(store.list({ text: `marker${id}x`, limit: 5 }).entries.map((e) => e.id)).toEqual([id]);
    await store.close();
  });

  it('cut short is reported, kept aside, and the entries before the cut are saved', async () => {
    await buildHistory(tmp.dir, ENTRIES);
    const all = pages(file);
    const size = statSync(file).size;
    const cutPages = Math.floor((size * 0.55) / PAGE_SIZE);
    // readable: rows on a leaf that is inside the file, reached through interior pages inside it
    const readable = entryLeaves(all)
      .filter(({ page }) => page.pageno <= cutPages && ancestors(all, page).every((p) => p.pageno <= cutPages))
      .flatMap((l) => l.ids);
    expect(readable.length).toBeGreaterThan(0);
    truncateSync(file, cutPages * PAGE_SIZE);

    const { store, notices } = openStore(tmp.dir);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/the file is cut short \([\d.]+ MiB of the [\d.]+ MiB its header gives\)/);
    expect(notices[0]).toContain(`${n(readable.length)} of ${n(ENTRIES)} entries were saved into a new history`);
    expect(statSync(asideFile(tmp.dir)!).size).toBe(cutPages * PAGE_SIZE);
    expect(listedIds(store)).toEqual(readable);
    await store.close();
  });

  it('that is empty (0 bytes) is reported and kept aside, not silently taken for an empty history', async () => {
    writeFileSync(file, '');
    const { store, notices } = openStore(tmp.dir);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/could not be read \(the file is empty \(0 bytes\)\)/);
    const aside = asideFile(tmp.dir)!;
    expect(notices[0]).toContain(aside);
    expect(statSync(aside).size).toBe(0);
    store.record(syntheticExchange(1));
    expect(store.list({ limit: 5 }).entries).toHaveLength(1);
    await store.close();
  });

  it('keeps the body files of saved entries in place and moves the others aside, deleting none', async () => {
    // bodies over the inline limit go to files
    const { store } = openStore(tmp.dir, { inlineBodyBytes: 1024 });
    for (let i = 1; i <= 600; i++) store.record(syntheticExchange(i, { bodyBytes: 3000 }));
    await store.close();
    const bodies = join(tmp.dir, 'bodies');
    const before = readdirSync(bodies).sort();
    const leaves = entryLeaves(pages(file));
    const damaged = leaves[Math.floor(leaves.length / 2)]!;
    scribble(file, [damaged.page.pageno]);

    const reopened = openStore(tmp.dir, { inlineBodyBytes: 1024 });
    expect(reopened.notices[0]).toContain(`${n(600 - damaged.ids.length)} of 600 entries were saved`);
    const moved = readdirSync(tmp.dir).find((f) => f.startsWith('bodies.damaged-'))!;
    expect(reopened.notices[0]).toContain(join(tmp.dir, moved));
    const orphans = readdirSync(join(tmp.dir, moved));
    expect(orphans).toHaveLength(damaged.ids.length);
    expect(orphans.every((f) => damaged.ids.some((id) => f.startsWith(`ex-${id}-`)))).toBe(true);
    expect([...readdirSync(bodies), ...orphans].sort()).toEqual(before);
    const kept = damaged.ids[0]! - 1;
    expect(reopened.store.get(kept).responseBody).toContain(`marker${kept}x`);
    await reopened.store.close();
  });

  it('written by a newer version is kept aside and its entries are carried over', async () => {
    await buildHistory(tmp.dir, 50);
    const db = new DatabaseSync(file);
    db.exec('PRAGMA user_version = 99');
    db.close();
    const { store, notices } = openStore(tmp.dir);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/could not be used \(it was written by a newer version of the app \(schema 99/);
    expect(notices[0]).toContain('All 50 entries were saved into a new history');
    expect(listedIds(store)).toEqual(range(1, 50));
    expect(existsSync(asideFile(tmp.dir)!)).toBe(true);
    await store.close();
  });
});
