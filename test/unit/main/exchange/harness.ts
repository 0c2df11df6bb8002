import type { CommandName, RequestInput, ResponseOf } from '@shared/api/contract';
import { compose, type AppCore } from '../../../../src/main/compose';
import { fetchRunner, type TestEndpoint } from '../../../support/fetch-runner';
import { tempDir } from '../history/helpers';

/**
 * The whole app core on a temporary data directory, called through its router as a host would.
 * `runner` is a fetch-based stand-in for the engine, recording into the core's history, for
 * tests about what history and exports do with exchanges (the canary test uses the real engine).
 */
export async function startCore(endpoints: Record<string, TestEndpoint> = {}) {
  const tmp = tempDir('core-');
  const core: AppCore = await compose({ host: 'web', dataDir: tmp.dir, sandbox: false });
  const runner = fetchRunner({ endpoints, sink: core.history, scrubber: core.scrubber });
  // collection runs go through the real engine unless the test brings its own endpoints
  if (Object.keys(endpoints).length > 0) core.setRequestRunner(runner);
  async function call<K extends CommandName>(command: K, payload: RequestInput<K>): Promise<ResponseOf<K>> {
    const result = await core.router.dispatch(command, payload, { origin: 'test' });
    if (!result.ok) throw Object.assign(new Error(`${command}: ${result.error.message}`), { error: result.error });
    return result.value as ResponseOf<K>;
  }
  return {
    core,
    runner,
    call,
    dir: tmp.dir,
    async stop() {
      await core.dispose();
      tmp.remove();
    },
  };
}
