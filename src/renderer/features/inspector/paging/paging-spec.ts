import type { RequestSpec } from '@shared/model/request-spec';

/** Paging parameters to set on a request; `null` removes one. */
export interface PagingParams {
  startIndex?: number | null;
  count?: number | null;
  /** '' asks for the first page of a cursor-paged list (RFC 9865 §2.1) */
  cursor?: string | null;
}

function splitPath(path: string): { base: string; query: string; hash: string } {
  const hashAt = path.indexOf('#');
  const hash = hashAt < 0 ? '' : path.slice(hashAt);
  const rest = hashAt < 0 ? path : path.slice(0, hashAt);
  const q = rest.indexOf('?');
  return q < 0 ? { base: rest, query: '', hash } : { base: rest.slice(0, q), query: rest.slice(q + 1), hash };
}

function paramName(part: string): string {
  const eq = part.indexOf('=');
  const raw = eq < 0 ? part : part.slice(0, eq);
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

/** The value of a query parameter of a request path (names compared ignoring case), undefined when absent. */
export function queryParam(path: string, name: string): string | undefined {
  const { query } = splitPath(path);
  if (!query) return undefined;
  for (const part of query.split('&')) {
    if (paramName(part) !== name.toLowerCase()) continue;
    const eq = part.indexOf('=');
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    try {
      return decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      return raw;
    }
  }
  return undefined;
}

/**
 * Sets paging parameters in a path's query, leaving every other parameter exactly as written
 * (so `{{variables}}` and the person's own encoding survive).
 */
export function withQueryParams(path: string, params: Record<string, string | null | undefined>): string {
  const { base, query, hash } = splitPath(path);
  const wanted = new Map<string, [string, string | null]>();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) wanted.set(name.toLowerCase(), [name, value]);
  const out: string[] = [];
  const placed = new Set<string>();
  for (const part of query ? query.split('&') : []) {
    if (part === '') continue;
    const key = paramName(part);
    const change = wanted.get(key);
    if (!change) out.push(part);
    else if (change[1] !== null && !placed.has(key)) {
      // replaced where it stood, so the query reads as the person wrote it
      out.push(`${change[0]}=${encodeURIComponent(change[1])}`);
      placed.add(key);
    }
  }
  for (const [key, [name, value]] of wanted) if (value !== null && !placed.has(key)) out.push(`${name}=${encodeURIComponent(value)}`);
  return `${base}${out.length ? `?${out.join('&')}` : ''}${hash}`;
}

/** A `POST …/.search` (RFC 7644 §3.4.3): its paging lives in the JSON body. */
export function isSearchRequest(spec: RequestSpec): boolean {
  return spec.method === 'POST' && /\/\.search$/i.test(splitPath(spec.path).base);
}

function searchBody(spec: RequestSpec): Record<string, unknown> {
  if (!spec.body?.trim()) return { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'] };
  const parsed: unknown = JSON.parse(spec.body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('The .search body is not a JSON object, so paging cannot be set in it');
  return parsed as Record<string, unknown>;
}

function setKey(target: Record<string, unknown>, name: string, value: unknown): void {
  for (const key of Object.keys(target)) if (key.toLowerCase() === name.toLowerCase()) delete target[key];
  if (value !== null && value !== undefined) target[name] = value;
}

/** The paging parameters a request asks for, from its query or its `.search` body. */
export function pagingOf(spec: RequestSpec): { startIndex?: number; count?: number; cursor?: string } {
  const out: { startIndex?: number; count?: number; cursor?: string } = {};
  const read = (name: string): unknown => {
    if (isSearchRequest(spec)) {
      try {
        const body = searchBody(spec);
        const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
        return key === undefined ? undefined : body[key];
      } catch {
        return undefined;
      }
    }
    return queryParam(spec.path, name);
  };
  const number = (value: unknown) => (typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : undefined);
  const startIndex = number(read('startIndex'));
  const count = number(read('count'));
  const cursor = read('cursor');
  if (startIndex !== undefined) out.startIndex = startIndex;
  if (count !== undefined) out.count = count;
  if (typeof cursor === 'string') out.cursor = cursor;
  return out;
}

/** The same request with other paging parameters: in the query, or in the body of a `.search`. */
export function withPaging(spec: RequestSpec, paging: PagingParams): RequestSpec {
  if (isSearchRequest(spec)) {
    const body = searchBody(spec);
    for (const [name, value] of Object.entries(paging)) if (value !== undefined) setKey(body, name, value);
    return { ...spec, body: JSON.stringify(body, null, 2) };
  }
  const params: Record<string, string | null | undefined> = {};
  for (const [name, value] of Object.entries(paging)) params[name] = value === undefined || value === null ? value : String(value);
  return { ...spec, path: withQueryParams(spec.path, params) };
}

/** The collection a list request reads (`/Users` of `/Users?filter=…`, `/Groups` of `/Groups/.search`). */
export function collectionPath(spec: RequestSpec): string {
  const { base } = splitPath(spec.path);
  const path = base.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/\/\.search$/i, '');
  const last = path.split('/').filter(Boolean).pop();
  return last ? `/${last}` : '/';
}
