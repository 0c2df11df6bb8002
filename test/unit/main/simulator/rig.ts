import type { ProfileId, RunMode, RunReport, RunSettings } from '@shared/idp';
import { compose, type AppCore } from '../../../../src/main/compose';
import { startSandbox, type SandboxServer } from '../../../../src/main/services/sandbox/sandbox';
import { startRecordingProxy, type RecordingProxy } from '../../../support/recording-proxy';
import { tempDir } from '../../../support/temp-dir';

export interface Rig {
  core: AppCore;
  sandbox: SandboxServer;
  proxy: RecordingProxy;
  /** runs a cycle through the router (as the UI does) against the proxied sandbox */
  run(profile: ProfileId, mode: RunMode, extra?: { userId?: string; settings?: Partial<RunSettings> }): Promise<RunReport>;
  call<T>(command: string, payload: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * The composed app (real engine, history, redaction) with one built-in endpoint, "target", that points at
 * a recording proxy in front of a sandbox SCIM server: tests read what the simulator put on the wire.
 */
export async function startRig(options: { lenient: boolean; users?: number }): Promise<Rig> {
  const dir = tempDir('scim-sim-');
  const sandbox = await startSandbox({ users: options.users ?? 5, lenient: options.lenient });
  const proxy = await startRecordingProxy(new URL(sandbox.baseUrl).origin);
  const baseUrl = `${proxy.origin}${new URL(sandbox.baseUrl).pathname}`;
  const core = await compose({ host: 'web', dataDir: dir.path, sandbox: false, builtInEndpoints: () => [{ id: 'target', name: 'Proxied sandbox', baseUrl, token: sandbox.token }] });
  core.scrubber.add(sandbox.token);
  const call = async <T,>(command: string, payload: unknown): Promise<T> => {
    const result = await core.router.dispatch(command, payload, { origin: 'test' });
    if (!result.ok) throw Object.assign(new Error(`${command}: ${result.error.message}`), { error: result.error });
    return result.value as T;
  };
  return {
    core,
    sandbox,
    proxy,
    call,
    run: (profile, mode, extra = {}) => call<RunReport>('simulator.run', { endpointId: 'target', profile, mode, settings: { rate: 0, ...extra.settings }, ...(extra.userId ? { userId: extra.userId } : {}) }),
    async close() {
      await core.dispose();
      await proxy.close();
      await sandbox.close();
      dir.cleanup();
    },
  };
}
