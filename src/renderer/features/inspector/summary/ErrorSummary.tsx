import type { HttpExchange } from '@shared/model/exchange';
import { SCIM_TYPES, type ScimType } from '@shared/scim/errors';
import { SCIM_TYPE_EXPLANATIONS, STATUS_EXPLANATIONS, type Explanation } from './error-explanations';

interface ErrorBodyFields {
  status?: string;
  scimType?: string;
  detail?: string;
}

/** `status`, `scimType` and `detail` of an error body (names case-insensitive), when the body is JSON. */
export function errorFields(exchange: HttpExchange): ErrorBodyFields | undefined {
  const body = exchange.response?.body;
  if (!body || body.preview.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body.preview);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const get = (name: string) => {
    const key = Object.keys(json).find((k) => k.toLowerCase() === name);
    const value = key === undefined ? undefined : (json as Record<string, unknown>)[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  const fields: ErrorBodyFields = {};
  const status = get('status');
  const scimType = get('scimtype');
  const detail = get('detail');
  if (status !== undefined) fields.status = status;
  if (scimType !== undefined) fields.scimType = scimType;
  if (detail !== undefined) fields.detail = detail;
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function Meaning({ term, explanation }: { term: string; explanation: Explanation }) {
  return (
    <p className="ins-error-meaning">
      <strong className="mono">{term}</strong> {explanation.means} <span className="ins-faint">Usually:</span> {explanation.usually}{' '}
      <span className="ins-faint">({explanation.source})</span>
    </p>
  );
}

/**
 * The line above an error response's body: the error body's `status`, `scimType` and `detail`, and what
 * that scimType and status usually mean (RFC 7644 §3.12).
 */
export function ErrorSummary({ exchange }: { exchange: HttpExchange }) {
  const response = exchange.response;
  if (!response || response.status < 400) return null;
  const fields = errorFields(exchange);
  const scimType = fields?.scimType ? SCIM_TYPES.find((t) => t === fields.scimType) : undefined;
  const near = !scimType && fields?.scimType ? SCIM_TYPES.find((t) => t.toLowerCase() === fields.scimType!.toLowerCase()) : undefined;
  const statusHelp = STATUS_EXPLANATIONS[response.status];
  return (
    <div className={`ins-error-summary ${response.status >= 500 ? 'is-server' : 'is-client'}`} role="group" aria-label="Error summary">
      <p className="ins-error-line">
        <span className="ins-error-field">
          <span className="ins-faint">status</span> <code data-testid="error-status">{fields?.status ?? String(response.status)}</code>
        </span>
        {fields?.scimType && (
          <span className="ins-error-field">
            <span className="ins-faint">scimType</span> <code data-testid="error-scim-type">{fields.scimType}</code>
          </span>
        )}
        {fields?.detail ? (
          <span className="ins-error-field ins-error-detail">
            <span className="ins-faint">detail</span> <span data-testid="error-detail">{fields.detail}</span>
          </span>
        ) : (
          <span className="ins-faint">{fields ? 'no detail given' : 'the body is not a SCIM error (no status, scimType or detail)'}</span>
        )}
      </p>
      {scimType && <Meaning term={scimType} explanation={SCIM_TYPE_EXPLANATIONS[scimType as ScimType]} />}
      {near && (
        <p className="ins-error-meaning">
          <strong className="mono">{fields!.scimType}</strong> is not a SCIM error type; <span className="mono">{near}</span> is (scimType values are case-sensitive).
        </p>
      )}
      {statusHelp && <Meaning term={String(response.status)} explanation={statusHelp} />}
    </div>
  );
}
