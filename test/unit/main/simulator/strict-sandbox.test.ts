import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryViewT } from '@shared/api/commands/simulator';
import type { ObjectLog, RunReport, SourceDirectory, StepRecord } from '@shared/idp';
import { startRig, type Rig } from './rig';

async function edit(rig: Rig, change: (dir: SourceDirectory) => void): Promise<void> {
  const { directory } = await rig.call<DirectoryViewT>('simulator.getDirectory', {});
  change(directory);
  await rig.call('simulator.saveDirectory', { directory });
}

async function failedSteps(rig: Rig, report: RunReport): Promise<{ label: string; step: StepRecord }[]> {
  const out: { label: string; step: StepRecord }[] = [];
  for (const o of report.objects.filter((x) => x.status === 'fail')) {
    const log = await rig.call<ObjectLog>('simulator.object', { runId: report.runId, index: o.index });
    for (const step of log.steps.filter((s) => s.status === 'fail')) out.push({ label: o.label, step });
  }
  return out;
}

const upn = (d: SourceDirectory, name: string) => d.users.find((u) => u.attributes.userPrincipalName === name)!;

describe('the strict sandbox (RFC 7644 to the letter)', () => {
  describe('entra: its default PATCH shapes are reported as the failures Entra would log', () => {
    let rig: Rig;
    beforeAll(async () => {
      rig = await startRig({ lenient: false });
    });
    afterAll(() => rig.close());

    it('creates go through; the manager (Example 5) and member adds fail, each naming the departure and the fix', async () => {
      const full = await rig.run('entra', 'full');
      expect(full.objects.filter((o) => o.type === 'user').every((o) => o.action === 'Create' && o.targetId)).toBe(true);
      const failed = await failedSteps(rig, full);
      const kinds = new Set(failed.map((f) => f.step.kind));
      expect([...kinds].sort()).toEqual(['add-members', 'set-manager']);

      const manager = failed.find((f) => f.step.kind === 'set-manager')!.step;
      expect(manager.response?.status).toBe(400);
      expect(manager.request?.source.provenance).toBe('documented');
      expect(manager.verdict?.departures.map((d) => d.code)).toEqual(['unqualified-extension', 'op-case', 'single-value-array']);
      expect(manager.verdict?.why).toContain('"op": "Add" is not lower-case');
      expect(manager.verdict?.fix).toContain('Compare "op" ignoring case');
      expect(manager.verdict?.fix).toContain('?aadOptscim062020');
      expect(manager.verdict?.fix).toContain('array of one value');
      expect(manager.verdict?.next).toContain('retries it in the next cycle');

      const members = failed.find((f) => f.step.kind === 'add-members')!.step;
      expect(members.verdict?.departures.map((d) => d.code)).toEqual(['op-case']);
      expect(full.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(expect.arrayContaining(['En16', 'En17']));
    });

    it('the soft delete ("Replace" active "False") fails with both departures; the log says what Entra does next', async () => {
      await edit(rig, (d) => (upn(d, 'diego.siciliani@contoso.example').softDeleted = true));
      const incremental = await rig.run('entra', 'incremental');
      const failed = await failedSteps(rig, incremental);
      const disable = failed.find((f) => f.step.kind === 'disable-user')!;
      expect(disable.label).toBe('diego.siciliani@contoso.example');
      expect(disable.step.verdict?.departures.map((d) => d.code)).toEqual(['op-case', 'string-boolean']);
      expect(disable.step.verdict?.fix).toContain('Accept the strings "True" and "False" for boolean attributes');
      expect(incremental.checks.find((c) => c.id === 'En09')).toMatchObject({ status: 'fail', failed: 1 });
      expect(incremental.objects.find((o) => o.label === 'diego.siciliani@contoso.example')?.summary).toContain('400');
    });
  });

  describe('entra-flag: the flagged shapes are RFC 7644 and pass', () => {
    let rig: Rig;
    beforeAll(async () => {
      rig = await startRig({ lenient: false });
    });
    afterAll(() => rig.close());

    it('full cycle, a one-attribute update, a soft delete and a deprovision all pass', async () => {
      const full = await rig.run('entra-flag', 'full');
      expect(full.counts.failed).toBe(0);
      expect(full.checks.every((c) => c.status !== 'fail')).toBe(true);
      await edit(rig, (d) => {
        upn(d, 'kenji.nakamura@contoso.example').attributes.jobTitle = 'QA Lead';
        upn(d, 'diego.siciliani@contoso.example').softDeleted = true;
      });
      const incremental = await rig.run('entra-flag', 'incremental');
      expect(incremental.counts).toMatchObject({ failed: 0, updated: 1, disabled: 1 });
      expect(incremental.checks.find((c) => c.id === 'En10')).toMatchObject({ status: 'pass' });
      const gone = await rig.run('entra-flag', 'deprovision');
      expect(gone.counts.failed).toBe(0);
      expect(gone.checks.find((c) => c.id === 'En20')).toMatchObject({ status: 'pass' });
    });

    it('its documented multi-attribute replace (attribute paths as keys) is read as naming those attributes, and lands', async () => {
      await rig.run('entra-flag', 'full');
      rig.proxy.clear();
      await edit(rig, (d) => {
        const zoe = upn(d, 'zoe.obrien@contoso.example');
        zoe.attributes.surname = 'Walsh';
        zoe.attributes.displayName = 'Zoë Walsh';
      });
      const incremental = await rig.run('entra-flag', 'incremental');
      expect(await failedSteps(rig, incremental)).toEqual([]);
      expect(incremental.counts).toMatchObject({ failed: 0, updated: 1 });
      expect(incremental.checks.find((c) => c.id === 'En13')).toMatchObject({ status: 'pass', failed: 0 });
      // on the wire: one no-path replace keyed by attribute paths (the compatibility doc's shape, with the flag)
      const patch = rig.proxy.recorded.find((r) => r.method === 'PATCH')!;
      expect(patch.status).toBe(200);
      expect(patch.body).toEqual({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', value: { displayName: 'Zoë Walsh', 'name.familyName': 'Walsh', 'name.formatted': 'Zoë Walsh' } }],
      });
      // and the strict sandbox stored each attribute the path names
      const stored = JSON.parse(patch.responseBody) as { displayName: string; name: Record<string, string> };
      expect(stored.displayName).toBe('Zoë Walsh');
      expect(stored.name).toMatchObject({ givenName: 'Zoë', familyName: 'Walsh', formatted: 'Zoë Walsh' });
    });
  });
});
