import { create } from 'zustand';
import type { AppError } from '@shared/api/errors';
import type { Collection, CollectionSummary, RunResult } from '@shared/model/collection';
import type { ApiClient } from '../transport/client';
import { asAppError } from './app-error';

interface CollectionsState {
  summaries: CollectionSummary[];
  activeId: string | undefined;
  collection: Collection | undefined;
  /** ids of the folders shown open */
  expanded: Set<string>;
  selectedItem: string | undefined;
  lastRun: RunResult | undefined;
  running: string | undefined;
  error: AppError | undefined;
  /** messages from the last save, import or edit (what was left out) */
  warnings: string[];
  loadList(api: ApiClient): Promise<void>;
  activate(api: ApiClient, id: string | undefined): Promise<void>;
  reload(api: ApiClient): Promise<void>;
  toggle(folderId: string, open?: boolean): void;
  selectItem(id: string | undefined): void;
  setWarnings(warnings: string[]): void;
  setError(error: unknown): void;
  setRun(run: RunResult | undefined, running?: string): void;
}


export const useCollections = create<CollectionsState>((set, get) => ({
  summaries: [],
  activeId: undefined,
  collection: undefined,
  expanded: new Set(),
  selectedItem: undefined,
  lastRun: undefined,
  running: undefined,
  error: undefined,
  warnings: [],
  async loadList(api) {
    try {
      const summaries = await api.call('collections.list', {});
      set({ summaries, error: undefined });
      const { activeId } = get();
      if (!activeId || !summaries.some((s) => s.id === activeId)) await get().activate(api, summaries[0]?.id);
    } catch (error) {
      set({ error: asAppError(error) });
    }
  },
  async activate(api, id) {
    if (id === undefined) {
      set({ activeId: undefined, collection: undefined, selectedItem: undefined });
      return;
    }
    set({ activeId: id, selectedItem: id === get().activeId ? get().selectedItem : undefined, lastRun: id === get().activeId ? get().lastRun : undefined });
    try {
      const collection = await api.call('collections.get', { collectionId: id });
      if (get().activeId === id) set({ collection, error: undefined });
    } catch (error) {
      set({ error: asAppError(error) });
    }
  },
  async reload(api) {
    const { activeId } = get();
    if (activeId) await get().activate(api, activeId);
  },
  toggle: (folderId, open) =>
    set((s) => {
      const expanded = new Set(s.expanded);
      const next = open ?? !expanded.has(folderId);
      if (next) expanded.add(folderId);
      else expanded.delete(folderId);
      return { expanded };
    }),
  selectItem: (selectedItem) => set({ selectedItem }),
  setWarnings: (warnings) => set({ warnings }),
  setError: (error) => set({ error: error === undefined ? undefined : asAppError(error) }),
  setRun: (lastRun, running) => set({ lastRun, running }),
}));
