import { create } from 'zustand';
import { MAX_TABS, RequestDraft, type RequestDraftInput, type WorkspaceTab } from '@shared/model/workspace';

/**
 * The open request tabs: ids and drafts only (responses live in the runtime store). Persisted in
 * main's workspace.json by the workspace sync, so they come back after a restart.
 */
export interface TabsStore {
  tabs: WorkspaceTab[];
  activeId: string | undefined;
  /** the saved workspace has been read (before that, the workbench waits rather than flashing a default) */
  hydrated: boolean;
  hydrate(tabs: WorkspaceTab[], activeId: string | undefined): void;
  /** opens a tab after the active one (or at the end) and activates it; returns its id */
  open(draft?: RequestDraftInput, options?: { source?: WorkspaceTab['source']; background?: boolean; endpointId?: string }): string;
  close(id: string): void;
  closeOthers(id: string): void;
  duplicate(id: string): string | undefined;
  /** to an index in the list (drag and drop) */
  moveTo(id: string, index: number): void;
  /** one place left (-1) or right (+1) (keyboard) */
  moveBy(id: string, delta: -1 | 1): void;
  activate(id: string): void;
  /** sends the tab to this endpoint from now on; undefined: to the one picked in the sidebar */
  setEndpoint(id: string, endpointId: string | undefined): void;
  /** the tab after (+1) or before (-1) the active one, wrapping */
  cycle(delta: -1 | 1): void;
  updateDraft(id: string, change: (draft: RequestDraft) => RequestDraft): void;
  /**
   * After a save to a collection: `saved` (the draft as it was written; default the current one)
   * becomes what "unsaved" compares against, and the tab remembers where it was saved.
   */
  markSaved(id: string, source?: WorkspaceTab['source'], saved?: RequestDraft): void;
  /** replaces a tab's draft and baseline (a saved request opened again, read anew from its file) */
  reset(id: string, draft: RequestDraft, source?: WorkspaceTab['source']): void;
}

export function newTabId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The tab has changes its baseline (as opened or last saved) does not have. */
export function isDirty(tab: WorkspaceTab): boolean {
  return tab.baseline !== undefined && !deepEqual(tab.draft, tab.baseline);
}

export const useTabs = create<TabsStore>()((set, get) => ({
  tabs: [],
  activeId: undefined,
  hydrated: false,
  hydrate: (tabs, activeId) => set({ tabs, activeId: activeId && tabs.some((t) => t.id === activeId) ? activeId : tabs[0]?.id, hydrated: true }),
  open(input = {}, options = {}) {
    const draft = RequestDraft.parse(input);
    const tab: WorkspaceTab = { id: newTabId(), draft, baseline: draft, ...(options.source ? { source: options.source } : {}), ...(options.endpointId ? { endpointId: options.endpointId } : {}) };
    set((state) => {
      const at = state.tabs.findIndex((t) => t.id === state.activeId);
      const tabs = [...state.tabs];
      tabs.splice(at < 0 ? tabs.length : at + 1, 0, tab);
      // past the cap the oldest tab without unsaved changes makes room
      if (tabs.length > MAX_TABS) {
        const drop = tabs.findIndex((t) => t.id !== tab.id && !isDirty(t));
        tabs.splice(drop < 0 ? 0 : drop, 1);
      }
      return { tabs, activeId: options.background ? (state.activeId ?? tab.id) : tab.id };
    });
    return tab.id;
  },
  close(id) {
    set((state) => {
      const at = state.tabs.findIndex((t) => t.id === id);
      if (at < 0) return state;
      const tabs = state.tabs.filter((t) => t.id !== id);
      const activeId = state.activeId === id ? (tabs[Math.min(at, tabs.length - 1)]?.id ?? undefined) : state.activeId;
      return { tabs, activeId };
    });
  },
  closeOthers(id) {
    set((state) => ({ tabs: state.tabs.filter((t) => t.id === id), activeId: id }));
  },
  duplicate(id) {
    const tab = get().tabs.find((t) => t.id === id);
    if (!tab) return undefined;
    const name = tab.draft.name ? `${tab.draft.name} (copy)` : '';
    const copy: WorkspaceTab = { id: newTabId(), draft: { ...tab.draft, name }, baseline: { ...tab.draft, name }, ...(tab.endpointId ? { endpointId: tab.endpointId } : {}) };
    set((state) => {
      const tabs = [...state.tabs];
      tabs.splice(tabs.findIndex((t) => t.id === id) + 1, 0, copy);
      return { tabs: tabs.slice(0, MAX_TABS), activeId: copy.id };
    });
    return copy.id;
  },
  moveTo(id, index) {
    set((state) => {
      const from = state.tabs.findIndex((t) => t.id === id);
      if (from < 0) return state;
      const to = Math.max(0, Math.min(state.tabs.length - 1, index));
      if (to === from) return state;
      const tabs = [...state.tabs];
      const [tab] = tabs.splice(from, 1);
      tabs.splice(to, 0, tab!);
      return { tabs };
    });
  },
  moveBy(id, delta) {
    const from = get().tabs.findIndex((t) => t.id === id);
    if (from >= 0) get().moveTo(id, from + delta);
  },
  activate(id) {
    if (get().tabs.some((t) => t.id === id)) set({ activeId: id });
  },
  setEndpoint(id, endpointId) {
    set((state) => ({
      tabs: state.tabs.map((tab) => {
        if (tab.id !== id) return tab;
        const next = { ...tab };
        if (endpointId) next.endpointId = endpointId;
        else delete next.endpointId;
        return next;
      }),
    }));
  },
  cycle(delta) {
    const { tabs, activeId } = get();
    if (tabs.length === 0) return;
    const at = tabs.findIndex((t) => t.id === activeId);
    set({ activeId: tabs[(at + delta + tabs.length) % tabs.length]!.id });
  },
  updateDraft(id, change) {
    set((state) => {
      let changed = false;
      const tabs = state.tabs.map((tab) => {
        if (tab.id !== id) return tab;
        const draft = change(tab.draft);
        if (draft === tab.draft) return tab;
        changed = true;
        return { ...tab, draft };
      });
      return changed ? { tabs } : state;
    });
  },
  markSaved(id, source, saved) {
    set((state) => ({ tabs: state.tabs.map((tab) => (tab.id === id ? { ...tab, baseline: saved ?? tab.draft, ...(source ? { source } : {}) } : tab)) }));
  },
  reset(id, draft, source) {
    set((state) => ({ tabs: state.tabs.map((tab) => (tab.id === id ? { ...tab, draft, baseline: draft, ...(source ? { source } : {}) } : tab)) }));
  },
}));

export const activeTab = (state: Pick<TabsStore, 'tabs' | 'activeId'>): WorkspaceTab | undefined => state.tabs.find((t) => t.id === state.activeId);
