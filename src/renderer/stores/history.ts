import { create } from 'zustand';
import type { AppError } from '@shared/api/errors';
import type { HistoryDetail, HistoryPageRequest, HistoryQuery, HistorySummary } from '@shared/model/history';
import type { ApiClient } from '../transport/client';
import { asAppError } from './app-error';

const PAGE = 200;

export type HistoryFilters = Omit<HistoryQuery, 'text'>;

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
    setText: (text) => set({ text }),
    setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
    async refresh(api) {
      const mine = ++generation;
      set({ loading: true, error: undefined });
      try {
        const page = await api.call('history.list', request());
        if (mine !== generation) return;
        const ids = new Set(page.entries.map((e) => e.id));
        set((s) => ({
          entries: page.entries,
          nextCursor: page.nextCursor,
          loading: false,
          selected: new Set([...s.selected].filter((id) => ids.has(id))),
        }));
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
          const ids = s.entries.map((e) => e.id);
          const [a, b] = [ids.indexOf(s.anchor), ids.indexOf(id)].sort((x, y) => x - y);
          if (a! >= 0 && b! >= 0) return { selected: new Set(ids.slice(a, b! + 1)), focused: id };
        }
        return { selected: new Set([id]), anchor: id, focused: id };
      });
    },
    selectAll: () => set((s) => ({ selected: new Set(s.entries.map((e) => e.id)) })),
    clearSelection: () => set({ selected: new Set() }),
    async open(api, id) {
      set({ openId: id, detail: undefined, detailError: undefined });
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
        selected: new Set([...s.selected].filter((id) => !ids.includes(id))),
        ...(s.openId !== undefined && ids.includes(s.openId) ? { openId: undefined, detail: undefined } : {}),
      }));
    },
    async clearAll(api) {
      await api.call('history.clear', {});
      set({ entries: [], nextCursor: undefined, selected: new Set(), openId: undefined, detail: undefined });
    },
  };
});
