import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MATCH_END, MATCH_START } from '../../../../src/main/services/history/list-query';
import { DATABASE_FILE } from '../../../../src/main/services/history/database';
import { MIGRATIONS } from '../../../../src/main/services/history/migrations';
import { syntheticExchange } from '../../../fixtures/synthetic-exchange';
import { openStore, tempDir } from './helpers';

describe('history runs (the pages of "Fetch all pages")', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir('history-groups-')));
  afterEach(() => tmp.remove());

  it('lists the requests of one run as one row of its size, at the place of its newest request, and the run’s own requests on asking', async () => {
    const { store } = openStore(tmp.dir);
    store.record(syntheticExchange(1));
    const group = { id: 'fetch-all-1', label: 'All pages of GET /Users' };
    for (let i = 2; i <= 35; i++) store.record({ ...syntheticExchange(i), group });
    store.record(syntheticExchange(36));
    store.flush();

    const page = store.list({ limit: 100 });
    expect(page.entries.map((e) => e.exchangeId)).toEqual(['ex-36', 'ex-35', 'ex-1']);
    expect(page.entries[1]!.group).toEqual({ ...group, size: 34 });
    expect(page.entries[0]!.group).toBeUndefined();

    const run = store.list({ groupId: group.id, limit: 100 });
    expect(run.entries).toHaveLength(34);
    expect(run.entries.map((e) => e.exchangeId)).toEqual(Array.from({ length: 34 }, (_, k) => `ex-${35 - k}`));
    expect(run.entries.every((e) => e.group?.id === group.id && e.group.size === undefined)).toBe(true);

    // keyset pages never show a run twice
    const first = store.list({ limit: 1 });
    const second = store.list({ limit: 1, cursor: first.nextCursor! });
    const third = store.list({ limit: 1, cursor: second.nextCursor! });
    expect([first, second, third].map((p) => p.entries[0]!.exchangeId)).toEqual(['ex-36', 'ex-35', 'ex-1']);
    expect(third.nextCursor).toBeUndefined();
    await store.close();
  });

  it('puts a searched run at its newest matching request, with a snippet that marks the match', async () => {
    const { store } = openStore(tmp.dir);
    const group = { id: 'run-2', label: 'All pages of GET /Users' };
    for (let i = 10; i < 20; i++) store.record({ ...syntheticExchange(i), group });
    store.record(syntheticExchange(20));
    store.flush();
    const found = store.list({ text: 'marker12x', limit: 10 });
    expect(found.entries.map((e) => e.exchangeId)).toEqual(['ex-12']);
    expect(found.entries[0]!.group).toEqual({ ...group, size: 10 });
    expect(found.entries[0]!.snippet).toContain(`${MATCH_START}marker12x${MATCH_END}`);
    // filters apply to the run's requests: only its DELETEs (i % 4 === 3) count
    const deletes = store.list({ methods: ['DELETE'], limit: 10 });
    expect(deletes.entries.map((e) => e.exchangeId)).toEqual(['ex-19']);
    expect(store.list({ groupId: group.id, methods: ['DELETE'], limit: 10 }).entries.map((e) => e.exchangeId)).toEqual(['ex-19', 'ex-15', 'ex-11']);
    await store.close();
  });

  it('brings a database of schema 1 up to date, keeping its entries as single rows', async () => {
    const db = new DatabaseSync(join(tmp.dir, DATABASE_FILE));
    db.exec('PRAGMA auto_vacuum = INCREMENTAL');
    MIGRATIONS[0]!(db);
    db.exec('PRAGMA user_version = 1');
    db.close();
    const { store } = openStore(tmp.dir);
    store.record(syntheticExchange(1));
    store.record({ ...syntheticExchange(2), group: { id: 'g', label: 'run' } });
    store.flush();
    expect(store.list({ limit: 10 }).entries.map((e) => [e.exchangeId, e.group?.size])).toEqual([
      ['ex-2', 1],
      ['ex-1', undefined],
    ]);
    await store.close();
    const check = new DatabaseSync(join(tmp.dir, DATABASE_FILE));
    expect((check.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(MIGRATIONS.length);
    check.close();
  });
});
