import { BodyHost } from './body-host';
import type { BodyRequest, WorkerMessage } from './protocol';

/** The worker's global scope, typed without the WebWorker lib (which clashes with DOM's). */
const scope = self as unknown as {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent<{ seq: number; request: BodyRequest }>) => void) | null;
};

const host = new BodyHost((doc, received, total) => scope.postMessage({ progress: doc, received, ...(total !== undefined ? { total } : {}) }));

scope.onmessage = (event) => {
  const { seq, request } = event.data;
  host.handle(request).then(
    (value) => scope.postMessage({ seq, ok: true, value }),
    (error: unknown) => scope.postMessage({ seq, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
};
