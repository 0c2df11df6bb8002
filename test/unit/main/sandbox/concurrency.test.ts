import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, startTestSandbox, type Json, type TestSandbox } from './helpers';

describe('sandbox under concurrent writes', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 0 });
  });
  afterAll(() => t.close());

  it('100 parallel creates with distinct userNames: 100 resources, each findable by its userName', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => t.call('POST', '/Users', newUser(`parallel.${i}`))));
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(100);
    const list = await t.get('/Users?count=1000');
    expect(list.body.totalResults).toBe(100);
    for (const i of [0, 37, 99]) {
      const found = await t.get(`/Users?filter=${encodeURIComponent(`userName eq "PARALLEL.${i}"`)}`);
      expect(found.body.totalResults).toBe(1);
    }
  });

  it('100 parallel creates of one userName (in different cases): exactly one wins, 99 get 409, the store stays consistent', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => t.call('POST', '/Users', newUser(i % 2 ? 'clash.user' : 'CLASH.User', { title: `attempt ${i}` }))));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const winner = results.find((r) => r.status === 201)!.body as Json;
    const found = await t.get(`/Users?filter=${encodeURIComponent('userName eq "clash.user"')}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(winner.id);
    expect((await t.get('/Users?count=0')).body.totalResults).toBe(101);
  });

  it('parallel member additions to one group all land, and every user sees the group', async () => {
    const users = ((await t.get('/Users?count=30')).body.Resources as Json[]).map((u) => u.id as string);
    const group = (await t.call('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Parallel' })).body;
    const results = await Promise.all(
      users.map((id) =>
        t.call('PATCH', `/Groups/${group.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const final = (await t.get(`/Groups/${group.id}`)).body;
    expect(new Set(final.members.map((m: Json) => m.value))).toEqual(new Set(users));
    for (const id of users.slice(0, 5)) expect((await t.get(`/Users/${id}`)).body.groups.map((g: Json) => g.value)).toContain(group.id);
  });
});
