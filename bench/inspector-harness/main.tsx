import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { HttpExchange } from '@shared/model/exchange';
import type { RequestSpec } from '@shared/model/request-spec';
import { ApiProvider } from '../../src/renderer/app/api-context';
import { ResponseInspector } from '../../src/renderer/features/inspector/ResponseInspector';
import { bodyService } from '../../src/renderer/features/inspector/worker/body-service';
import { createClient } from '../../src/renderer/transport/client';
import { httpTransport } from '../../src/renderer/transport/http';
import '../../src/renderer/styles/theme.css';
import '../../src/renderer/styles/shell.css';

/**
 * The response inspector alone on a page, served by the real web host and talking to its real bridge:
 * what `bench/inspector.bench.ts` drives in headless Chromium.
 */

interface LongTask {
  start: number;
  duration: number;
}

interface Harness {
  ready: boolean;
  /** where bodies are parsed: 'worker', or 'page' when the worker could not start */
  bodiesIn?: string;
  longTasks: LongTask[];
  /** sends GET `path` to the bench endpoint and shows the answer in the inspector; resolves with when it arrived */
  send(path: string): Promise<{ sentAt: number; receivedAt: number; size: number; blobId?: string }>;
  clear(): void;
}

declare global {
  interface Window {
    harness: Harness;
  }
}

const longTasks: LongTask[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });

const client = createClient(httpTransport());
let show: (value: { exchange: HttpExchange; spec: RequestSpec } | undefined) => void = () => undefined;
let sequence = 0;

window.harness = {
  ready: false,
  longTasks,
  async send(path) {
    const spec: RequestSpec = { endpointId: 'bench', method: 'GET', path, headers: [], variables: {} };
    const sentAt = performance.now();
    const exchange = await client.call('http.send', { requestId: `bench-${++sequence}`, spec });
    const receivedAt = performance.now();
    show({ exchange, spec });
    return { sentAt, receivedAt, size: exchange.response?.body.size ?? 0, ...(exchange.response?.body.blobId ? { blobId: exchange.response.body.blobId } : {}) };
  },
  clear() {
    show(undefined);
    longTasks.length = 0;
  },
};

function Progress() {
  const [received, setReceived] = useState<number>();
  useEffect(() => client.on('http.progress', (p) => setReceived(p.phase === 'done' ? undefined : p.receivedBytes)), []);
  return received === undefined ? null : <p role="status">Receiving… {(received / 1048576).toFixed(1)} MB</p>;
}

function Harness() {
  const [current, setCurrent] = useState<{ exchange: HttpExchange; spec: RequestSpec }>();
  useEffect(() => {
    show = setCurrent;
    void bodyService().then((service) => {
      window.harness.bodiesIn = service.where;
      window.harness.ready = true;
    });
  }, []);
  return (
    <ApiProvider client={client}>
      <Progress />
      <div style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>{current && <ResponseInspector key={current.exchange.id} exchange={current.exchange} spec={current.spec} />}</div>
    </ApiProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
