import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryViewT } from '@shared/api/commands/simulator';
import { PROFILE_IDS, type ProfileId, type RunReport, type SourceDirectory } from '@shared/idp';
import { startRig, type Rig } from './rig';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

function failures(report: RunReport): string[] {
  return report.objects.filter((o) => o.status === 'fail').map((o) => `${o.label}: ${o.summary}`);
}

async function edit(rig: Rig, change: (dir: SourceDirectory) => void): Promise<SourceDirectory> {
  const { directory } = await rig.call<DirectoryViewT>('simulator.getDirectory', {});
  change(directory);
  await rig.call('simulator.saveDirectory', { directory });
  return directory;
}

async function sandboxUser(rig: Rig, userName: string): Promise<Json | undefined> {
  const res = await fetch(`${rig.sandbox.baseUrl}/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`, { headers: { authorization: `Bearer ${rig.sandbox.token}` } });
  return ((await res.json()) as { Resources: Json[] }).Resources[0];
}

describe.each(PROFILE_IDS)('profile %s against the lenient sandbox', (profile: ProfileId) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ lenient: true });
    await rig.call('simulator.resetDirectory', {});
  });
  afterAll(() => rig.close());

  it('full cycle, incremental cycle after edits, and deprovision all succeed, and the app ends up as the IdP meant', async () => {
    const full = await rig.run(profile, 'full');
    expect(failures(full)).toEqual([]);
    expect(full.counts.created).toBeGreaterThanOrEqual(12);
    const diego = await sandboxUser(rig, 'diego.siciliani@contoso.example');
    expect(diego).toMatchObject({ active: true, name: { givenName: 'Diego', familyName: 'Siciliani' } });
    if (profile.startsWith('entra')) {
      const alex = await sandboxUser(rig, 'alex.wilber@contoso.example');
      // the manager reference lands in the enterprise extension (item 6), as the id the app gave Alex
      expect(diego![ENTERPRISE]).toMatchObject({ manager: { value: alex!.id }, department: 'Engineering', employeeNumber: '100003' });
      expect(diego).not.toHaveProperty('manager');
    }

    const dir = await edit(rig, (d) => {
      const byName = (n: string) => d.users.find((u) => u.attributes.userPrincipalName === n)!;
      byName('diego.siciliani@contoso.example').attributes.displayName = 'Diego S.';
      const zoe = byName('zoe.obrien@contoso.example');
      zoe.attributes.surname = "O'Brien-Walsh";
      zoe.attributes.mail = 'zoe.obrien-walsh@contoso.example';
      zoe.attributes.displayName = "Zoë O'Brien-Walsh";
      byName('kenji.nakamura@contoso.example').softDeleted = true;
      const sales = d.groups.find((g) => g.mailNickname === 'sales')!;
      sales.displayName = 'Sales Worldwide';
      sales.members = sales.members.slice(1);
    });
    const incremental = await rig.run(profile, 'incremental');
    expect(failures(incremental)).toEqual([]);
    expect(incremental.notes).toEqual([]);
    const changed = incremental.objects.filter((o) => o.type === 'user').map((o) => [o.label, o.action]);
    expect(changed).toEqual(
      expect.arrayContaining([
        ['diego.siciliani@contoso.example', 'Update'],
        ['zoe.obrien@contoso.example', 'Update'],
        ['kenji.nakamura@contoso.example', 'Disable'],
      ]),
    );
    expect(changed).toHaveLength(3);
    expect(await sandboxUser(rig, 'diego.siciliani@contoso.example')).toMatchObject({ displayName: 'Diego S.' });
    const zoe = await sandboxUser(rig, 'zoe.obrien@contoso.example');
    if (profile.startsWith('entra')) {
      expect(zoe).toMatchObject({ name: { familyName: "O'Brien-Walsh", formatted: "Zoë O'Brien-Walsh" }, emails: [expect.objectContaining({ type: 'work', value: 'zoe.obrien-walsh@contoso.example' })] });
    } else expect(zoe).toMatchObject({ name: { familyName: "O'Brien-Walsh" }, displayName: "Zoë O'Brien-Walsh" });
    expect(await sandboxUser(rig, 'kenji.nakamura@contoso.example')).toMatchObject({ active: false });
    const renamed = incremental.objects.find((o) => o.type === 'group' && o.label === 'Sales Worldwide');
    expect(renamed).toMatchObject({ action: 'Update' });
    const group = await (await fetch(`${rig.sandbox.baseUrl}/Groups/${renamed!.targetId}`, { headers: { authorization: `Bearer ${rig.sandbox.token}` } })).json() as Json;
    expect(group.displayName).toBe('Sales Worldwide');
    expect(group.members).toHaveLength(dir.groups.find((g) => g.mailNickname === 'sales')!.members.length);

    // nothing changed since: an incremental cycle sends no write
    rig.proxy.clear();
    const quiet = await rig.run(profile, 'incremental');
    expect(quiet.objects).toEqual([]);
    expect(rig.proxy.recorded.filter((r) => r.method !== 'GET')).toEqual([]);

    const gone = await rig.run(profile, 'deprovision');
    expect(failures(gone)).toEqual([]);
    if (profile.startsWith('entra')) {
      expect(await sandboxUser(rig, 'diego.siciliani@contoso.example')).toBeUndefined();
      expect(gone.objects.filter((o) => o.type === 'user' && o.action === 'Delete')).toHaveLength(12);
    } else {
      // Okta never deletes users: it deactivates them
      expect(await sandboxUser(rig, 'diego.siciliani@contoso.example')).toMatchObject({ active: false });
    }
    expect(gone.objects.filter((o) => o.type === 'group' && o.action === 'Delete')).toHaveLength(3);
  });
});
