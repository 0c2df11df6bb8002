import { lazy, Suspense } from 'react';
import type { HttpExchange } from '@shared/model/exchange';
import type { TabRuntime } from '../../stores/runtime';

const JsonViewer = lazy(() => import('../../monaco/JsonViewer'));

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function statusClass(status: number): string {
  return status >= 500 ? 'st-5xx' : status >= 400 ? 'st-4xx' : status >= 300 ? 'st-3xx' : 'st-2xx';
}

/** Status and body of the last response, until the response inspector takes this place. */
export function ResponsePlaceholder({ runtime }: { runtime: TabRuntime }) {
  const exchange: HttpExchange | undefined = runtime.exchange;
  if (runtime.sending) {
    const p = runtime.sending.progress;
    return (
      <div className="response-empty" aria-busy="true">
        <p>Waiting for the answer…{p ? ` ${p.phase}${p.receivedBytes ? `, ${size(p.receivedBytes)}` : ''}` : ''}</p>
      </div>
    );
  }
  if (!exchange) {
    return (
      <div className="response-empty">
        <p>Send the request to see the response here.</p>
        <p className="muted small">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> sends from anywhere in the request.
        </p>
      </div>
    );
  }
  const response = exchange.response;
  return (
    <div className="response-simple" role="region" aria-label="Response">
      <div className="response-summary">
        {response ? (
          <span className={`status-pill ${statusClass(response.status)}`} data-testid="response-status">
            {response.status} {response.statusText}
          </span>
        ) : (
          <span className="status-pill st-5xx" data-testid="response-status">
            {exchange.error?.kind ?? 'no response'}
          </span>
        )}
        <span className="muted small">{Math.round(exchange.timings.total)} ms</span>
        {response && <span className="muted small">{size(response.body.size)}</span>}
        {exchange.error && <span className="send-error-inline">{exchange.error.message}</span>}
      </div>
      {response && response.body.preview && (
        <Suspense fallback={<p className="muted small">Loading viewer…</p>}>
          <JsonViewer value={pretty(response.body.preview)} label="Response body" height="100%" />
        </Suspense>
      )}
    </div>
  );
}
