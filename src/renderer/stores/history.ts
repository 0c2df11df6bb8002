import { create } from 'zustand';
import type { AppError } from '@shared/api/errors';
import type { HistoryDetail, HistoryPageRequest, HistoryQuery, HistorySummary } from '@shared/model/history';
import type { ApiClient } from '../transport/client';
import { asAppError } from './app-error';

const PAGE = 200;
/** requests of one run listed under its row when it is expanded (the rest: "N more") */
const RUN_PAGE = 1000;

export type HistoryFilters = Omit<HistoryQuery, 'text' | 'groupId'>;

/** A run's own requests, shown under its row while it is expanded. */
export interface ExpandedRun {
  entries: HistorySummary[];
  loading: boolean;
  /** more requests than were fetched */
  more: boolean;
  error?: AppError;
}

/** One line of the list: an entry, or a request of an expanded run (depth 1) under it. */
export interface HistoryRow {
  entry: HistorySummary;
  depth: 0 | 1;
}

/** The rows in display order: each expanded run's requests right under its row. */
export function visibleRows(entries: HistorySummary[], expanded: Record<string, ExpandedRun>): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const entry of entries) {
    rows.push({ entry, depth: 0 });
    const run = entry.group && entry.group.size !== undefined ? expanded[entry.group.id] : undefined;
    if (run) for (const child of run.entries) rows.push({ entry: child, depth: 1 });
  }
  return rows;
}

/** Whether a row stands for a run of several requests. */
export const isRunRow = (entry: HistorySummary): boolean => entry.group?.size !== undefined;

interface HistoryState {
  text: string;
  filters: HistoryFilters;
  entries: HistorySummary[];
  nextCursor: number | undefined;
  loading: boolean;
  error: AppError | undefined;
  /** ids of the selected entries */
  selected: Set<number>;
  /** where a Shift range starts */
  anchor: number | undefined;
  /** the entry the keyboard moves from (the last one clicked or reached) */
  focused: number | undefined;
  /** the entry shown in the main pane */
  openId: number | undefined;
  detail: HistoryDetail | undefined;
  detailError: AppError | undefined;
  /** runs shown expanded, by group id */
  expanded: Record<string, ExpandedRun>;
  /** two entries whose responses the main pane compares (older first) */
  comparing: [number, number] | undefined;
  compare(ids: [number, number]): void;
  setText(text: string): void;
  setFilters(patch: Partial<HistoryFilters>): void;
  refresh(api: ApiClient): Promise<void>;
  loadMore(api: ApiClient): Promise<void>;
  /** plain click: only this; `toggle` (Ctrl/Cmd): add or remove; `range` (Shift): from the anchor */
  select(id: number, mode?: 'only' | 'toggle' | 'range'): void;
  selectAll(): void;
  clearSelection(): void;
  open(api: ApiClient, id: number): Promise<void>;
  remove(api: ApiClient, ids: number[]): Promise<void>;
  clearAll(api: ApiClient): Promise<void>;
  /** shows (or hides) a run's own requests under its row */
  toggleRun(api: ApiClient, groupId: string, open?: boolean): Promise<void>;
  /** the entry ids the selection stands for: a run's row stands for all of its requests */
  idsOf(api: ApiClient, ids: number[]): Promise<number[]>;
}


let generation = 0;

export const useHistory = create<HistoryState>((set, get) => {
  const request = (cursor?: number): HistoryPageRequest => {
    const { text, filters } = get();
    return { ...filters, ...(text.trim() ? { text: text.trim() } : {}), ...(cursor !== undefined ? { cursor } : {}), limit: PAGE };
  };
  return {
    text: '',
    filters: {},
    entries: [],
    nextCursor: undefined,
    loading: false,
    error: undefined,
    selected: new Set(),
    anchor: undefined,
    focused: undefined,
    openId: undefined,
    detail: undefined,
    detailError: undefined,
    expanded: {},
    comparing: undefined,
    compare: ([a, b]) => set({ comparing: a < b ? [a, b] : [b, a] }),
    setText: (text) => set({ text }),
    setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
    async refresh(api) {
      const mine = ++generation;
      set({ loading: true, error: undefined });
      try {
        const page = await api.call('history.list', request());
        if (mine !== generation) return;
        const groups = new Set(page.entries.filter(isRunRow).map((e) => e.group!.id));
        const expanded = Object.fromEntries(Object.entries(get().expanded).filter(([id]) => groups.has(id)));
        const ids = new Set([...page.entries.map((e) => e.id), ...Object.values(expanded).flatMap((r) => r.entries.map((e) => e.id))]);
        set((s) => ({
          entries: page.entries,
          nextCursor: page.nextCursor,
          loading: false,
          expanded,
          selected: new Set([...s.selected].filter((id) => ids.has(id))),
        }));
        // what an open run holds may have changed too
        for (const id of Object.keys(expanded)) void get().toggleRun(api, id, true);
      } catch (error) {
        if (mine === generation) set({ loading: false, error: asAppError(error) });
      }
    },
    async loadMore(api) {
      const { nextCursor, loading } = get();
      if (nextCursor === undefined || loading) return;
      const mine = generation;
      set({ loading: true });
      try {
        const page = await api.call('history.list', request(nextCursor));
        if (mine !== generation) return;
        set((s) => ({ entries: [...s.entries, ...page.entries], nextCursor: page.nextCursor, loading: false }));
      } catch (error) {
        set({ loading: false, error: asAppError(error) });
      }
    },
    select(id, mode = 'only') {
      set((s) => {
        if (mode === 'toggle') {
          const selected = new Set(s.selected);
          if (selected.has(id)) selected.delete(id);
          else selected.add(id);
          return { selected, anchor: id, focused: id };
        }
        if (mode === 'range' && s.anchor !== undefined) {
          const ids = visibleRows(s.entries, s.expanded).map((r) => r.entry.id);
          const [a, b] = [ids.indexOf(s.anchor), ids.indexOf(id)].sort((x, y) => x - y);
          if (a! >= 0 && b! >= 0) return { selected: new Set(ids.slice(a, b! + 1)), focused: id };
        }
        return { selected: new Set([id]), anchor: id, focused: id };
      });
    },
    selectAll: () => set((s) => ({ selected: new Set(visibleRows(s.entries, s.expanded).map((r) => r.entry.id)) })),
    clearSelection: () => set({ selected: new Set() }),
    async open(api, id) {
      set({ openId: id, detail: undefined, detailError: undefined, comparing: undefined });
      try {
        const detail = await api.call('history.get', { id });
        if (get().openId === id) set({ detail });
      } catch (error) {
        if (get().openId === id) set({ detailError: asAppError(error) });
      }
    },
    async remove(api, ids) {
      await api.call('history.delete', { ids });
      set((s) => ({
        entries: s.entries.filter((e) => !ids.includes(e.id)),
        expanded: Object.fromEntries(Object.entries(s.expanded).map(([g, run]) => [g, { ...run, entries: run.entries.filter((e) => !ids.includes(e.id)) }])),
        selected: new Set([...s.selected].filter((id) => !ids.includes(id))),
        ...(s.openId !== undefined && ids.includes(s.openId) ? { openId: undefined, detail: undefined } : {}),
      }));
    },
    async clearAll(api) {
      await api.call('history.clear', {});
      set({ entries: [], nextCursor: undefined, selected: new Set(), openId: undefined, detail: undefined, expanded: {} });
    },
    async toggleRun(api, groupId, open) {
      const current = get().expanded[groupId];
      const wanted = open ?? !current;
      if (!wanted) {
        set((s) => {
          const expanded = { ...s.expanded };
          delete expanded[groupId];
          const hidden = new Set(current?.entries.map((e) => e.id));
          return { expanded, selected: new Set([...s.selected].filter((id) => !hidden.has(id))) };
        });
        return;
      }
      set((s) => ({ expanded: { ...s.expanded, [groupId]: { entries: current?.entries ?? [], more: current?.more ?? false, loading: true } } }));
      const { text, filters } = get();
      try {
        const page = await api.call('history.list', { ...filters, ...(text.trim() ? { text: text.trim() } : {}), groupId, limit: RUN_PAGE });
        // oldest first: page 1 of the run on top
        const entries = [...page.entries].reverse();
        set((s) => (s.expanded[groupId] ? { expanded: { ...s.expanded, [groupId]: { entries, more: page.nextCursor !== undefined, loading: false } } } : s));
      } catch (error) {
        set((s) => (s.expanded[groupId] ? { expanded: { ...s.expanded, [groupId]: { ...s.expanded[groupId]!, loading: false, error: asAppError(error) } } } : s));
      }
    },
    async idsOf(api, ids) {
      const out = new Set<number>();
      const entries = new Map(get().entries.map((e) => [e.id, e]));
      for (const id of ids) {
        const entry = entries.get(id);
        if (!entry || !isRunRow(entry)) {
          out.add(id);
          continue;
        }
        let cursor: number | undefined;
        do {
          const page = await api.call('history.list', { groupId: entry.group!.id, limit: RUN_PAGE, ...(cursor !== undefined ? { cursor } : {}) });
          for (const e of page.entries) out.add(e.id);
          cursor = page.nextCursor;
        } while (cursor !== undefined);
      }
      return [...out];
    },
  };
});
