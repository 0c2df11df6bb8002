import { URN, type JsonObject } from '@shared/scim';
import { QueryDraft } from '@shared/model/workspace';

/** The SearchRequest members the query panel owns (RFC 7644 §3.4.3; `cursor` from RFC 9865). */
const OWNED = ['filter', 'attributes', 'excludedAttributes', 'sortBy', 'sortOrder', 'startIndex', 'count', 'cursor'] as const;

function parseObject(text: string): JsonObject | undefined {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

function queryMembers(query: QueryDraft): JsonObject {
  const out: JsonObject = {};
  if (query.attributes.length) out.attributes = query.attributes;
  if (query.excludedAttributes.length) out.excludedAttributes = query.excludedAttributes;
  if (query.filter.trim()) out.filter = query.filter;
  if (query.sortBy.trim()) out.sortBy = query.sortBy;
  if (query.sortOrder) out.sortOrder = query.sortOrder;
  if (query.paging === 'cursor') out.cursor = query.cursor;
  else if (query.startIndex !== undefined) out.startIndex = query.startIndex;
  if (query.count !== undefined) out.count = query.count;
  return out;
}

/**
 * The search body with the query panel's values written in: members the panel owns are replaced,
 * anything else the user wrote stays. Undefined when the body is not a JSON object (it is left alone).
 */
export function mergeQueryIntoSearchBody(body: string, query: QueryDraft): string | undefined {
  const current = parseObject(body);
  if (!current) return undefined;
  const next: JsonObject = { schemas: current.schemas ?? [URN.searchRequest] };
  for (const [key, value] of Object.entries(current)) if (key !== 'schemas' && !(OWNED as readonly string[]).includes(key)) next[key] = value;
  Object.assign(next, queryMembers(query));
  return `${JSON.stringify(next, null, 2)}\n`;
}

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined;

/** The query panel's values read back from an edited search body; undefined when it is not a JSON object. */
export function queryFromSearchBody(body: string, current: QueryDraft): QueryDraft | undefined {
  const json = parseObject(body);
  if (!json) return undefined;
  const integer = (value: unknown, min: number) => (typeof value === 'number' && Number.isInteger(value) && value >= min ? value : undefined);
  const sortOrder = json.sortOrder === 'ascending' || json.sortOrder === 'descending' ? json.sortOrder : '';
  const cursor = typeof json.cursor === 'string' ? json.cursor : undefined;
  return QueryDraft.parse({
    ...current,
    filter: typeof json.filter === 'string' ? json.filter : '',
    attributes: strings(json.attributes) ?? [],
    excludedAttributes: strings(json.excludedAttributes) ?? [],
    sortBy: typeof json.sortBy === 'string' ? json.sortBy : '',
    sortOrder,
    paging: cursor !== undefined ? 'cursor' : current.paging === 'cursor' && json.startIndex === undefined ? 'cursor' : 'index',
    startIndex: integer(json.startIndex, 1),
    count: integer(json.count, 0),
    cursor: cursor ?? '',
  });
}
