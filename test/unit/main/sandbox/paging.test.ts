import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, startTestSandbox, type Json, type TestSandbox } from './helpers';

const ids = (body: Json): string[] => (body.Resources as Json[]).map((r) => r.id as string);

describe('sandbox paging and sorting (RFC 7644 §3.4.2.3-4, RFC 9865)', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 57 });
  });
  afterAll(() => t.close());

  it('reports integer totalResults, itemsPerPage equal to the Resources returned, and startIndex', async () => {
    const page = await t.get('/Users?startIndex=51&count=10');
    expect(page.body).toMatchObject({ totalResults: 57, itemsPerPage: 7, startIndex: 51 });
    expect(page.body.Resources).toHaveLength(7);
    const none = await t.get('/Users?count=0');
    expect(none.body).toMatchObject({ totalResults: 57, itemsPerPage: 0, startIndex: 1, Resources: [] });
    const past = await t.get('/Users?startIndex=100');
    expect(past.body).toMatchObject({ totalResults: 57, itemsPerPage: 0, startIndex: 100 });
    const all = await t.get('/Users');
    expect(all.body.itemsPerPage).toBe(57);
    const filtered = await t.get(`/Users?filter=${encodeURIComponent('title co "manager"')}&count=3`);
    expect(filtered.body.itemsPerPage).toBe(Math.min(3, filtered.body.totalResults));
    expect(filtered.body.Resources).toHaveLength(filtered.body.itemsPerPage);
  });

  it('reads startIndex below 1 as 1 and a negative count as 0; rejects non-integers', async () => {
    expect((await t.get('/Users?startIndex=-4&count=2')).body).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
    expect((await t.get('/Users?count=-1')).body).toMatchObject({ itemsPerPage: 0 });
    const bad = await t.get('/Users?count=ten');
    expect(bad.status).toBe(400);
    expect(bad.body.scimType).toBe('invalidCount');
    expect((await t.get('/Users?startIndex=1.5')).status).toBe(400);
  });

  it('pages in a stable order that covers every resource once', async () => {
    const seen: string[] = [];
    for (let start = 1; start <= 57; start += 10) seen.push(...ids((await t.get(`/Users?startIndex=${start}&count=10`)).body));
    expect(seen).toHaveLength(57);
    expect(new Set(seen).size).toBe(57);
    expect(seen).toEqual(ids((await t.get('/Users')).body));
  });

  it('sorts by sortBy/sortOrder, case-insensitively, stably, with unassigned values last (ascending) or first (descending)', async () => {
    const asc = (await t.get('/Users?sortBy=name.familyName&count=100')).body.Resources as Json[];
    const family = asc.map((u) => (u.name.familyName as string).toLowerCase());
    expect(family).toEqual([...family].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // ties keep insertion order, in both directions
    const insertion = ids((await t.get('/Users')).body);
    for (let i = 1; i < asc.length; i++) {
      if (family[i] === family[i - 1]) expect(insertion.indexOf(asc[i]!.id)).toBeGreaterThan(insertion.indexOf(asc[i - 1]!.id));
    }
    const desc = (await t.get('/Users?sortBy=name.familyName&sortOrder=descending&count=100')).body.Resources as Json[];
    expect(desc.map((u) => (u.name.familyName as string).toLowerCase())).toEqual([...family].reverse().sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));

    const noTitle = await t.call('POST', '/Users', newUser('zz.no.title'));
    const byTitle = (await t.get('/Users?sortBy=title&count=100')).body.Resources as Json[];
    expect(byTitle[byTitle.length - 1]!.id).toBe(noTitle.body.id);
    const byTitleDesc = (await t.get('/Users?sortBy=title&sortOrder=DESCENDING&count=100')).body.Resources as Json[];
    expect(byTitleDesc[0]!.id).toBe(noTitle.body.id);
    await t.call('DELETE', `/Users/${noTitle.body.id}`);

    const byEmail = (await t.get('/Users?sortBy=emails&count=100')).body.Resources as Json[];
    const primary = byEmail.map((u) => (u.emails as Json[]).find((e) => e.primary)!.value as string);
    expect(primary).toEqual([...primary].sort());
  });

  it('rejects a bad sortOrder, an unknown sortBy, and a complex sortBy without a sub-attribute', async () => {
    expect((await t.get('/Users?sortBy=userName&sortOrder=up')).body.scimType).toBe('invalidValue');
    expect((await t.get('/Users?sortBy=shoeSize')).status).toBe(400);
    expect((await t.get('/Users?sortBy=name')).body.detail).toMatch(/sub-attribute/);
  });

  it('pages with cursors (RFC 9865): nextCursor until the last page, previousCursor back', async () => {
    const first = await t.get('/Users?cursor&count=20&sortBy=userName');
    expect(first.status).toBe(200);
    expect(first.body.startIndex).toBeUndefined();
    expect(first.body).toMatchObject({ totalResults: 57, itemsPerPage: 20 });
    expect(first.body.previousCursor).toBeUndefined();
    expect(first.body.nextCursor).toMatch(/^[A-Za-z0-9\-._~]+$/);
    const second = await t.get(`/Users?cursor=${first.body.nextCursor}&count=20&sortBy=userName`);
    const third = await t.get(`/Users?cursor=${second.body.nextCursor}&count=20&sortBy=userName`);
    expect(third.body.itemsPerPage).toBe(17);
    expect(third.body.nextCursor).toBeUndefined();
    const all = [...ids(first.body), ...ids(second.body), ...ids(third.body)];
    expect(all).toEqual(ids((await t.get('/Users?sortBy=userName&count=100')).body));
    const back = await t.get(`/Users?cursor=${third.body.previousCursor}&count=20&sortBy=userName`);
    expect(ids(back.body)).toEqual(ids(second.body));
    const backAgain = await t.get(`/Users?cursor=${back.body.previousCursor}&count=20&sortBy=userName`);
    expect(ids(backAgain.body)).toEqual(ids(first.body));
    expect(backAgain.body.previousCursor).toBeUndefined();
  });

  it('keeps cursor pages consistent while resources are added and removed', async () => {
    const first = await t.get('/Users?cursor=&count=10');
    const firstIds = ids(first.body);
    // delete one already seen, add one at the end: the next page neither repeats nor skips
    await t.call('DELETE', `/Users/${firstIds[3]}`);
    const added = await t.call('POST', '/Users', newUser('cursor.newcomer'));
    const rest: string[] = [];
    let cursor: string | undefined = first.body.nextCursor;
    while (cursor) {
      const page = await t.get(`/Users?cursor=${cursor}&count=10`);
      rest.push(...ids(page.body));
      cursor = page.body.nextCursor;
    }
    const everything = ids((await t.get('/Users?count=1000')).body);
    expect([...firstIds.filter((id) => id !== firstIds[3]), ...rest]).toEqual(everything);
    expect(rest).toContain(added.body.id);
  });

  it('answers bad cursors with invalidCursor, a count that is not an integer with invalidCount, and refuses mixing methods', async () => {
    const bad = await t.get('/Users?cursor=not-a-cursor&count=5');
    expect(bad.status).toBe(400);
    expect(bad.body.scimType).toBe('invalidCursor');
    const first = await t.get('/Users?cursor&count=5');
    const otherQuery = await t.get(`/Users?cursor=${first.body.nextCursor}&count=5&sortBy=title`);
    expect(otherQuery.body.scimType).toBe('invalidCursor');
    const tampered = `${first.body.nextCursor.slice(0, -2)}xx`;
    expect((await t.get(`/Users?cursor=${tampered}`)).body.scimType).toBe('invalidCursor');
    const notANumber = await t.get('/Users?cursor&count=five');
    expect(notANumber.status).toBe(400);
    expect(notANumber.body.scimType).toBe('invalidCount');
    const both = await t.get('/Users?cursor&startIndex=1');
    expect(both.status).toBe(400);
  });

  it('expires cursors after cursorTimeout with expiredCursor', async () => {
    const short = await startTestSandbox({ users: 5, limits: { cursorTimeout: 0 } });
    try {
      const first = await short.get('/Users?cursor&count=2');
      await new Promise((r) => setTimeout(r, 1100));
      const late = await short.get(`/Users?cursor=${first.body.nextCursor}&count=2`);
      expect(late.status).toBe(400);
      expect(late.body.scimType).toBe('expiredCursor');
    } finally {
      await short.close();
    }
  });

  it('caps pages at maxPageSize and uses defaultPageSize without a count', async () => {
    const small = await startTestSandbox({ users: 30, limits: { defaultPageSize: 7, maxPageSize: 12 } });
    try {
      expect((await small.get('/Users')).body.itemsPerPage).toBe(7);
      expect((await small.get('/Users?count=500')).body.itemsPerPage).toBe(12);
      const config = (await small.get('/ServiceProviderConfig')).body;
      expect(config.pagination).toMatchObject({ cursor: true, index: true, defaultPageSize: 7, maxPageSize: 12 });
      expect(config.filter.maxResults).toBe(12);
    } finally {
      await small.close();
    }
  });
});
