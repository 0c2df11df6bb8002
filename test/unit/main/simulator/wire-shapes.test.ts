import { afterEach, describe, expect, it } from 'vitest';
import type { DirectoryViewT } from '@shared/api/commands/simulator';
import type { ProfileId, SourceDirectory } from '@shared/idp';
import type { Recorded } from '../../../support/recording-proxy';
import { documented } from '../../../fixtures/idp/documented-shapes';
import { startRig, type Rig } from './rig';

const BASE = '/scim/v2';
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const rel = (r: Recorded) => r.url.slice(BASE.length);

async function edit(change: (dir: SourceDirectory) => void): Promise<void> {
  const { directory } = await rig!.call<DirectoryViewT>('simulator.getDirectory', {});
  change(directory);
  await rig!.call('simulator.saveDirectory', { directory });
}

async function idOf(userName: string): Promise<string> {
  const res = await fetch(`${rig!.sandbox.baseUrl}/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`, { headers: { authorization: `Bearer ${rig!.sandbox.token}` } });
  return ((await res.json()) as { Resources: { id: string }[] }).Resources[0]!.id;
}

const user = (d: SourceDirectory, upn: string) => d.users.find((u) => u.attributes.userPrincipalName === upn)!;

/** Full cycle, then: a title added to a user that had none, a rename, a soft delete, a member removed. */
async function scenario(profile: ProfileId) {
  rig = await startRig({ lenient: true });
  await edit((d) => (user(d, 'kenji.nakamura@contoso.example').attributes.jobTitle = null));
  await rig.run(profile, 'full');
  const created = rig.proxy.recorded.slice();
  rig.proxy.clear();
  const removed = await idOf('jose.garciamarquez@contoso.example');
  await edit((d) => {
    user(d, 'kenji.nakamura@contoso.example').attributes.jobTitle = 'QA Lead';
    const zoe = user(d, 'zoe.obrien@contoso.example');
    zoe.attributes.surname = "O'Brien-Walsh";
    zoe.attributes.mail = 'zoe.walsh@contoso.example';
    user(d, 'diego.siciliani@contoso.example').softDeleted = true;
    const sales = d.groups.find((g) => g.mailNickname === 'sales')!;
    sales.members = sales.members.filter((m) => m !== user(d, 'jose.garciamarquez@contoso.example').id);
  });
  await rig.run(profile, 'incremental');
  return { created, updates: rig.proxy.recorded.slice(), removed };
}

describe('what the simulator puts on the wire is what the IdPs document', () => {
  it('entra (default): Test Connection, queries, create, Add/Replace ops, "False", Remove with a value list, $ref null, Example 5 manager', async () => {
    const { created, updates, removed } = await scenario('entra');
    const paths = created.filter((r) => r.method === 'GET').map(rel);
    expect(paths[0]).toMatch(documented.entra.testConnectionQuery);
    expect(paths.filter((p) => p.startsWith('/Users?'))).toEqual(expect.arrayContaining([expect.stringMatching(documented.entra.userQuery)]));
    expect(paths.filter((p) => p.startsWith('/Users?')).every((p) => documented.entra.userQuery.test(p))).toBe(true);
    expect(paths.filter((p) => p.startsWith('/Groups?')).every((p) => documented.entra.groupQuery.test(p))).toBe(true);

    const post = created.find((r) => r.method === 'POST' && rel(r) === '/Users')!;
    const body = post.body as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(expect.arrayContaining(documented.entra.createUserKeys));
    expect(body).toMatchObject({ schemas: documented.entra.createUserSchemas, active: true, meta: { resourceType: 'User' }, roles: [], emails: [{ primary: true, type: 'work', value: expect.any(String) }] });
    expect(post.headers['content-type']).toBe('application/scim+json');

    const groupPost = created.find((r) => r.method === 'POST' && rel(r) === '/Groups')!;
    const group = groupPost.body as { displayName: string; externalId: string };
    expect(group).toEqual(documented.entra.createGroup(group.externalId, group.displayName));

    const alex = await idOf('alex.wilber@contoso.example');
    const diego = await idOf('diego.siciliani@contoso.example');
    const tenantUrl = `${rig!.proxy.origin}${BASE}`;
    expect(created.find((r) => r.method === 'PATCH' && rel(r) === `/Users/${diego}`)!.body).toEqual(documented.entra.manager(tenantUrl, alex));

    const adds = created.filter((r) => r.method === 'PATCH' && rel(r).startsWith('/Groups/'));
    for (const add of adds) {
      const ids = ((add.body as { Operations: { value: { value: string }[] }[] }).Operations[0]!.value).map((m) => m.value);
      expect(add.body).toEqual(documented.entra.addMembers(ids));
    }

    const kenji = await idOf('kenji.nakamura@contoso.example');
    expect(updates.find((r) => r.method === 'PATCH' && rel(r) === `/Users/${kenji}`)!.body).toEqual(documented.entra.addSingle('title', 'QA Lead'));
    expect(updates.find((r) => r.method === 'PATCH' && rel(r) === `/Users/${diego}`)!.body).toEqual(documented.entra.disable);
    const zoe = await idOf('zoe.obrien@contoso.example');
    expect(updates.find((r) => r.method === 'PATCH' && rel(r) === `/Users/${zoe}`)!.body).toEqual(
      documented.entra.replaceEach([
        ['emails[type eq "work"].value', 'zoe.walsh@contoso.example'],
        ['name.familyName', "O'Brien-Walsh"],
        ['name.formatted', "Zoë O'Brien-Walsh"],
      ]),
    );
    expect(updates.find((r) => r.method === 'PATCH' && rel(r).startsWith('/Groups/'))!.body).toEqual(documented.entra.removeMembers([removed]));
  });

  it('entra-flag: lower-case ops, real booleans, the no-path replace keyed by path, members removed by filter', async () => {
    const { created, updates, removed } = await scenario('entra-flag');
    expect(created.filter((r) => r.method === 'PATCH').every((r) => (r.body as { Operations: { op: string }[] }).Operations.every((o) => o.op === o.op.toLowerCase()))).toBe(true);
    const kenji = await idOf('kenji.nakamura@contoso.example');
    const diego = await idOf('diego.siciliani@contoso.example');
    const zoe = await idOf('zoe.obrien@contoso.example');
    expect(updates.find((r) => r.method === 'PATCH' && rel(r) === `/Users/${kenji}`)!.body).toEqual(documented.entraFlag.addSingle('title', 'QA Lead'));
    expect(updates.find((r) => r.method === 'PATCH' && rel(r) === `/Users/${diego}`)!.body).toEqual(documented.entraFlag.disable);
    expect(updates.find((r) => r.method === 'PATCH' && rel(r) === `/Users/${zoe}`)!.body).toEqual(
      documented.entraFlag.replaceMany([['emails[type eq "work"].value', 'zoe.walsh@contoso.example']], { 'name.familyName': "O'Brien-Walsh", 'name.formatted': "Zoë O'Brien-Walsh" }),
    );
    expect((updates.find((r) => r.method === 'PATCH' && rel(r).startsWith('/Groups/'))!.body as { Operations: unknown[] }).Operations).toEqual([documented.entraFlag.removeMember(removed)]);
  });

  it('okta: the filter with startIndex and count, its User-Agent, the create keys, GET before PUT, deactivation by PATCH, Group Push', async () => {
    const { created, updates, removed } = await scenario('okta');
    expect(created.every((r) => r.headers['user-agent'] === documented.okta.userAgent)).toBe(true);
    const queries = created.filter((r) => r.method === 'GET' && rel(r).startsWith('/Users?filter')).map(rel);
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.every((q) => documented.okta.userQuery.test(q))).toBe(true);
    const post = created.find((r) => r.method === 'POST' && rel(r) === '/Users')!;
    expect(Object.keys(post.body as object)).toEqual(documented.okta.createUserKeys);
    expect(post.body).toMatchObject({ groups: [], active: true, password: expect.stringMatching(/^[a-z0-9]{8}$/), emails: [{ primary: true, type: 'work' }] });
    const groupPost = created.find((r) => r.method === 'POST' && rel(r) === '/Groups')!;
    expect(groupPost.body).toEqual(documented.okta.createGroup((groupPost.body as { displayName: string }).displayName));
    // no query before a group push
    expect(created.some((r) => rel(r).startsWith('/Groups?'))).toBe(false);

    const kenji = await idOf('kenji.nakamura@contoso.example');
    const kenjiCalls = updates.filter((r) => rel(r) === `/Users/${kenji}`);
    // title is not in Okta's default mapping: Okta reads the user and finds nothing to send
    expect(kenjiCalls.map((r) => r.method)).toEqual(['GET']);
    const zoe = await idOf('zoe.obrien@contoso.example');
    const zoeCalls = updates.filter((r) => rel(r) === `/Users/${zoe}`);
    expect(zoeCalls.map((r) => r.method)).toEqual(['GET', 'PUT']);
    expect(zoeCalls[1]!.body).toMatchObject({ id: zoe, name: { familyName: "O'Brien-Walsh" }, emails: [expect.objectContaining({ value: 'zoe.walsh@contoso.example' })], meta: expect.any(Object) });
    const diego = await idOf('diego.siciliani@contoso.example');
    expect(updates.filter((r) => r.method === 'PATCH' && rel(r) === `/Users/${diego}`).map((r) => r.body)).toEqual([documented.okta.deactivate]);
    const groupCalls = updates.filter((r) => r.method === 'PATCH' && rel(r).startsWith('/Groups/'));
    const groupId = rel(groupCalls[0]!).split('/')[2]!;
    expect(groupCalls.map((r) => r.body)).toEqual([documented.okta.renameGroup(groupId, 'Sales EMEA & Americas'), documented.okta.membership([removed], [])]);
  });

  it('okta-put: every change is a GET then a PUT of the whole user or group', async () => {
    const { updates } = await scenario('okta-put');
    const writes = updates.filter((r) => r.method !== 'GET');
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((r) => r.method === 'PUT')).toBe(true);
    const diego = await idOf('diego.siciliani@contoso.example');
    const deactivation = writes.find((r) => rel(r) === `/Users/${diego}`)!;
    expect(deactivation.body).toMatchObject({ id: diego, active: false, userName: 'diego.siciliani@contoso.example' });
    const groupPut = writes.find((r) => rel(r).startsWith('/Groups/'))!;
    expect(groupPut.body).toMatchObject({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales EMEA & Americas' });
    const members = (groupPut.body as { members: { value: string; display: string }[] }).members;
    expect(members.map((m) => m.display).sort()).toEqual(['ingrid.vanderberg@contoso.example', 'megan.bowen@contoso.example']);
  });
});
