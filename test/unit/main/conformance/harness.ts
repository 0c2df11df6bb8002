import type { CheckResult, ConformanceProfile, ConformanceRun } from '@shared/model/conformance';
import { compose, type AppCore } from '../../../../src/main/compose';
import { startSandbox, type SandboxOptions, type SandboxServer } from '../../../../src/main/services/sandbox/sandbox';
import { startScimmyServer, type ScimmyServer } from '../../../peers/scimmy-server';
import { tempDir } from '../../../support/temp-dir';

/**
 * One app core (no embedded sandbox) with endpoints for test servers: the conformance runner is driven
 * through the real request engine against real HTTP servers on 127.0.0.1.
 */
export interface Harness {
  core: AppCore;
  /** an endpoint for a server, by base URL and bearer token */
  endpoint(name: string, baseUrl: string, token: string): Promise<string>;
  run(endpointId: string, only: readonly string[], options?: { readOnly?: boolean; profile?: ConformanceProfile }): Promise<ConformanceRun>;
  sandbox(options?: SandboxOptions): Promise<{ server: SandboxServer; id: string }>;
  scimmy(): Promise<{ server: ScimmyServer; id: string }>;
  close(): Promise<void>;
}

export async function harness(): Promise<Harness> {
  const dir = tempDir();
  const core = await compose({ host: 'web', dataDir: dir.path, sandbox: false });
  const closers: (() => Promise<void>)[] = [];
  const endpoint = async (name: string, baseUrl: string, token: string) => {
    const created = await core.router.dispatch('endpoints.create', { endpoint: { name, baseUrl, auth: { kind: 'bearer' } } }, { origin: 'test' });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: string }).id;
    const secret = await core.router.dispatch('endpoints.setSecret', { endpointId: id, field: 'token', value: token }, { origin: 'test' });
    if (!secret.ok) throw new Error(secret.error.message);
    return id;
  };
  return {
    core,
    endpoint,
    run: (endpointId, only, options = {}) => core.conformance.run({ endpointId, profile: options.profile ?? 'rfc', readOnly: options.readOnly ?? false, only: [...only], concurrency: 4 }),
    async sandbox(options = {}) {
      const server = await startSandbox({ users: 5, ...options });
      closers.push(() => server.close());
      return { server, id: await endpoint(`sandbox-${closers.length}`, server.baseUrl, server.token) };
    },
    async scimmy() {
      const server = await startScimmyServer({ users: 5 });
      closers.push(() => server.close());
      return { server, id: await endpoint('scimmy', server.baseUrl, server.token) };
    },
    async close() {
      await core.dispose();
      for (const close of closers.reverse()) await close();
      dir.cleanup();
    },
  };
}

export const statusOf = (run: ConformanceRun, id: string) => run.checks.find((c) => c.id === id)?.status;

/** The ids of a run's checks with a status, sorted. */
export const idsWith = (run: ConformanceRun, status: CheckResult['status']) =>
  run.checks
    .filter((c) => c.status === status)
    .map((c) => c.id)
    .sort();

/** "F03 fail: …" lines, for assertion messages. */
export const summary = (run: ConformanceRun) => run.checks.map((c) => `${c.id} ${c.status}: ${c.detail}${c.actual ? ` | ${c.actual}` : ''}`).join('\n');
