import type { HeaderList } from '../../../model/exchange';
import { member as keyOf } from '../features';
import { isObject as isRecord } from '../responses';
import { queryOf, type RequestTargetKind } from './target';

/** What a response body is, as the inspector classifies it. */
export type BodyKind = 'empty' | 'list' | 'error' | 'resource' | 'json' | 'text';

export type Severity = 'error' | 'warning' | 'info';

/** One check result: the shape of the SCIM core's findings, so both kinds list together. */
export interface CheckFinding {
  severity: Severity;
  /** JSON Pointer into the body ("" for the whole body); `header:Name` for a header */
  path: string;
  code: string;
  message: string;
  rfc: string;
  /** the catalogue check this finding belongs to (H01, R08 …), when there is one */
  checkId?: string;
}

/** What the checks need to know about the exchange besides the body. */
export interface ExchangeFacts {
  method: string;
  status: number;
  /** the request path as the composer had it (`/Users?filter=…`) */
  path: string;
  headers: HeaderList;
  /** what the request path names: a resource type's collection (`/Users`), a `.search`, one resource, a discovery document, or else */
  target: RequestTargetKind;
}

function header(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

function stripWeak(tag: string): string {
  return tag.trim().replace(/^W\//, '');
}

/**
 * What RFC 7644 asks of the HTTP exchange around a body: status codes per operation, the media type,
 * `Location` on create, `ETag` against `meta.version`, errors in the Error schema.
 */
export function protocolChecks(facts: ExchangeFacts, kind: BodyKind, value: unknown): CheckFinding[] {
  const out: CheckFinding[] = [];
  const add = (severity: Severity, path: string, code: string, message: string, rfc: string) => out.push({ severity, path, code, message, rfc });
  const { method, status } = facts;
  const ok = status >= 200 && status < 300;

  if (kind !== 'empty') {
    const type = header(facts.headers, 'content-type');
    const media = type?.split(';')[0]?.trim().toLowerCase();
    if (!media) add('warning', 'header:Content-Type', 'contentTypeMissing', 'The response has a body but no Content-Type; SCIM responses use application/scim+json', 'RFC 7644 §8.1');
    else if (media === 'application/json') add('info', 'header:Content-Type', 'contentTypeJson', 'Content-Type is application/json; RFC 7644 asks for application/scim+json (most clients accept both)', 'RFC 7644 §8.1');
    else if (media !== 'application/scim+json') add(kind === 'text' ? 'warning' : 'error', 'header:Content-Type', 'contentTypeNotScim', `Content-Type is ${media}, not application/scim+json`, 'RFC 7644 §8.1');
  }

  const listQuery = (method === 'GET' && facts.target === 'collection') || (method === 'POST' && facts.target === 'search');
  const create = method === 'POST' && facts.target === 'collection';
  if (create && ok && status !== 201) {
    add('warning', '', 'createNot201', `A successful create answers 201 Created, not ${status}`, 'RFC 7644 §3.3');
  }
  if (create && status === 201) {
    const location = header(facts.headers, 'location');
    const meta = isRecord(value) ? keyOf(value, 'meta') : undefined;
    const metaLocation = isRecord(meta) ? keyOf(meta, 'location') : undefined;
    if (!location) add('warning', 'header:Location', 'locationHeaderMissing', 'A 201 Created answer carries the new resource’s URI in the Location header', 'RFC 7644 §3.3');
    else if (typeof metaLocation === 'string' && metaLocation !== location) {
      add('warning', 'header:Location', 'locationMismatch', `The Location header (${location}) differs from meta.location (${metaLocation})`, 'RFC 7644 §3.3');
    }
  }
  if (method === 'DELETE' && ok && status !== 204) add('warning', '', 'deleteNot204', `A successful DELETE answers 204 No Content, not ${status}`, 'RFC 7644 §3.6');

  const etag = header(facts.headers, 'etag');
  if (kind === 'resource' && isRecord(value)) {
    const meta = keyOf(value, 'meta');
    const version = isRecord(meta) ? keyOf(meta, 'version') : undefined;
    if (etag && typeof version === 'string' && stripWeak(etag) !== stripWeak(version)) {
      add('warning', '/meta/version', 'etagMismatch', `The ETag header (${etag}) differs from meta.version (${version})`, 'RFC 7644 §3.14');
    } else if (etag && version === undefined) {
      add('info', '/meta', 'versionMissing', `The response has an ETag (${etag}) but the resource has no meta.version`, 'RFC 7644 §3.14');
    }
  }

  if (status >= 400) {
    if (kind === 'text' || kind === 'json') add('warning', '', 'errorNotScim', `A ${status} answer should carry a SCIM Error body (schemas, status, detail)`, 'RFC 7644 §3.12');
  } else if (kind === 'error') {
    add('warning', '', 'errorBodyOnSuccess', `The body is a SCIM Error, but the status is ${status}`, 'RFC 7644 §3.12');
  }
  if (ok && listQuery && kind !== 'list' && kind !== 'empty') {
    add('error', '', 'notListResponse', 'A query of a collection answers with a ListResponse (urn:ietf:params:scim:api:messages:2.0:ListResponse)', 'RFC 7644 §3.4.2');
  }

  if (status === 401 && !header(facts.headers, 'www-authenticate')) {
    add('error', 'header:WWW-Authenticate', 'wwwAuthenticateMissing', 'A 401 answer must carry a WWW-Authenticate header with at least one challenge (e.g. Bearer realm="…")', 'RFC 9110 §11.6.1; RFC 6750 §3');
  }
  const filtered = facts.target === 'collection' && queryOf(facts.path).has('filter');
  if (filtered && method === 'GET' && status === 404) {
    add('error', '', 'filterAnswered404', 'A filtered query answers 200 with a ListResponse (totalResults 0 when nothing matches), or 400 invalidFilter when the filter is refused; not 404', 'RFC 7644 §3.4.2');
  }
  const scimType = kind === 'error' && isRecord(value) ? keyOf(value, 'scimType') : undefined;
  if (filtered && status === 400 && typeof scimType === 'string' && !['invalidFilter', 'tooMany'].includes(scimType)) {
    add('warning', '/scimType', 'filterErrorScimType', `This query has a filter and the 400 says scimType "${scimType}": a filter the server refuses or cannot evaluate is reported as "invalidFilter" (or "tooMany")`, 'RFC 7644 §3.4.2.2, §3.12');
  }
  return out;
}
