import { compileFilter, parseFilterWithDeviations, URN, type CompiledFilter, type Filter, type FilterDeviation } from '@shared/scim';
import type { Directory, TypeName } from './directory';
import { badRequest } from './errors';
import { indexCandidates } from './filter-plan';
import { CursorCodec, selectPage } from './paging';
import { compileProjection, type Projector } from './projection';
import type { ListQuery } from './query';
import { compileSortKey, type SortKeyOf } from './sort-key';
import { comparePositions, type SortKey } from './sorting';
import { serialized, type StoredResource } from './store';
import { toScimHttpError } from './scim-errors';

interface Hit {
  key: SortKey;
  seq: number;
  record: StoredResource;
  type: TypeName;
}

export interface ListResult {
  /** the ListResponse as JSON text */
  json: string;
  deviations: FilterDeviation[];
}

/** Parses a filter for the server; a parse error becomes 400 invalidFilter with the parser's position. */
export function parseServerFilter(text: string, lenient: boolean, directory: Directory): { filter: Filter; deviations: FilterDeviation[] } {
  try {
    return parseFilterWithDeviations(text, { lenient, registry: directory.registry });
  } catch (error) {
    throw toScimHttpError(error);
  }
}

/**
 * Runs a query over one or more resource types (RFC 7644 §3.4.2, §3.4.3): the filter is compiled once
 * per type, index-able filters skip the scan, records are visited in place (no copies), only the
 * page is projected, and unchanged resources reuse their cached JSON.
 */
export function runQuery(directory: Directory, types: readonly TypeName[], query: ListQuery, codec: CursorCodec, lenient: boolean): ListResult {
  const parsed = query.filter !== undefined && query.filter.trim() !== '' ? parseServerFilter(query.filter, lenient, directory) : undefined;
  if (query.filter !== undefined && query.filter.trim() === '') throw badRequest('The filter is empty: leave the "filter" parameter out to list everything.', 'invalidFilter');
  const hits: Hit[] = [];
  const projectors = new Map<TypeName, Projector | undefined>();
  let sortable = false;
  for (const type of types) {
    const rt = directory.resourceTypes[type];
    const store = directory.store(type);
    let match: CompiledFilter | undefined;
    try {
      match = parsed ? compileFilter(parsed.filter, { registry: directory.registry, resourceType: rt }) : undefined;
    } catch (error) {
      throw toScimHttpError(error);
    }
    let keyOf: SortKeyOf | undefined;
    if (query.sortBy) {
      keyOf = compileSortKey(query.sortBy, rt, directory.registry);
      if (keyOf) sortable = true;
    }
    projectors.set(type, compileProjection(query, rt, directory.registry));
    const candidates = parsed ? indexCandidates(parsed.filter, store, rt, directory.registry) : undefined;
    const visit = (record: StoredResource) => {
      if (match && !match(record.resource)) return;
      hits.push({ key: keyOf ? keyOf(record.resource) : null, seq: record.seq, record, type });
    };
    if (candidates) {
      const records = [...candidates].map((id) => store.get(id)).filter((r): r is StoredResource => r !== undefined);
      records.sort((a, b) => a.seq - b.seq);
      records.forEach(visit);
    } else {
      for (const record of store.values()) visit(record);
    }
  }
  if (query.sortBy && !sortable) {
    throw badRequest(`sortBy "${query.sortBy}" is not an attribute of ${types.join(' or ')}.`, 'invalidValue');
  }
  const descending = query.descending;
  if (query.sortBy || types.length > 1) hits.sort((a, b) => comparePositions(a, b, descending));
  const queryKey = CursorCodec.queryKey([types, query.filter ?? null, query.sortBy?.toLowerCase() ?? null, descending]);
  const page = selectPage(hits, query.paging, descending, codec, queryKey);

  const parts: string[] = [];
  for (const hit of page.items) {
    const project = projectors.get(hit.type);
    parts.push(project ? JSON.stringify(project(hit.record.resource)) : serialized(hit.record));
  }
  let head = `{"schemas":["${URN.listResponse}"],"totalResults":${hits.length},"itemsPerPage":${parts.length}`;
  if (page.startIndex !== undefined) head += `,"startIndex":${page.startIndex}`;
  if (page.previousCursor !== undefined) head += `,"previousCursor":${JSON.stringify(page.previousCursor)}`;
  if (page.nextCursor !== undefined) head += `,"nextCursor":${JSON.stringify(page.nextCursor)}`;
  return { json: `${head},"Resources":[${parts.join(',')}]}`, deviations: parsed?.deviations ?? [] };
}
