import { WireResult } from '@shared/api/wire';
import type { PreloadBridge, Transport } from './transport';

export function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'ipc',
    async call(command, payload) {
      const answer = await bridge.call(command, payload);
      const parsed = WireResult.safeParse(answer);
      return parsed.success ? parsed.data : { ok: false, error: { kind: 'internal', message: `Malformed answer from main for ${command}` } };
    },
    subscribe: (event, listener) => bridge.subscribe(event, listener),
  };
}
