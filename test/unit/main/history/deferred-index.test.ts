import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../src/main/services/history/database';
import { MIGRATIONS } from '../../../../src/main/services/history/migrations';
import { syntheticExchange } from '../../../fixtures/synthetic-exchange';
import { openStore, tempDir } from './helpers';

const rowsIn = (dir: string) => {
  const db = new DatabaseSync(join(dir, DATABASE_FILE), { readOnly: true });
  const { n } = db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number };
  db.close();
  return n;
};

const pendingIn = (dir: string) => {
  const db = new DatabaseSync(join(dir, DATABASE_FILE), { readOnly: true });
  const { n } = db.prepare('SELECT count(*) AS n FROM entries WHERE fts_pending = 1').get() as { n: number };
  db.close();
  return n;
};

/** The full-text index holds exactly the entries it should (FTS5's own consistency check). */
function ftsConsistent(dir: string): void {
  const db = new DatabaseSync(join(dir, DATABASE_FILE));
  db.exec("INSERT INTO entries_fts(entries_fts, rank) VALUES ('integrity-check', 1)");
  db.close();
}

describe('history\'s full-text index, brought up to date when writes are quiet', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir('history-fts-')));
  afterEach(() => tmp.remove());

  it('leaves the tokenizing out of recording, and indexes by itself once writes are quiet', async () => {
    const { store } = openStore(tmp.dir);
    for (let i = 1; i <= 300; i++) store.record(syntheticExchange(i));
    store.flush();
    expect(pendingIn(tmp.dir)).toBe(300);
    await expect.poll(() => pendingIn(tmp.dir), { timeout: 5000 }).toBe(0);
    ftsConsistent(tmp.dir);
    expect(store.list({ text: 'marker17x', limit: 10 }).entries.map((e) => e.exchangeId)).toEqual(['ex-17']);
    await store.close();
  });

  it('idle() leaves no indexing for later (a benchmark or a test measures nothing an earlier write left behind)', async () => {
    const { store } = openStore(tmp.dir);
    for (let i = 1; i <= 300; i++) store.record(syntheticExchange(i));
    await store.idle();
    expect(pendingIn(tmp.dir)).toBe(0);
    ftsConsistent(tmp.dir);
    await store.close();
  });

  it('writes what is recorded in batches: a moment after the first entry, or at once when 100 wait', async () => {
    const { store } = openStore(tmp.dir);
    const transactions: number[] = [];
    const db = (store as unknown as { db: { exec(sql: string): void } }).db;
    const exec = db.exec.bind(db);
    db.exec = (sql: string) => {
      if (sql === 'COMMIT') transactions.push(rowsIn(tmp.dir));
      exec(sql);
    };
    for (let i = 1; i <= 3; i++) store.record(syntheticExchange(i));
    await new Promise((resolve) => setImmediate(resolve));
    expect(rowsIn(tmp.dir)).toBe(0);
    await expect.poll(() => rowsIn(tmp.dir), { timeout: 2000 }).toBe(3);
    for (let i = 4; i <= 103; i++) store.record(syntheticExchange(i));
    expect(rowsIn(tmp.dir)).toBe(103);
    // two transactions for 103 entries, and none left waiting
    expect(transactions).toHaveLength(2);
    await store.close();
    expect(rowsIn(tmp.dir)).toBe(103);
  });

  it('never misses an entry in a search, even one recorded a moment before', async () => {
    const { store } = openStore(tmp.dir);
    store.record(syntheticExchange(1));
    store.flush();
    const found = store.list({ text: 'marker1x', limit: 10 }).entries.map((e) => e.exchangeId);
    expect(found).toEqual(['ex-1']);
    expect(pendingIn(tmp.dir)).toBe(0);
    await store.close();
  });

  it('deletes entries not indexed yet without damaging the index', async () => {
    const { store } = openStore(tmp.dir);
    for (let i = 1; i <= 10; i++) store.record(syntheticExchange(i));
    store.flush();
    store.list({ text: 'lorem', limit: 1 }); // indexes 1–10
    for (let i = 11; i <= 20; i++) store.record(syntheticExchange(i));
    store.flush();
    const ids = store.list({ limit: 100 }).entries.map((e) => e.id);
    expect(await store.delete(ids)).toBe(20);
    ftsConsistent(tmp.dir);
    expect(store.list({ text: 'lorem', limit: 100 }).entries).toEqual([]);
    await store.close();
  });

  it('keeps entries of a database written before this version searchable', async () => {
    const file = join(tmp.dir, DATABASE_FILE);
    const old = new DatabaseSync(file);
    for (let v = 0; v < 2; v++) MIGRATIONS[v]!(old);
    old.exec('PRAGMA user_version = 2');
    old.close();
    const first = openStore(tmp.dir);
    first.store.record(syntheticExchange(1));
    first.store.flush();
    await first.store.close();
    const { store } = openStore(tmp.dir);
    expect(store.list({ text: 'marker1x', limit: 10 }).entries.map((e) => e.exchangeId)).toEqual(['ex-1']);
    ftsConsistent(tmp.dir);
    await store.close();
  });
});
