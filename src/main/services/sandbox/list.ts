import { compileFilter, parseFilterWithDeviations, URN, type CompiledFilter, type Filter, type FilterDeviation, type SchemaRegistry } from '@shared/scim';
import { plantFilterDefects, sortRegistry, type QueryDefectName } from './defects-query';
import type { Directory, TypeName } from './directory';
import { badRequest } from './errors';
import { indexCandidates } from './filter-plan';
import { CursorCodec, selectPage } from './paging';
import { compileProjection, type Projector } from './projection';
import type { ListQuery } from './query';
import { toScimHttpError } from './scim-errors';
import { compileSortKey, type SortKeyOf } from './sort-key';
import { compareKeys, type Ordered, type SortKey } from './sorting';
import { serialized, type StoredResource } from './store';

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

/** The matches of one query: records in result order, with their sort keys and (for several types) their types. */
interface Matches {
  records: StoredResource[] | readonly StoredResource[];
  keys: SortKey[] | undefined;
  types: TypeName[] | undefined;
}

/**
 * Runs a query over one or more resource types (RFC 7644 §3.4.2, §3.4.3): the filter is compiled once
 * per type, index-able filters skip the scan, records are visited in place (no copies), only the
 * page is projected, and unchanged resources reuse their cached JSON.
 */
export function runQuery(directory: Directory, types: readonly TypeName[], query: ListQuery, codec: CursorCodec, lenient: boolean, defects?: { has(name: QueryDefectName): boolean }): ListResult {
  if (query.filter !== undefined && query.filter.trim() === '') throw badRequest('The filter is empty: leave the "filter" parameter out to list everything.', 'invalidFilter');
  const parsed = query.filter !== undefined ? parseServerFilter(query.filter, lenient, directory) : undefined;
  const projectors = new Map<TypeName, Projector | undefined>();
  for (const type of types) projectors.set(type, compileProjection(query, directory.resourceTypes[type], directory.registry));
  // planted defects (conformance tests) change the filter or the rules it is read by
  const has = (name: QueryDefectName) => defects?.has(name) ?? false;
  const planted = parsed ? plantFilterDefects(has, parsed.filter, directory.registry, directory.resourceTypes[types[0]!]) : undefined;
  const matches = collect(directory, types, planted?.filter, query.sortBy, query.descending, planted?.registry, sortRegistry(has, directory.registry));
  const { records, keys } = matches;
  const descending = query.descending;
  const at = (i: number): Ordered => ({ key: keys ? keys[i]! : null, seq: records[i]!.seq });
  const queryKey = () => CursorCodec.queryKey([types, query.filter ?? null, query.sortBy?.toLowerCase() ?? null, descending]);
  const page = selectPage(records.length, at, query.paging, descending, codec, queryKey);

  const parts: string[] = [];
  for (let i = page.from; i < page.to; i++) {
    const record = records[i]!;
    const project = projectors.get(matches.types ? matches.types[i]! : types[0]!);
    parts.push(project ? JSON.stringify(project(record.resource)) : serialized(record));
  }
  let head = `{"schemas":["${URN.listResponse}"],"totalResults":${records.length},"itemsPerPage":${parts.length}`;
  if (page.startIndex !== undefined) head += `,"startIndex":${page.startIndex}`;
  if (page.previousCursor !== undefined) head += `,"previousCursor":${JSON.stringify(page.previousCursor)}`;
  if (page.nextCursor !== undefined) head += `,"nextCursor":${JSON.stringify(page.nextCursor)}`;
  return { json: `${head},"Resources":[${parts.join(',')}]}`, deviations: parsed?.deviations ?? [] };
}

function collect(
  directory: Directory,
  types: readonly TypeName[],
  filter: Filter | undefined,
  sortBy: string | undefined,
  descending: boolean,
  registry: SchemaRegistry = directory.registry,
  sortKeyRegistry: SchemaRegistry = directory.registry,
): Matches {
  const single = types.length === 1;
  // the common case costs nothing: everything of one type, in insertion order
  if (single && !filter && !sortBy) return { records: directory.store(types[0]!).ordered(), keys: undefined, types: undefined };

  const records: StoredResource[] = [];
  const keys: SortKey[] | undefined = sortBy ? [] : undefined;
  const typeList: TypeName[] | undefined = single ? undefined : [];
  let sortable = false;
  for (const type of types) {
    const rt = directory.resourceTypes[type];
    const store = directory.store(type);
    let match: CompiledFilter | undefined;
    try {
      match = filter ? compileFilter(filter, { registry, resourceType: rt }) : undefined;
    } catch (error) {
      throw toScimHttpError(error);
    }
    const keyOf: SortKeyOf | undefined = sortBy ? compileSortKey(sortBy, rt, sortKeyRegistry) : undefined;
    if (keyOf) sortable = true;
    const candidates = filter ? indexCandidates(filter, store, rt, directory.registry) : undefined;
    const source: readonly StoredResource[] = candidates
      ? [...candidates]
          .map((id) => store.get(id))
          .filter((r): r is StoredResource => r !== undefined)
          .sort((a, b) => a.seq - b.seq)
      : store.ordered();
    for (let i = 0; i < source.length; i++) {
      const record = source[i]!;
      if (match && !match(record.resource)) continue;
      records.push(record);
      if (keys) keys.push(keyOf ? keyOf(record.resource) : null);
      typeList?.push(type);
    }
  }
  if (sortBy && !sortable) throw badRequest(`sortBy "${sortBy}" is not an attribute of ${types.join(' or ')}.`, 'invalidValue');
  if (!keys && single) return { records, keys, types: typeList };
  return sortMatches(records, keys, typeList, descending);
}

/** Stable sort by (key, insertion order); several types merge by insertion order when no key is given. */
function sortMatches(records: StoredResource[], keys: SortKey[] | undefined, types: TypeName[] | undefined, descending: boolean): Matches {
  const order = records.map((_, i) => i);
  order.sort((a, b) => {
    if (keys) {
      const byKey = compareKeys(keys[a]!, keys[b]!);
      if (byKey !== 0) return descending ? -byKey : byKey;
    }
    return records[a]!.seq - records[b]!.seq;
  });
  return { records: order.map((i) => records[i]!), keys: keys ? order.map((i) => keys[i]!) : undefined, types: types ? order.map((i) => types[i]!) : undefined };
}
