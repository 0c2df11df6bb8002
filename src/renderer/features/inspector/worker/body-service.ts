import { BodyHost } from './body-host';
import type { BodyAnswers, BodyRequest, WorkerMessage } from './protocol';

type ProgressListener = (received: number, total?: number) => void;

/** Answers body requests: in a Web Worker, so big bodies never hold up the page, or in the page where there is none. */
export interface BodyService {
  readonly where: 'worker' | 'page';
  request<R extends BodyRequest>(request: R): Promise<BodyAnswers[R['op']]>;
  /** bytes received while a `url` source streams */
  onProgress(doc: string, listener: ProgressListener): () => void;
}

function progressRegistry() {
  const listeners = new Map<string, Set<ProgressListener>>();
  return {
    emit(doc: string, received: number, total?: number) {
      for (const listener of listeners.get(doc) ?? []) listener(received, total);
    },
    on(doc: string, listener: ProgressListener) {
      let set = listeners.get(doc);
      if (!set) listeners.set(doc, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(doc);
      };
    },
  };
}

function pageService(): BodyService {
  const progress = progressRegistry();
  const host = new BodyHost(progress.emit);
  return { where: 'page', request: (request) => host.handle(request), onProgress: progress.on };
}

function workerService(worker: Worker): BodyService {
  const progress = progressRegistry();
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let seq = 0;
  worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
    const message = event.data;
    if ('progress' in message) return progress.emit(message.progress, message.received, message.total);
    const entry = waiting.get(message.seq);
    waiting.delete(message.seq);
    if (message.ok) entry?.resolve(message.value);
    else entry?.reject(new Error(message.message));
  };
  worker.onerror = (event) => {
    for (const entry of waiting.values()) entry.reject(new Error(`The body worker failed: ${event.message || 'unknown error'}`));
    waiting.clear();
  };
  return {
    where: 'worker',
    request(request) {
      const id = ++seq;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        worker.postMessage({ seq: id, request });
      });
    },
    onProgress: progress.on,
  };
}

let shared: Promise<BodyService> | undefined;

/** The page's one body service (a worker when the platform has them). */
export function bodyService(): Promise<BodyService> {
  shared ??= (async () => {
    if (typeof Worker === 'undefined') return pageService();
    try {
      const { default: BodyWorker } = await import('./body.worker?worker');
      return workerService(new BodyWorker());
    } catch {
      return pageService();
    }
  })();
  return shared;
}

let nextDoc = 0;

/** A fresh document id. */
export function newDocId(): string {
  return `body-${++nextDoc}`;
}
