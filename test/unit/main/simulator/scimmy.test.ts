import { afterEach, describe, expect, it } from 'vitest';
import type { ObjectLog, ProfileId, RunReport, StepRecord } from '@shared/idp';
import { compose, type AppCore } from '../../../../src/main/compose';
import { startScimmyServer, type ScimmyServer } from '../../../peers/scimmy-server';
import { tempDir } from '../../../support/temp-dir';

let scimmy: ScimmyServer | undefined;
let core: AppCore | undefined;
let dir: ReturnType<typeof tempDir> | undefined;

afterEach(async () => {
  await core?.dispose();
  await scimmy?.close();
  dir?.cleanup();
  core = scimmy = dir = undefined;
});

async function against(profile: ProfileId): Promise<{ full: RunReport; gone: RunReport; steps: (r: RunReport) => StepRecord[] }> {
  scimmy = await startScimmyServer({ users: 3 });
  dir = tempDir();
  const peer = scimmy;
  core = await compose({ host: 'web', dataDir: dir.path, sandbox: false, builtInEndpoints: () => [{ id: 'scimmy', name: 'SCIMMY', baseUrl: peer.baseUrl, token: peer.token }] });
  const simulator = core.simulator;
  const full = await simulator.run({ endpointId: 'scimmy', profile, mode: 'full', settings: { rate: 0 } });
  const gone = await simulator.run({ endpointId: 'scimmy', profile, mode: 'deprovision', settings: { rate: 0 } });
  const steps = (r: RunReport) => r.objects.flatMap((o) => (simulator.object(r.runId, o.index) as ObjectLog).steps);
  return { full, gone, steps };
}

describe('against SCIMMY (a third-party SCIM server), the simulator reports what would break a real cycle', () => {
  it('Entra ID (default): the manager reference (Example 5) and the "False" soft delete are rejected; nothing else fails', async () => {
    const { full, gone, steps } = await against('entra');
    expect(full.objects.filter((o) => o.type === 'user').every((o) => o.targetId)).toBe(true);
    const failedKinds = (r: RunReport) => [...new Set(steps(r).filter((s) => s.status === 'fail').map((s) => s.kind))];
    expect(failedKinds(full)).toEqual(['set-manager']);
    const manager = steps(full).find((s) => s.kind === 'set-manager' && s.status === 'fail')!;
    expect(manager.verdict?.log).toContain("Invalid path 'manager'");
    expect(manager.verdict?.fix).toContain('Resolve an unqualified attribute the core schema lacks in the resource type\'s extensions');
    expect(full.checks.find((c) => c.id === 'En17')?.status).toBe('fail');

    expect(failedKinds(gone)).toEqual(['disable-user']);
    const disable = steps(gone).find((s) => s.kind === 'disable-user')!;
    expect(disable.verdict?.log).toContain("expected value type 'boolean' but found type 'string'");
    expect(disable.verdict?.departures.map((d) => d.code)).toContain('string-boolean');
    // Entra does not go on to delete a user it could not disable
    expect(steps(gone).some((s) => s.kind === 'delete-user')).toBe(false);
  });

  it('Entra ID with aadOptscim062020: nothing fails; the group PATCH answers that list every member are flagged', async () => {
    const { full, gone, steps } = await against('entra-flag');
    expect(full.counts.failed).toBe(0);
    expect(gone.counts.failed).toBe(0);
    const flagged = steps(full).filter((s) => s.kind === 'add-members' && s.status === 'warn');
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged[0]!.verdict?.notes.join(' ')).toContain('advises 204 No Content for group PATCH');
    expect(gone.checks.find((c) => c.id === 'En20')?.status).toBe('pass');
  });

  it.each(['okta', 'okta-put'] as const)('%s: SCIMMY takes every documented Okta request (nothing is reported that it does right)', async (profile) => {
    const { full, gone } = await against(profile);
    expect(full.counts.failed).toBe(0);
    expect(full.counts.warned).toBe(0);
    expect(gone.counts).toMatchObject({ failed: 0, disabled: 12, deleted: 3 });
  });
});
