import { isRecord, keyOf } from './json-access';

/** The paging facts of a ListResponse (RFC 7644 §3.4.2, RFC 9865 §2), as served. */
export interface ListInfo {
  /** number when the server sent an integer; the raw value otherwise shows in `problems` */
  totalResults?: number;
  itemsPerPage?: number;
  startIndex?: number;
  nextCursor?: string;
  previousCursor?: string;
  /** entries of `Resources` */
  resourceCount: number;
  /** the first resource's `schemas[0]`, to pick the resource type and table columns */
  firstSchema?: string;
  /** the first resource's `meta.resourceType` */
  firstResourceType?: string;
}

function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function listInfo(list: Record<string, unknown>): ListInfo {
  const resources = keyOf(list, 'Resources');
  const entries = Array.isArray(resources) ? resources : [];
  const first = entries[0];
  const info: ListInfo = { resourceCount: entries.length };
  const total = integer(keyOf(list, 'totalResults'));
  const perPage = integer(keyOf(list, 'itemsPerPage'));
  const start = integer(keyOf(list, 'startIndex'));
  const next = text(keyOf(list, 'nextCursor'));
  const previous = text(keyOf(list, 'previousCursor'));
  if (total !== undefined) info.totalResults = total;
  if (perPage !== undefined) info.itemsPerPage = perPage;
  if (start !== undefined) info.startIndex = start;
  if (next !== undefined) info.nextCursor = next;
  if (previous !== undefined) info.previousCursor = previous;
  if (isRecord(first)) {
    const record = first;
    const schemas = keyOf(record, 'schemas');
    if (Array.isArray(schemas) && typeof schemas[0] === 'string') info.firstSchema = schemas[0];
    const meta = keyOf(record, 'meta');
    if (isRecord(meta)) {
      const rt = keyOf(meta, 'resourceType');
      if (typeof rt === 'string') info.firstResourceType = rt;
    }
  }
  return info;
}
