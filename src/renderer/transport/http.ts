import ky from 'ky';
import { WireResult } from '@shared/api/wire';
import type { Transport } from './transport';

/** Talks to the web host's bridge on the page's own origin; the session cookie carries the token. */
export function httpTransport(base = ''): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | undefined;

  const ensureSource = (event: string) => {
    source ??= new EventSource(`${base}/api/events`);
    if (listeners.get(event)?.size === 1) {
      source.addEventListener(event, (message) => {
        let payload: unknown;
        try {
          payload = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const listener of listeners.get(event) ?? []) listener(payload);
      });
    }
  };

  return {
    kind: 'http',
    async call(command, payload) {
      try {
        const response = await ky.post(`${base}/api/${encodeURIComponent(command)}`, {
          json: payload ?? {},
          throwHttpErrors: false,
          timeout: false,
          retry: 0,
          credentials: 'same-origin',
        });
        const parsed = WireResult.safeParse(await response.json().catch(() => undefined));
        if (parsed.success) return parsed.data;
        return { ok: false, error: { kind: 'internal', message: `The bridge answered ${response.status} without a readable result for ${command}` } };
      } catch (error) {
        return { ok: false, error: { kind: 'network', message: `The app's local bridge did not answer (${error instanceof Error ? error.message : String(error)}). Is \`npm run web\` still running?` } };
      }
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      ensureSource(event);
      return () => set.delete(listener);
    },
    blobUrl: (id) => `${base}/api/blobs/${encodeURIComponent(id)}`,
  };
}
