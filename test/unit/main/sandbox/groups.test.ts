import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP, newUser, patchOp, startTestSandbox, type Json, type TestSandbox } from './helpers';

const group = (displayName: string, members: Json[] = [], extra: Json = {}) => ({ schemas: [GROUP], displayName, members, ...extra });

describe('sandbox Groups and User.groups (RFC 7643 §4.1.2, §4.2)', () => {
  let t: TestSandbox;
  let alice: Json;
  let bob: Json;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 0 });
    alice = (await t.call('POST', '/Users', newUser('alice', { displayName: 'Alice A' }))).body;
    bob = (await t.call('POST', '/Users', newUser('bob'))).body;
  });
  afterAll(() => t.close());

  it('creates a group with server-filled member $ref, type and display, and mirrors it in User.groups', async () => {
    const res = await t.call('POST', '/Groups', group('Pilots', [{ value: alice.id }, { value: bob.id, type: 'User' }, { value: alice.id }]));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${t.sandbox.baseUrl}/Groups/${res.body.id}`);
    expect(res.body.members).toEqual([
      { value: alice.id, $ref: `${t.sandbox.baseUrl}/Users/${alice.id}`, type: 'User', display: 'Alice A' },
      { value: bob.id, $ref: `${t.sandbox.baseUrl}/Users/${bob.id}`, type: 'User', display: 'bob' },
    ]);
    const a = (await t.get(`/Users/${alice.id}`)).body;
    expect(a.groups).toEqual([{ value: res.body.id, $ref: `${t.sandbox.baseUrl}/Groups/${res.body.id}`, display: 'Pilots', type: 'direct' }]);
    expect(a.meta.version).not.toBe(alice.meta.version);
  });

  it('computes indirect membership through nested groups, and follows renames and removals', async () => {
    const inner = (await t.call('POST', '/Groups', group('Inner', [{ value: bob.id }]))).body;
    const outer = (await t.call('POST', '/Groups', group('Outer', [{ value: inner.id, type: 'Group' }]))).body;
    let b = (await t.get(`/Users/${bob.id}`)).body;
    expect(b.groups.filter((g: Json) => g.value === outer.id)).toEqual([{ value: outer.id, $ref: `${t.sandbox.baseUrl}/Groups/${outer.id}`, display: 'Outer', type: 'indirect' }]);
    expect(b.groups.find((g: Json) => g.value === inner.id).type).toBe('direct');

    expect((await t.call('PATCH', `/Groups/${outer.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'Outer Renamed' }))).status).toBe(200);
    b = (await t.get(`/Users/${bob.id}`)).body;
    expect(b.groups.find((g: Json) => g.value === outer.id).display).toBe('Outer Renamed');

    expect((await t.call('DELETE', `/Groups/${inner.id}`)).status).toBe(204);
    b = (await t.get(`/Users/${bob.id}`)).body;
    expect(b.groups.map((g: Json) => g.value)).not.toContain(inner.id);
    expect(b.groups.map((g: Json) => g.value)).not.toContain(outer.id);
    expect((await t.get(`/Groups/${outer.id}`)).body.members).toBeUndefined();
  });

  it('adds and removes members with PATCH and keeps both sides in step', async () => {
    const crew = (await t.call('POST', '/Groups', group('Crew'))).body;
    const added = await t.call('PATCH', `/Groups/${crew.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: alice.id }, { value: bob.id }] }));
    expect(added.status).toBe(200);
    expect(added.body.members.map((m: Json) => m.value)).toEqual([alice.id, bob.id]);
    expect((await t.get(`/Users/${bob.id}`)).body.groups.map((g: Json) => g.value)).toContain(crew.id);
    const removed = await t.call('PATCH', `/Groups/${crew.id}`, patchOp({ op: 'remove', path: `members[value eq "${bob.id}"]` }));
    expect(removed.body.members.map((m: Json) => m.value)).toEqual([alice.id]);
    expect((await t.get(`/Users/${bob.id}`)).body.groups?.map((g: Json) => g.value) ?? []).not.toContain(crew.id);
  });

  it('keeps member display names in step with a user rename, and drops a deleted user from its groups', async () => {
    const carol = (await t.call('POST', '/Users', newUser('carol', { displayName: 'Carol' }))).body;
    const band = (await t.call('POST', '/Groups', group('Band', [{ value: carol.id }, { value: alice.id }]))).body;
    await t.call('PATCH', `/Users/${carol.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'Carol C' }));
    const renamed = (await t.get(`/Groups/${band.id}`)).body;
    expect(renamed.members.find((m: Json) => m.value === carol.id).display).toBe('Carol C');
    expect(renamed.meta.version).not.toBe(band.meta.version);
    await t.call('DELETE', `/Users/${carol.id}`);
    expect((await t.get(`/Groups/${band.id}`)).body.members.map((m: Json) => m.value)).toEqual([alice.id]);
  });

  it('rejects members that do not exist, that lie about their type, or the group itself', async () => {
    const before = (await t.get('/Groups')).body.totalResults;
    const missing = await t.call('POST', '/Groups', group('Ghosts', [{ value: 'no-such-id' }]));
    expect(missing.status).toBe(400);
    expect(missing.body.scimType).toBe('invalidValue');
    expect((await t.call('POST', '/Groups', group('Liars', [{ value: alice.id, type: 'Group' }]))).status).toBe(400);
    expect((await t.get('/Groups')).body.totalResults).toBe(before);
    const self = (await t.call('POST', '/Groups', group('Selfish'))).body;
    expect((await t.call('PUT', `/Groups/${self.id}`, group('Selfish', [{ value: self.id }]))).status).toBe(400);
  });

  it('keeps displayName unique among groups (409 uniqueness) and says so in /Schemas', async () => {
    await t.call('POST', '/Groups', group('Unique Name'));
    const clash = await t.call('POST', '/Groups', group('UNIQUE name'));
    expect(clash.status).toBe(409);
    expect(clash.body.scimType).toBe('uniqueness');
    const schema = (await t.get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group')).body;
    expect(schema.attributes.find((a: Json) => a.name === 'displayName').uniqueness).toBe('server');
  });

  it('refuses client writes to User.groups (readOnly)', async () => {
    const res = await t.call('PATCH', `/Users/${alice.id}`, patchOp({ op: 'add', path: 'groups', value: [{ value: 'x' }] }));
    expect(res.status).toBe(400);
    expect(res.body.scimType).toBe('mutability');
  });
});
