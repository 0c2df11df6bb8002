import { useId } from 'react';
import type { HeaderRow } from '@shared/model/request-spec';
import { isSecretHeader } from '@shared/redact/headers';
import { lastEtag } from '../model/last-response';
import { methodHasBody, operationInfo } from '../model/operations';
import { useComposer } from './composer-context';

const COMMON = ['Accept', 'Content-Type', 'If-Match', 'If-None-Match', 'X-Request-Id', 'Prefer', 'Accept-Language'];

/** Sets (or replaces) the If-Match header of a header list. */
export function withIfMatch(headers: HeaderRow[], etag: string): HeaderRow[] {
  const at = headers.findIndex((h) => h.name.trim().toLowerCase() === 'if-match');
  if (at < 0) return [...headers, { name: 'If-Match', value: etag, enabled: true }];
  return headers.map((h, i) => (i === at ? { ...h, value: etag, enabled: true } : h));
}

function authSummary(kind: string | undefined, headerName?: string): string | undefined {
  switch (kind) {
    case 'bearer':
      return 'Authorization: Bearer ••• (from the endpoint)';
    case 'oauth2-client-credentials':
      return 'Authorization: Bearer ••• (OAuth token, from the endpoint)';
    case 'basic':
      return 'Authorization: Basic ••• (from the endpoint)';
    case 'api-key':
      return `${headerName ?? 'API key header'}: ••• (from the endpoint)`;
    default:
      return undefined;
  }
}

/** The request's own headers, what the endpoint adds, and If-Match from the last ETag in one click. */
export function HeadersTable() {
  const { draft, update, endpoint, runtime } = useComposer();
  const datalist = useId();
  const rows = draft.headers;
  const setRows = (headers: HeaderRow[]) => update((d) => ({ ...d, headers }));
  const setRow = (i: number, change: Partial<HeaderRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const etag = lastEtag(runtime.exchange);
  const info = operationInfo(draft.operation);
  const ifMatch = rows.find((r) => r.name.trim().toLowerCase() === 'if-match');
  const sendsBody = info.body !== 'none' && (draft.operation !== 'raw' || methodHasBody(draft.method)) && draft.body.trim() !== '';
  const auth = endpoint ? authSummary(endpoint.auth.kind, endpoint.auth.kind === 'api-key' ? endpoint.auth.headerName : undefined) : undefined;

  return (
    <div className="headers-panel">
      <div className="headers-toolbar">
        <button
          type="button"
          className="btn btn-small"
          disabled={!etag}
          title={etag ? `Set If-Match to ${etag}, the ETag of the last response (RFC 7644 §3.14)` : 'No ETag yet: send a request that returns the resource (Get, Create…) first'}
          onClick={() => etag && setRows(withIfMatch(rows, etag))}
        >
          If-Match: last ETag{etag ? ` (${etag})` : ''}
        </button>
        {ifMatch && etag && ifMatch.value !== etag && <span className="muted small">If-Match differs from the last ETag: the server should answer 412 if the resource changed.</span>}
        <span className="fb-head-spacer" />
        <button type="button" className="btn btn-small btn-quiet" onClick={() => setRows([...rows, { name: '', value: '', enabled: true }])}>
          + Header
        </button>
      </div>
      <table className="kv-table">
        <thead>
          <tr>
            <th scope="col" className="kv-on">
              <span className="visually-hidden">Enabled</span>
            </th>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col" className="kv-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const secret = row.value !== '' && isSecretHeader(row.name);
            return (
              <tr key={i} className={row.enabled ? '' : 'is-off'}>
                <td className="kv-on">
                  <input type="checkbox" aria-label={`Send header ${row.name || i + 1}`} checked={row.enabled} onChange={(event) => setRow(i, { enabled: event.target.checked })} />
                </td>
                <td>
                  <input className="input mono" aria-label={`Header ${i + 1} name`} list={datalist} spellCheck={false} value={row.name} onChange={(event) => setRow(i, { name: event.target.value })} />
                </td>
                <td>
                  <input
                    className="input mono"
                    aria-label={`Header ${i + 1} value`}
                    spellCheck={false}
                    type={secret ? 'password' : 'text'}
                    value={row.value}
                    onChange={(event) => setRow(i, { value: event.target.value })}
                  />
                  {secret && (
                    <span className="kv-note small" role="note">
                      Overrides the endpoint’s credentials for this request and is not saved with the tab. Prefer setting it on the endpoint, where it stays in the keychain.
                    </span>
                  )}
                </td>
                <td className="kv-actions">
                  <button type="button" className="icon-btn icon-btn-danger" aria-label={`Remove header ${row.name || i + 1}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
          {rows.length === 0 && (
            <tr>
              <td colSpan={4} className="kv-empty muted small">
                No headers of this request’s own. Add one, or use If-Match above for a conditional update.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <datalist id={datalist}>
        {COMMON.map((h) => (
          <option key={h} value={h} />
        ))}
      </datalist>
      <div className="auto-headers" aria-label="Headers added when sending">
        <h4 className="q-title">Added when sending</h4>
        <ul className="small mono">
          {auth && <li>{auth}</li>}
          {endpoint?.headers
            .filter((h) => h.enabled)
            .map((h) => (
              <li key={h.name}>
                {h.name}: {isSecretHeader(h.name) ? '•••' : h.value} <span className="muted">(endpoint default)</span>
              </li>
            ))}
          {sendsBody && !rows.some((r) => r.enabled && r.name.toLowerCase() === 'content-type') && <li>Content-Type: application/scim+json</li>}
          <li>Accept: application/scim+json</li>
        </ul>
      </div>
    </div>
  );
}
