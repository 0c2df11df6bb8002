import type { Transport } from '../../../src/renderer/transport/transport';
import type { AppCore } from '../../../src/main/compose';

/**
 * The renderer's transport wired straight to a real composed core (real router, real services),
 * with a JSON round trip in between as over IPC or HTTP.
 */
export function inProcessTransport(core: AppCore): Transport & { calls: string[] } {
  const calls: string[] = [];
  return {
    kind: 'ipc',
    calls,
    async call(command, payload) {
      calls.push(command);
      const result = await core.router.dispatch(command, JSON.parse(JSON.stringify(payload ?? {})), { origin: 'component-test' });
      return JSON.parse(JSON.stringify(result));
    },
    subscribe(event, listener) {
      return core.events.subscribe((e) => {
        if (e.name === event) listener(JSON.parse(JSON.stringify(e.payload)));
      });
    },
  };
}
