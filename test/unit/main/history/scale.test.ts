import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryStore } from '../../../../src/main/services/history/history-store';
import { openStore, tempDir } from './helpers';
import { syntheticExchange } from '../../../fixtures/synthetic-exchange';

const COUNT = 100_000;

describe('history with 100 000 entries', () => {
  let tmp: ReturnType<typeof tempDir>;
  let opened: ReturnType<typeof openStore>;
  let store: HistoryStore;

  beforeAll(() => {
    tmp = tempDir('history-scale-');
    opened = openStore(tmp.dir, { maxEntries: 1_000_000, maxBytes: 1024 ** 4 });
    store = opened.store;
    for (let i = 0; i < COUNT; i++) {
      store.record(syntheticExchange(i, { bodyBytes: 300 }));
      if (i % 1000 === 999) store.flush();
    }
    store.flush();
  }, 240_000);
  afterAll(async () => {
    await store.close();
    tmp.remove();
  });

  it('holds them all', () => {
    expect(store.stats().count).toBe(COUNT);
  });

  it('finds one entry by a value from its body among all of them', () => {
    for (const i of [0, 1, 4242, 77_777, COUNT - 1]) {
      expect(store.list({ text: `marker${i}x`, limit: 10 }).entries.map((e) => e.exchangeId)).toEqual([`ex-${i}`]);
    }
  });

  it('pages through everything newest first, each entry exactly once', () => {
    const seen: number[] = [];
    let cursor: number | undefined;
    do {
      const page = store.list({ limit: 1000, cursor });
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toHaveLength(COUNT);
    expect(seen.every((id, k) => k === 0 || id < seen[k - 1]!)).toBe(true);
  });

  it('pages through a search with filters, matching exactly the rows that qualify', () => {
    // synthetic entry i: POST when i%4 == 1, endpoint okta when i%3 == 0, a 4xx status when i%7 is 3, 4 or 5
    const qualifies = (i: number) => i % 4 === 1 && i % 3 === 0 && [3, 4, 5].includes(i % 7);
    const expected = Array.from({ length: COUNT }, (_, i) => i)
      .filter(qualifies)
      .reverse()
      .map((i) => `ex-${i}`);
    const found: string[] = [];
    let cursor: number | undefined;
    do {
      const page = store.list({ text: 'example.com', methods: ['POST'], endpointId: 'okta', statusClasses: ['4xx'], limit: 250, cursor });
      found.push(...page.entries.map((e) => e.exchangeId));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(expected.length).toBeGreaterThan(1000);
    expect(found).toEqual(expected);
  });

  it('prunes to the count limit, oldest first, in batches', async () => {
    opened.settings.maxEntries = 60_000;
    const pruned = await store.prune();
    expect(pruned).toBe(COUNT - 60_000);
    expect(store.stats().count).toBe(60_000);
    const oldest = store.list({ limit: 1, from: '2000-01-01T00:00:00Z' });
    expect(oldest.entries[0]?.exchangeId).toBe(`ex-${COUNT - 1}`);
    let cursor: number | undefined;
    let last: string | undefined;
    do {
      const page = store.list({ limit: 1000, cursor });
      last = page.entries.at(-1)?.exchangeId;
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(last).toBe(`ex-${COUNT - 60_000}`);
    expect(store.list({ text: 'marker100x', limit: 5 }).entries).toHaveLength(0);
  });
});
