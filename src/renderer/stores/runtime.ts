import { create } from 'zustand';
import type { AppError } from '@shared/api/errors';
import type { EventPayload } from '@shared/api/events';
import type { HttpExchange } from '@shared/model/exchange';
import type { RequestSpec } from '@shared/model/request-spec';
import type { RequestDraft } from '@shared/model/workspace';

/** What happened to a tab's requests in this session (not persisted: bodies live in main's blob store). */
export interface TabRuntime {
  /** a send in flight */
  sending?: { requestId: string; startedAt: number; progress?: EventPayload<'http.progress'> };
  /** the last answer (transport failures are inside it, as `exchange.error`) */
  exchange?: HttpExchange;
  /** why the last send did not go out or did not come back (validation, missing secret, cancelled…) */
  error?: AppError;
  /** the draft as it was when the last exchange was sent */
  sentDraft?: RequestDraft;
  /** what was sent for it (the inspector pages and checks with it) */
  sentSpec?: RequestSpec;
  /** which part of the composer is shown (query, body, operations, headers) */
  section?: string;
  /** Send asks this first (a DELETE opened from a resource's Delete button) */
  confirmSend?: string;
  /** the question is on screen */
  confirming?: boolean;
}

interface RuntimeStore {
  byTab: Record<string, TabRuntime>;
  patch(tabId: string, change: (current: TabRuntime) => TabRuntime): void;
  drop(tabId: string): void;
  /** progress events arrive by request id */
  progress(payload: EventPayload<'http.progress'>): void;
}

export const useRuntime = create<RuntimeStore>()((set) => ({
  byTab: {},
  patch: (tabId, change) => set((state) => ({ byTab: { ...state.byTab, [tabId]: change(state.byTab[tabId] ?? {}) } })),
  drop: (tabId) =>
    set((state) => {
      if (!(tabId in state.byTab)) return state;
      const byTab = { ...state.byTab };
      delete byTab[tabId];
      return { byTab };
    }),
  progress: (payload) =>
    set((state) => {
      const entry = Object.entries(state.byTab).find(([, r]) => r.sending?.requestId === payload.requestId);
      if (!entry) return state;
      const [tabId, runtime] = entry;
      return { byTab: { ...state.byTab, [tabId]: { ...runtime, sending: { ...runtime.sending!, progress: payload } } } };
    }),
}));
