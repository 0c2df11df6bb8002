import type { ConformanceOptions, ConformanceRun } from '@shared/model/conformance';
import { compose, type AppCore } from '../../../../../src/main/compose';
import { startSandbox, type SandboxOptions, type SandboxServer } from '../../../../../src/main/services/sandbox/sandbox';
import { startScimmyServer, type ScimmyServer } from '../../../../peers/scimmy-server';
import { tempDir } from '../../../../support/temp-dir';

/** The app (no embedded sandbox) with a separate sandbox and SCIMMY as saved endpoints. */
export interface ConformanceTargets {
  core: AppCore;
  sandbox: SandboxServer;
  scimmy: ScimmyServer;
  sandboxId: string;
  scimmyId: string;
  run(endpointId: string, options?: Partial<Omit<ConformanceOptions, 'endpointId'>>): Promise<ConformanceRun>;
  /** id → status */
  statuses(run: ConformanceRun): Record<string, string>;
  close(): Promise<void>;
}

export async function startTargets(options: { sandbox?: SandboxOptions; scimmyUsers?: number } = {}): Promise<ConformanceTargets> {
  const dir = tempDir();
  const core = await compose({ host: 'web', dataDir: dir.path, sandbox: false });
  const sandbox = await startSandbox({ users: 5, ...options.sandbox });
  const scimmy = await startScimmyServer({ users: options.scimmyUsers ?? 5 });
  const endpoint = async (name: string, baseUrl: string, token: string) => {
    const created = await core.router.dispatch('endpoints.create', { endpoint: { name, baseUrl, auth: { kind: 'bearer' } } }, { origin: 'test' });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: string }).id;
    const secret = await core.router.dispatch('endpoints.setSecret', { endpointId: id, field: 'token', value: token }, { origin: 'test' });
    if (!secret.ok) throw new Error(secret.error.message);
    return id;
  };
  const sandboxId = await endpoint('sandbox', sandbox.baseUrl, sandbox.token);
  const scimmyId = await endpoint('scimmy', scimmy.baseUrl, scimmy.token);
  return {
    core,
    sandbox,
    scimmy,
    sandboxId,
    scimmyId,
    run: (endpointId, o = {}) => core.conformance.run({ endpointId, profile: 'rfc', readOnly: false, only: [], concurrency: 4, ...o }),
    statuses: (run) => Object.fromEntries(run.checks.map((c) => [c.id, c.status])),
    async close() {
      await core.dispose();
      await sandbox.close();
      await scimmy.close();
      dir.cleanup();
    },
  };
}

/** "X01 fail: detail" lines of the checks with one of these statuses, for assertion messages. */
export function explain(run: ConformanceRun, statuses: readonly string[] = ['fail', 'warn']): string {
  return run.checks
    .filter((c) => statuses.includes(c.status))
    .map((c) => `${c.id} ${c.status}: ${c.detail}${c.actual ? ` [actual: ${c.actual}]` : ''}`)
    .join('\n');
}
