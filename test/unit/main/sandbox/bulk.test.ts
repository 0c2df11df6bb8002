import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP, USER, patchOp, startTestSandbox, type Json, type TestSandbox } from './helpers';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const bulk = (Operations: Json[], extra: Json = {}) => ({ schemas: [BULK], Operations, ...extra });

describe('sandbox /Bulk (RFC 7644 §3.7)', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 0, limits: { maxOperations: 10, maxPayloadSize: 8192 } });
  });
  afterAll(() => t.close());

  it('runs operations in order and resolves bulkId references, even forward ones', async () => {
    const res = await t.call(
      'POST',
      '/Bulk',
      bulk([
        // the group names two users created by later operations
        { method: 'POST', path: '/Groups', bulkId: 'g1', data: { schemas: [GROUP], displayName: 'Bulk Group', members: [{ value: 'bulkId:u1' }, { value: 'bulkId:u2' }] } },
        { method: 'POST', path: '/Users', bulkId: 'u1', data: { schemas: [USER], userName: 'bulk.one' } },
        { method: 'POST', path: '/Users', bulkId: 'u2', data: { schemas: [USER], userName: 'bulk.two' } },
        { method: 'PATCH', path: '/Users/bulkId:u1', data: patchOp({ op: 'replace', path: 'title', value: 'First' }) },
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:BulkResponse']);
    const ops = res.body.Operations as Json[];
    expect(ops.map((o) => [o.method, o.bulkId, o.status])).toEqual([
      ['POST', 'g1', '201'],
      ['POST', 'u1', '201'],
      ['POST', 'u2', '201'],
      ['PATCH', undefined, '200'],
    ]);
    for (const op of ops) expect(op.version).toMatch(/^W\//);
    const group = (await fetch(ops[0]!.location, { headers: { authorization: `Bearer ${t.sandbox.token}` } }).then((r) => r.json())) as Json;
    const u1 = ops[1]!.location.split('/').pop();
    const u2 = ops[2]!.location.split('/').pop();
    expect(group.members.map((m: Json) => m.value)).toEqual([u1, u2]);
    const one = (await t.get(`/Users/${u1}`)).body;
    expect(one.title).toBe('First');
    expect(one.groups[0].value).toBe(group.id);
  });

  it('reports each failed operation with its Error, and stops after failOnErrors', async () => {
    const res = await t.call(
      'POST',
      '/Bulk',
      bulk(
        [
          { method: 'POST', path: '/Users', bulkId: 'a', data: { schemas: [USER], userName: 'bulk.one' } },
          { method: 'DELETE', path: '/Users/no-such-id' },
          { method: 'POST', path: '/Users', bulkId: 'c', data: { schemas: [USER], userName: 'never.created' } },
        ],
        { failOnErrors: 2 },
      ),
    );
    const ops = res.body.Operations as Json[];
    expect(ops).toHaveLength(2);
    expect(ops[0]).toMatchObject({ method: 'POST', bulkId: 'a', status: '409', response: { status: '409', scimType: 'uniqueness' } });
    expect(ops[1]).toMatchObject({ method: 'DELETE', status: '404' });
    expect((await t.get('/Users?filter=userName%20eq%20%22never.created%22')).body.totalResults).toBe(0);
  });

  it('answers a dependent of a failed POST, and circular references, with 409', async () => {
    const res = await t.call(
      'POST',
      '/Bulk',
      bulk([
        { method: 'POST', path: '/Users', bulkId: 'dup', data: { schemas: [USER], userName: 'bulk.two' } },
        { method: 'POST', path: '/Groups', bulkId: 'needs-dup', data: { schemas: [GROUP], displayName: 'Needs Dup', members: [{ value: 'bulkId:dup' }] } },
        { method: 'POST', path: '/Groups', bulkId: 'x', data: { schemas: [GROUP], displayName: 'X', members: [{ value: 'bulkId:y' }] } },
        { method: 'POST', path: '/Groups', bulkId: 'y', data: { schemas: [GROUP], displayName: 'Y', members: [{ value: 'bulkId:x' }] } },
        { method: 'POST', path: '/Groups', bulkId: 'z', data: { schemas: [GROUP], displayName: 'Z', members: [{ value: 'bulkId:nowhere' }] } },
      ]),
    );
    const byId = new Map((res.body.Operations as Json[]).map((o) => [o.bulkId, o]));
    expect(byId.get('dup')!.status).toBe('409');
    expect(byId.get('needs-dup')!.status).toBe('409');
    expect(byId.get('x')!.status).toBe('409');
    expect(byId.get('y')!.status).toBe('409');
    expect(byId.get('z')!.status).toBe('400');
  });

  it('honours version (If-Match) per operation', async () => {
    const user = (await t.call('POST', '/Users', { schemas: [USER], userName: 'bulk.versioned' })).body;
    const res = await t.call(
      'POST',
      '/Bulk',
      bulk([
        { method: 'PUT', path: `/Users/${user.id}`, version: 'W/"stale"', data: { schemas: [USER], userName: 'bulk.versioned', title: 'no' } },
        { method: 'PUT', path: `/Users/${user.id}`, version: user.meta.version, data: { schemas: [USER], userName: 'bulk.versioned', title: 'yes' } },
      ]),
    );
    expect((res.body.Operations as Json[]).map((o) => o.status)).toEqual(['412', '200']);
    expect((await t.get(`/Users/${user.id}`)).body.title).toBe('yes');
  });

  it('enforces maxOperations and maxPayloadSize with 413, changing nothing', async () => {
    const before = (await t.get('/Users?count=0')).body.totalResults;
    const many = Array.from({ length: 11 }, (_, i) => ({ method: 'POST', path: '/Users', bulkId: `m${i}`, data: { schemas: [USER], userName: `many.${i}` } }));
    const tooMany = await t.call('POST', '/Bulk', bulk(many));
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toMatchObject({ status: '413' });
    expect(tooMany.body.detail).toMatch(/maxOperations is 10/);
    const big = await t.call('POST', '/Bulk', bulk([{ method: 'POST', path: '/Users', bulkId: 'b', data: { schemas: [USER], userName: 'big', nickName: 'x'.repeat(9000) } }]));
    expect(big.status).toBe(413);
    expect((await t.get('/Users?count=0')).body.totalResults).toBe(before);
  });

  it('rejects a request without the BulkRequest schema, and malformed operations one by one', async () => {
    expect((await t.call('POST', '/Bulk', { Operations: [] })).status).toBe(400);
    const res = await t.call(
      'POST',
      '/Bulk',
      bulk([
        { method: 'GET', path: '/Users' },
        { method: 'POST', path: '/Users', data: { schemas: [USER], userName: 'no.bulk.id' } },
        { method: 'POST', path: '/Things', bulkId: 't', data: {} },
      ]),
    );
    expect((res.body.Operations as Json[]).map((o) => o.status)).toEqual(['400', '400', '404']);
  });
});
