import { URN } from '@shared/scim';
import type { SandboxLimits } from './constants';
import { badRequest } from './errors';
import { parsePaging, type PageRequest } from './paging';
import type { ProjectionRequest } from './projection';

/** A query (RFC 7644 §3.4.2), from URL parameters or a SearchRequest body (§3.4.3). */
export interface ListQuery extends ProjectionRequest {
  filter?: string;
  sortBy?: string;
  descending: boolean;
  paging: PageRequest;
}

/** Query parameters by name, ignoring case (`sortby` works like `sortBy`). */
export function paramReader(params: URLSearchParams): (name: string) => string | undefined {
  const lower = new Map<string, string>();
  for (const [key, value] of params) if (!lower.has(key.toLowerCase())) lower.set(key.toLowerCase(), value);
  return (name) => lower.get(name.toLowerCase());
}

const splitList = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean);

function sortOrder(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'ascending') return false;
    if (lower === 'descending') return true;
  }
  throw badRequest(`sortOrder must be "ascending" or "descending", not ${JSON.stringify(value)}.`, 'invalidValue');
}

/** From `?filter=…&sortBy=…&attributes=a,b&startIndex=…&count=…&cursor=…`. */
export function queryFromParams(params: URLSearchParams, limits: SandboxLimits): ListQuery {
  const get = paramReader(params);
  const filter = get('filter');
  return {
    ...(filter !== undefined ? { filter } : {}),
    ...(get('sortBy') ? { sortBy: get('sortBy')! } : {}),
    descending: sortOrder(get('sortOrder')),
    attributes: splitList(get('attributes')),
    excludedAttributes: splitList(get('excludedAttributes')),
    paging: parsePaging({ startIndex: get('startIndex'), count: get('count'), cursor: get('cursor') }, limits),
  };
}

function stringList(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  if (typeof value === 'string') return splitList(value);
  throw badRequest(`"${name}" must be an array of attribute names.`, 'invalidSyntax');
}

/** From a SearchRequest body (RFC 7644 §3.4.3); keys are matched ignoring case. */
export function queryFromSearchRequest(input: Record<string, unknown>, limits: SandboxLimits, lenient: boolean): ListQuery {
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(input)) body[key.toLowerCase()] = input[key];
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.searchRequest.toLowerCase())) {
    if (!lenient) throw badRequest(`A search body needs "schemas": ["${URN.searchRequest}"] (RFC 7644 §3.4.3).`, 'invalidSyntax');
  }
  const filter = body.filter;
  if (filter !== undefined && filter !== null && typeof filter !== 'string') throw badRequest('"filter" must be a string.', 'invalidFilter');
  const sortBy = body.sortby;
  if (sortBy !== undefined && sortBy !== null && typeof sortBy !== 'string') throw badRequest('"sortBy" must be a string.', 'invalidValue');
  return {
    ...(typeof filter === 'string' ? { filter } : {}),
    ...(typeof sortBy === 'string' && sortBy !== '' ? { sortBy } : {}),
    descending: sortOrder(body.sortorder),
    attributes: stringList(body, 'attributes'),
    excludedAttributes: stringList(body, 'excludedattributes'),
    paging: parsePaging({ startIndex: body.startindex, count: body.count, cursor: body.cursor }, limits),
  };
}
