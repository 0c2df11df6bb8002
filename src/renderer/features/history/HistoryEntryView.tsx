import { useMemo, useState } from 'react';
import type { BodyInfo, HeaderList, HttpExchange } from '@shared/model/exchange';
import type { RequestSpec } from '@shared/model/request-spec';
import { REDACTED } from '@shared/redact/secret-scrubber';
import { useHistory } from '../../stores/history';
import { useIntegration } from '../../stores/integration';
import { ExportDialog } from '../exchange/ExportDialog';
import { dayAndTime, duration, pathOf, size, statusTone } from './format';
import { Highlighted, matchRanges, searchTerms } from './highlight';
import { HistoryCompare } from './HistoryCompare';
import { MethodBadge } from './MethodBadge';
import './history.css';

function Headers({ headers, label, terms }: { headers: HeaderList; label: string; terms: readonly string[] }) {
  if (headers.length === 0) return <p className="muted small">No headers.</p>;
  return (
    <table className="data-table headers-table" aria-label={label}>
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={`${name}-${i}`}>
            <th scope="row">{name}</th>
            <td>
              <Highlighted text={value} terms={terms} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function Body({ body, label, terms }: { body: BodyInfo | undefined; label: string; terms: readonly string[] }) {
  const text = useMemo(() => (body ? (body.truncated ? body.preview : pretty(body.preview)) : ''), [body]);
  const matches = useMemo(() => matchRanges(text, terms).length, [text, terms]);
  if (!body || (body.size === 0 && !body.preview)) return <p className="muted small">No body.</p>;
  return (
    <>
      {terms.length > 0 && (
        <p className="muted small" data-testid={`${label} matches`}>
          {matches === 0 ? 'The search does not match in this body.' : `${matches}${matches >= 1000 ? '+' : ''} match${matches === 1 ? '' : 'es'} of the search in this body, marked.`}
        </p>
      )}
      <pre className="body-view" aria-label={label} tabIndex={0}>
        <Highlighted text={text} terms={terms} />
      </pre>
      {body.truncated && <p className="muted small">Showing the first part of {size(body.size)}.</p>}
    </>
  );
}

/** A request to resend, from a recorded exchange: credentials were replaced at recording, so they are left out. */
export function specFromExchange(exchange: HttpExchange): RequestSpec | undefined {
  if (!exchange.endpointId) return undefined;
  const method = exchange.request.method.toUpperCase();
  if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].includes(method)) return undefined;
  return {
    endpointId: exchange.endpointId,
    method: method as RequestSpec['method'],
    path: exchange.request.url,
    headers: exchange.request.headers.filter(([, value]) => !value.includes(REDACTED)).map(([name, value]) => ({ name, value, enabled: true })),
    ...(exchange.request.body && !exchange.request.body.truncated ? { body: exchange.request.body.preview } : {}),
    variables: {},
  };
}

/** The main pane of the History view: the opened entry, whole. */
export function HistoryEntryView() {
  const openId = useHistory((s) => s.openId);
  const detail = useHistory((s) => s.detail);
  const detailError = useHistory((s) => s.detailError);
  const openRequest = useIntegration((s) => s.openRequest);
  const openExchange = useIntegration((s) => s.openExchange);
  const text = useHistory((s) => s.text);
  const terms = useMemo(() => searchTerms(text), [text]);
  const [exporting, setExporting] = useState(false);
  const comparing = useHistory((s) => s.comparing);

  if (comparing) return <HistoryCompare ids={comparing} />;
  if (openId === undefined) {
    return (
      <div className="page">
        <div className="empty-state">
          <p>Select an entry to see its request and response. Ctrl/Shift-click selects several to export; select two to compare their responses.</p>
        </div>
      </div>
    );
  }
  if (detailError) {
    return (
      <div className="page">
        <div className="callout callout-error" role="alert">
          {detailError.message}
        </div>
      </div>
    );
  }
  if (!detail) return <div className="page muted">Loading…</div>;
  const { exchange, summary } = detail;
  const tone = statusTone(summary.status, summary.errorKind);
  const spec = specFromExchange(exchange);
  return (
    <div className="page history-entry">
      <header className="entry-header">
        <h1>
          <MethodBadge method={exchange.request.method} /> <span className="entry-path">{pathOf(exchange.request.url)}</span>
        </h1>
        <p className="entry-facts">
          <span className={`status-pill tone-${tone}`}>{exchange.response ? `${exchange.response.status} ${exchange.response.statusText}` : `Failed: ${exchange.error?.kind ?? 'error'}`}</span>
          <span>{dayAndTime(exchange.startedAt)}</span>
          <span>{duration(exchange.timings.total)}</span>
          {exchange.endpointName && <span>{exchange.endpointName}</span>}
        </p>
        <div className="card-actions">
          {openRequest && spec && (
            <button type="button" className="btn" onClick={() => openRequest(spec, { name: `${exchange.request.method} ${pathOf(exchange.request.url)}` })}>
              Open request in a tab
            </button>
          )}
          {openExchange && (
            <button type="button" className="btn" onClick={() => openExchange(exchange, summary)}>
              Open in the inspector
            </button>
          )}
          <button type="button" className="btn" onClick={() => setExporting(true)}>
            Export…
          </button>
        </div>
      </header>
      {exchange.error && (
        <div className="callout callout-error" role="alert">
          <strong>{exchange.error.kind}</strong>: {exchange.error.message}
          {exchange.error.hint && <p className="small">{exchange.error.hint}</p>}
        </div>
      )}
      <section className="card" aria-label="Request">
        <h2>Request</h2>
        <p className="entry-url">
          <code>
            <Highlighted text={exchange.request.url} terms={terms} />
          </code>
        </p>
        <Headers headers={exchange.request.headers} label="Request headers" terms={terms} />
        <Body body={exchange.request.body} label="Request body" terms={terms} />
      </section>
      {exchange.response && (
        <section className="card" aria-label="Response">
          <h2>
            Response <span className="muted small">{size(exchange.response.body.size)}</span>
          </h2>
          <Headers headers={exchange.response.headers} label="Response headers" terms={terms} />
          <Body body={exchange.response.body} label="Response body" terms={terms} />
        </section>
      )}
      {exporting && <ExportDialog source={{ kind: 'history', ids: [summary.id] }} onClose={() => setExporting(false)} />}
    </div>
  );
}
