import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVIATION_HEADER } from '../../../../src/main/services/sandbox/service';
import { GROUP, newUser, patchOp, startTestSandbox, type Json, type TestSandbox } from './helpers';

/** What Entra ID sends by default (its "SCIM 2.0 compliance" flags off). */
const entraReplace = patchOp({ op: 'Replace', path: 'active', value: 'False' });

describe('sandbox PATCH: strict by default, lenient on request', () => {
  let t: TestSandbox;
  let user: Json;
  let group: Json;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 0 });
    user = (await t.call('POST', '/Users', newUser('entra.user', { active: true }))).body;
    group = (await t.call('POST', '/Groups', { schemas: [GROUP], displayName: 'Entra Group', members: [{ value: user.id }] })).body;
  });
  afterAll(() => t.close());

  it('refuses Entra ID default shapes in strict mode with a precise 400, changing nothing', async () => {
    const res = await t.call('PATCH', `/Users/${user.id}`, entraReplace);
    expect(res.status).toBe(400);
    expect(res.body.detail).toBeTruthy();
    const removeWithValue = await t.call('PATCH', `/Groups/${group.id}`, patchOp({ op: 'Remove', path: 'members', value: [{ value: user.id }] }));
    expect(removeWithValue.status).toBe(400);
    expect((await t.get(`/Users/${user.id}`)).body.active).toBe(true);
    expect((await t.get(`/Groups/${group.id}`)).body.members).toHaveLength(1);
  });

  it('accepts them in lenient mode and lists each deviation in a response header', async () => {
    t.sandbox.configure({ lenient: true });
    try {
      expect(t.sandbox.status().lenient).toBe(true);
      const res = await t.call('PATCH', `/Users/${user.id}`, entraReplace);
      expect(res.status).toBe(200);
      expect(res.body.active).toBe(false);
      expect(res.headers.get(DEVIATION_HEADER)).toBeTruthy();
      const removed = await t.call('PATCH', `/Groups/${group.id}`, patchOp({ op: 'Remove', path: 'members', value: [{ value: user.id }] }));
      expect(removed.status).toBe(200);
      expect(removed.body.members).toBeUndefined();
      expect(removed.headers.get(DEVIATION_HEADER)).toBeTruthy();
      expect((await t.get(`/Users/${user.id}`)).body.groups).toBeUndefined();
      // lenient filters too: an unquoted value
      const filtered = await t.get(`/Users?filter=${encodeURIComponent('userName eq entra.user')}`);
      expect(filtered.status).toBe(200);
      expect(filtered.body.totalResults).toBe(1);
      expect(filtered.headers.get(DEVIATION_HEADER)).toBeTruthy();
    } finally {
      t.sandbox.configure({ lenient: false });
    }
    expect((await t.get(`/Users?filter=${encodeURIComponent('userName eq entra.user')}`)).status).toBe(400);
  });
});
