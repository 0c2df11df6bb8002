import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, patchOp, startTestSandbox, type Json, type TestSandbox } from './helpers';

const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

describe('sandbox .search (RFC 7644 §3.4.3) and /Me (§3.11)', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 12 });
  });
  afterAll(() => t.close());

  it('POST /Users/.search takes the query from the body, with paging and sorting', async () => {
    const res = await t.call('POST', '/Users/.search', { schemas: [SEARCH], filter: 'active eq true', sortBy: 'userName', sortOrder: 'descending', startIndex: 2, count: 3 });
    expect(res.status).toBe(200);
    const viaGet = await t.get(`/Users?filter=${encodeURIComponent('active eq true')}&sortBy=userName&sortOrder=descending&startIndex=2&count=3`);
    expect(res.body).toEqual(viaGet.body);
    const cursor = await t.call('POST', '/Users/.search', { schemas: [SEARCH], cursor: '', count: 5 });
    expect(cursor.body.nextCursor).toBeDefined();
    const next = await t.call('POST', '/Users/.search', { schemas: [SEARCH], cursor: cursor.body.nextCursor, count: 5 });
    expect(next.body.Resources[0].id).not.toBe(cursor.body.Resources[0].id);
  });

  it('POST /.search at the root searches every resource type', async () => {
    const res = await t.call('POST', '/.search', { schemas: [SEARCH], filter: 'displayName co "e"', attributes: ['displayName'] });
    expect(res.status).toBe(200);
    const kinds = new Set((res.body.Resources as Json[]).map((r) => r.schemas[0]));
    expect(kinds).toEqual(new Set(['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:core:2.0:Group']));
    const all = await t.get('/?count=1000');
    expect(all.body.totalResults).toBe(12 + 8);
  });

  it('refuses a search body without the SearchRequest schema, and GET on /.search', async () => {
    const res = await t.call('POST', '/Users/.search', { filter: 'userName pr' });
    expect(res.status).toBe(400);
    expect(res.body.scimType).toBe('invalidSyntax');
    expect((await t.get('/Users/.search')).status).toBe(405);
  });

  it('/Me is the user the bearer token belongs to (the first seeded user), for GET, PUT and PATCH', async () => {
    const first = (await t.get('/Users?count=1')).body.Resources[0] as Json;
    const me = await t.get('/Me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(first.id);
    expect(me.body.meta.location).toBe(`${t.sandbox.baseUrl}/Users/${first.id}`);
    const patched = await t.call('PATCH', '/Me', patchOp({ op: 'replace', path: 'nickName', value: 'Boss' }));
    expect(patched.body.nickName).toBe('Boss');
    expect((await t.get(`/Users/${first.id}`)).body.nickName).toBe('Boss');
    expect((await t.call('POST', '/Me', newUser('self.registered'))).status).toBe(501);
  });

  it('/Me with Basic is the user named in the credentials; 404 when that user does not exist', async () => {
    const someone = (await t.call('POST', '/Users', newUser('someone.else'))).body;
    const as = (user: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${t.sandbox.token}`).toString('base64')}` });
    const me = await fetch(`${t.sandbox.baseUrl}/Me`, { headers: as('Someone.Else') });
    expect(((await me.json()) as Json).id).toBe(someone.id);
    const nobody = await fetch(`${t.sandbox.baseUrl}/Me`, { headers: as('nobody.here') });
    expect(nobody.status).toBe(404);
  });
});
