import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceRun } from '@shared/model/conformance';
import { compose, type AppCore } from '../../../../src/main/compose';
import { startSandbox, type SandboxServer } from '../../../../src/main/services/sandbox/sandbox';
import type { DefectName } from '../../../../src/main/services/sandbox/defects';
import { startScimmyServer, type ScimmyServer } from '../../../peers/scimmy-server';
import { tempDir } from '../../../support/temp-dir';

describe('the conformance runner', () => {
  const dir = tempDir();
  let core: AppCore;
  let target: SandboxServer;
  let scimmy: ScimmyServer;
  let targetId: string;
  let scimmyId: string;

  const endpointFor = async (name: string, baseUrl: string, token: string) => {
    const created = await core.router.dispatch('endpoints.create', { endpoint: { name, baseUrl, auth: { kind: 'bearer' } } }, { origin: 'test' });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: string }).id;
    const secret = await core.router.dispatch('endpoints.setSecret', { endpointId: id, field: 'token', value: token }, { origin: 'test' });
    if (!secret.ok) throw new Error(secret.error.message);
    return id;
  };
  const run = (endpointId: string, only: string[], readOnly = false): Promise<ConformanceRun> => core.conformance.run({ endpointId, profile: 'rfc', readOnly, only, concurrency: 4 });
  const status = (r: ConformanceRun, id: string) => r.checks.find((c) => c.id === id)?.status;

  beforeAll(async () => {
    core = await compose({ host: 'web', dataDir: dir.path, sandbox: false });
    target = await startSandbox({ users: 5 });
    scimmy = await startScimmyServer({ users: 5 });
    targetId = await endpointFor('target', target.baseUrl, target.token);
    scimmyId = await endpointFor('scimmy', scimmy.baseUrl, scimmy.token);
  });

  afterAll(async () => {
    await core.dispose();
    await target.close();
    await scimmy.close();
    dir.cleanup();
  });

  it('passes the strict sandbox, cites its exchanges and removes what it created', async () => {
    const result = await run(targetId, []);
    for (const check of result.checks) expect(check.status, `${check.id}: ${check.detail}`).not.toBe('fail');
    expect(result.checks.find((c) => c.id === 'D01')?.exchanges).toHaveLength(1);
    expect(result.checks.find((c) => c.id === 'C06')?.exchanges.length).toBeGreaterThanOrEqual(2);
    expect(result.leftovers).toEqual([]);
    const users = await fetch(`${target.baseUrl}/Users?filter=${encodeURIComponent(`userName sw "${result.prefix}"`)}`, { headers: { authorization: `Bearer ${target.token}` } });
    expect(((await users.json()) as { totalResults: number }).totalResults).toBe(0);
  });

  it.each<[DefectName, string]>([
    ['json-content-type', 'H01'],
  ])('with the defect %s, %s fails', async (defect, id) => {
    target.configure({ defects: [defect] });
    try {
      const result = await run(targetId, []);
      expect(status(result, id)).toBe('fail');
    } finally {
      target.configure({ defects: [] });
    }
  });

  it('records its exchanges in history as one row that expands to them', async () => {
    const result = await run(targetId, ['discovery']);
    const page = await core.router.dispatch('history.list', { limit: 100 }, { origin: 'test' });
    if (!page.ok) throw new Error(page.error.message);
    const rows = (page.value as { entries: { group?: { id: string; label: string; size: number } }[] }).entries.filter((e) => e.group?.id === `conformance-${result.runId}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.group!.label).toMatch(/^Conformance run \(rfc\) of target/);
    expect(rows[0]!.group!.size).toBeGreaterThanOrEqual(result.checks.flatMap((c) => c.exchanges).length > 0 ? 4 : 0);
  });

  it('skips mutating checks in read-only mode, with the reason', async () => {
    const result = await run(targetId, ['C01', 'D01'], true);
    expect(result.checks.find((c) => c.id === 'C01')).toMatchObject({ status: 'skip', detail: expect.stringMatching(/read-only/i) });
    expect(status(result, 'D01')).toBe('pass');
  });

  it('reports SCIMMY\'s duplicate userName', async () => {
    const result = await run(scimmyId, ['create']);
    expect(status(result, 'C01')).toBe('pass');
    expect(status(result, 'C06')).toBe('fail');
  });
});
