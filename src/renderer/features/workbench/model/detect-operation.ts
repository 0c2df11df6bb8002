import type { HttpMethod } from '@shared/model/exchange';
import type { HeaderRow } from '@shared/model/request-spec';
import { QueryDraft, RequestDraft, type Operation } from '@shared/model/workspace';
import type { ScimResourceType, SchemaRegistry } from '@shared/scim';
import { operationInfo } from './operations';
import { queryFromSearchBody } from './search-body';
import { toRequestSpec } from './request';

/** A request as written: method, path with its query, headers, body. */
export interface WrittenRequest {
  name: string;
  method: HttpMethod;
  path: string;
  headers: HeaderRow[];
  body?: string | undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The query parameters in order, names and values decoded (`cursor` alone has the value ''). */
function queryPairs(query: string): [string, string][] {
  if (query === '') return [];
  return query.split('&').filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? [decode(pair), ''] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))];
  });
}

/** Path and query, split at the first `?` (the fragment dropped). */
function splitPath(path: string): { base: string; pairs: [string, string][] } {
  const withoutHash = path.split('#')[0]!;
  const at = withoutHash.indexOf('?');
  return at < 0 ? { base: withoutHash, pairs: [] } : { base: withoutHash.slice(0, at), pairs: queryPairs(withoutHash.slice(at + 1)) };
}

const LIST_PARAMS = new Set(['filter', 'attributes', 'excludedattributes', 'sortby', 'sortorder', 'startindex', 'count', 'cursor']);
const ATTRIBUTE_PARAMS = new Set(['attributes', 'excludedattributes']);

/** The query panel's fields for these parameters; undefined when one cannot be shown there (it would be lost). */
function queryDraftOf(pairs: [string, string][], allowed: ReadonlySet<string>): QueryDraft | undefined {
  const query: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const [rawName, value] of pairs) {
    const name = rawName.toLowerCase();
    if (!allowed.has(name) || seen.has(name)) return undefined;
    seen.add(name);
    const list = () => value.split(',').map((s) => s.trim()).filter(Boolean);
    const integer = (min: number) => (/^\d+$/.test(value) && Number(value) >= min ? Number(value) : undefined);
    switch (name) {
      case 'filter':
        query.filter = value;
        break;
      case 'attributes':
        query.attributes = list();
        break;
      case 'excludedattributes':
        query.excludedAttributes = list();
        break;
      case 'sortby':
        query.sortBy = value;
        break;
      case 'sortorder':
        if (value !== 'ascending' && value !== 'descending') return undefined;
        query.sortOrder = value;
        break;
      case 'startindex':
        query.startIndex = integer(1);
        if (query.startIndex === undefined) return undefined;
        break;
      case 'count':
        query.count = integer(0);
        if (query.count === undefined) return undefined;
        break;
      case 'cursor':
        query.paging = 'cursor';
        query.cursor = value;
        break;
    }
  }
  if (query.paging === 'cursor' && query.startIndex !== undefined) return undefined;
  const parsed = QueryDraft.safeParse(query);
  return parsed.success ? parsed.data : undefined;
}

/** `/Users`, `/Users/{id}`, `/Users/.search`, `/Bulk` against the server's resource types. */
function shapeOf(base: string, method: HttpMethod, registry: SchemaRegistry): { operation: Operation; rt?: ScimResourceType; id?: string } | undefined {
  const trimmed = base.replace(/\/+$/, '');
  if (trimmed.toLowerCase() === '/bulk') return method === 'POST' ? { operation: 'bulk' } : undefined;
  for (const rt of registry.resourceTypes) {
    const endpoint = rt.endpoint.replace(/\/+$/, '');
    if (!endpoint) continue;
    if (trimmed === endpoint) return method === 'GET' ? { operation: 'list', rt } : method === 'POST' ? { operation: 'create', rt } : undefined;
    if (trimmed === `${endpoint}/.search`) return method === 'POST' ? { operation: 'search', rt } : undefined;
    if (trimmed.startsWith(`${endpoint}/`)) {
      const rest = trimmed.slice(endpoint.length + 1);
      if (rest === '' || rest.includes('/')) continue;
      const operation: Operation | undefined = method === 'GET' ? 'get' : method === 'PUT' ? 'replace' : method === 'PATCH' ? 'patch' : method === 'DELETE' ? 'delete' : undefined;
      return operation ? { operation, rt, id: decode(rest) } : undefined;
    }
  }
  if (trimmed.toLowerCase() === '/.search' && method === 'POST') return { operation: 'search' };
  return undefined;
}

/** Query parameters as a server reads them: names ignoring case, in any order, attribute lists without spaces. */
function normalized(pairs: [string, string][]): string {
  return JSON.stringify(
    pairs
      .map(([name, value]): [string, string] => {
        const lower = name.toLowerCase();
        return [lower, ATTRIBUTE_PARAMS.has(lower) ? value.split(',').map((s) => s.trim()).filter(Boolean).join(',') : value];
      })
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** The same request? Method, body, path and query compared decoded, so an encoding difference is no difference. */
function sameRequest(a: { method: string; path: string; body?: string | undefined }, b: WrittenRequest): boolean {
  const left = splitPath(a.path);
  const right = splitPath(b.path);
  return a.method === b.method && (a.body ?? '') === (b.body ?? '') && decode(left.base) === decode(right.base) && normalized(left.pairs) === normalized(right.pairs);
}

/**
 * A saved (or imported) request as a composer draft in the operation it performs: List, Search,
 * Get, Create, Replace, Patch, Delete or Bulk, read from its method and path against the server's
 * resource types, its query in the query panel. When the composer could not send exactly the same
 * request (a query parameter it has no field for, a path it does not build), it stays Raw, as written.
 */
export function draftForRequest(request: WrittenRequest, registry: SchemaRegistry): RequestDraft {
  const raw = RequestDraft.parse({ name: request.name, operation: 'raw', method: request.method, path: request.path, headers: request.headers, body: request.body ?? '' });
  const { base, pairs } = splitPath(request.path);
  const shape = shapeOf(base, request.method, registry);
  if (!shape) return raw;
  const info = operationInfo(shape.operation);
  let query: QueryDraft | undefined = QueryDraft.parse({});
  if (info.query === 'list' && shape.operation !== 'search') query = queryDraftOf(pairs, LIST_PARAMS);
  else if (info.query === 'attributes') query = queryDraftOf(pairs, ATTRIBUTE_PARAMS);
  else if (pairs.length > 0) query = undefined;
  if (shape.operation === 'search') query = pairs.length > 0 ? undefined : queryFromSearchBody(request.body ?? '', QueryDraft.parse({}));
  if (!query) return raw;
  if (info.body === 'none' && (request.body ?? '') !== '') return raw;
  const draft = RequestDraft.parse({
    name: request.name,
    operation: shape.operation,
    resourceType: shape.rt?.name ?? '',
    resourceId: shape.id ?? '',
    method: info.method,
    path: base,
    query,
    headers: request.headers,
    body: request.body ?? '',
  });
  return sameRequest(toRequestSpec(draft, ''), request) ? draft : raw;
}
