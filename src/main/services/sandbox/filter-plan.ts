import { chainOperands, type Filter, type SchemaRegistry, type ScimResourceType } from '@shared/scim';
import type { ResourceStore } from './store';

/**
 * Which records a filter can match, found through an index when the AST allows it: `id eq`,
 * `externalId eq` and `eq` on a unique attribute (userName, group displayName), also inside `and`
 * (either side narrows) and `or` (both sides must). Undefined means: scan everything.
 * Candidates are still checked against the whole filter, so an index only ever narrows.
 */
export function indexCandidates(filter: Filter, store: ResourceStore, rt: ScimResourceType, registry: SchemaRegistry): Set<string> | undefined {
  switch (filter.type) {
    case 'compare': {
      if (filter.op !== 'eq' || typeof filter.value !== 'string') return undefined;
      const resolved = registry.attribute(filter.path, rt);
      if (!resolved || resolved.attribute !== resolved.top || resolved.extension) return undefined;
      const name = resolved.attribute.name;
      if (name === 'id') return new Set(store.has(filter.value) ? [filter.value] : []);
      if (name === 'externalId') return new Set(store.findByExternalId(filter.value) ?? []);
      if (store.isIndexed(name)) {
        const id = store.findUnique(name, filter.value);
        return new Set(id === undefined ? [] : [id]);
      }
      return undefined;
    }
    case 'and': {
      // a whole chain at once (chains can be thousands of terms long): the smallest candidate set narrows
      let best: Set<string> | undefined;
      for (const operand of chainOperands(filter)) {
        const candidates = indexCandidates(operand, store, rt, registry);
        if (candidates && (!best || candidates.size < best.size)) best = candidates;
      }
      return best;
    }
    case 'or': {
      const union = new Set<string>();
      for (const operand of chainOperands(filter)) {
        const candidates = indexCandidates(operand, store, rt, registry);
        if (!candidates) return undefined;
        for (const id of candidates) union.add(id);
      }
      return union;
    }
    default:
      return undefined;
  }
}
