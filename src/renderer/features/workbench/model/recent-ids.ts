import { create } from 'zustand';
import type { HttpExchange } from '@shared/model/exchange';
import { resourcesIn } from './last-response';

/** Ids kept per resource type, newest first. */
const KEEP = 100;

export interface RecentId {
  id: string;
  /** userName, displayName… */
  label: string;
}

interface RecentIds {
  /** by resource type name, lower-cased ('' when the type is not known) */
  byType: Record<string, RecentId[]>;
  /** the resources an answer carried (one, or the Resources of a list) join the front */
  remember(exchange: HttpExchange | undefined): void;
}

/** The resource ids seen in this session's responses, in every tab: the Resource id field offers them. */
export const useRecentIds = create<RecentIds>()((set) => ({
  byType: {},
  remember(exchange) {
    const refs = resourcesIn(exchange);
    if (refs.length === 0) return;
    set((state) => {
      const byType = { ...state.byType };
      // a list's first resources first
      for (const ref of [...refs].reverse()) {
        const key = (ref.resourceType ?? '').toLowerCase();
        const list = (byType[key] ?? []).filter((r) => r.id !== ref.id);
        list.unshift({ id: ref.id, label: ref.label });
        byType[key] = list.slice(0, KEEP);
      }
      return { byType };
    });
  },
}));

/** Recent ids for a resource type (and those whose type was not known), newest first. */
export function recentIdsFor(byType: Record<string, RecentId[]>, resourceType: string): RecentId[] {
  const own = byType[resourceType.toLowerCase()] ?? [];
  const unknown = resourceType ? (byType[''] ?? []) : [];
  return [...own, ...unknown.filter((u) => !own.some((o) => o.id === u.id))];
}
