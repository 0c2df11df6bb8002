import { existsSync, readdirSync, readFileSync, writeFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, tempDir } from './helpers';
import { syntheticExchange } from '../../../fixtures/synthetic-exchange';

describe('a damaged history database', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('history-damaged-');
  });
  afterEach(() => tmp.remove());

  it('that is not SQLite at all is moved aside untouched, with a message, and a new one is used', async () => {
    const garbage = Buffer.from('this is not a database '.repeat(400));
    writeFileSync(join(tmp.dir, 'history.sqlite'), garbage);
    writeFileSync(join(tmp.dir, 'unrelated.txt'), 'keep me');
    const { store, notices } = openStore(tmp.dir);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/history database could not be read \(file is not a database\)/);
    const aside = readdirSync(tmp.dir).find((f) => f.startsWith('history.sqlite.damaged-'))!;
    expect(notices[0]).toContain(join(tmp.dir, aside));
    expect(readFileSync(join(tmp.dir, aside)).equals(garbage)).toBe(true);
    expect(readFileSync(join(tmp.dir, 'unrelated.txt'), 'utf8')).toBe('keep me');
    store.record(syntheticExchange(1));
    expect(store.list({ limit: 5 }).entries).toHaveLength(1);
    await store.close();
  });

  it('with damaged pages found while in use is moved aside then, and recording goes on', async () => {
    const first = openStore(tmp.dir);
    for (let i = 0; i < 400; i++) first.store.record(syntheticExchange(i));
    await first.store.close();
    const file = join(tmp.dir, 'history.sqlite');
    const size = statSync(file).size;
    const before = readFileSync(file);
    // scribble over the second half of the file, leaving the header page intact
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(Math.floor(size / 2), 0xa5), 0, Math.floor(size / 2), Math.floor(size / 2));
    closeSync(fd);
    const damagedBytes = readFileSync(file);
    expect(damagedBytes.equals(before)).toBe(false);

    const second = openStore(tmp.dir);
    // reading every page meets the damage
    const read = () => second.store.list({ text: 'lorem', limit: 1000 });
    let notice = second.notices[0];
    if (!notice) {
      read();
      second.store.stats();
      notice = second.notices[0];
    }
    expect(notice).toMatch(/history database could not be read/);
    const aside = readdirSync(tmp.dir).find((f) => /^history\.sqlite\.damaged-[^-]+.*[^lm]$/.test(f) && !f.endsWith('-wal') && !f.endsWith('-shm'))!;
    expect(existsSync(join(tmp.dir, aside))).toBe(true);
    expect(readFileSync(join(tmp.dir, aside)).equals(damagedBytes)).toBe(true);
    second.store.record(syntheticExchange(1000));
    expect(second.store.list({ limit: 10 }).entries.map((e) => e.exchangeId)).toEqual(['ex-1000']);
    await second.store.close();
  });
});
