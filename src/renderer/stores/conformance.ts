import { create } from 'zustand';
import type { CheckGroupInfo } from '@shared/api/commands/conformance';
import type { AppError } from '@shared/api/errors';
import type { CheckResult, ConformanceProfile, ConformanceRun, RunComparison, RunListItem } from '@shared/model/conformance';
import type { ApiClient } from '../transport/client';
import { asAppError } from './app-error';

/** What the main pane shows. */
export type ConformancePage = { kind: 'new' } | { kind: 'run'; runId: string } | { kind: 'compare'; baseRunId: string; headRunId: string };

/** The form of a new run (kept while the view is closed). */
export interface RunDraft {
  endpointId: string;
  profile: ConformanceProfile;
  readOnly: boolean;
  /** group keys; empty: every group */
  groups: string[];
  concurrency: number;
  /** another endpoint of the same server whose credential may read but not write (check Sec04); '' for none */
  limitedEndpointId: string;
}

/** A run in progress, as its progress events tell it. */
export interface LiveRun {
  runId: string;
  endpointName: string;
  phase: 'starting' | 'discovery' | 'checks' | 'cleanup' | 'done';
  done: number;
  total: number;
  results: CheckResult[];
  cancelling: boolean;
}

interface ConformanceState {
  page: ConformancePage;
  draft: RunDraft;
  groups: CheckGroupInfo[] | undefined;
  runs: RunListItem[];
  listError: AppError | undefined;
  live: LiveRun | undefined;
  startError: AppError | undefined;
  /** the run shown on a `run` page */
  run: ConformanceRun | undefined;
  comparison: RunComparison | undefined;
  pageError: AppError | undefined;
  /** runs ticked in the list to compare (at most two, oldest first when compared) */
  marked: string[];
  setDraft(patch: Partial<RunDraft>): void;
  showNew(): void;
  toggleMark(runId: string): void;
  loadGroups(api: ApiClient): Promise<void>;
  refresh(api: ApiClient): Promise<void>;
  start(api: ApiClient, endpointName: string): Promise<void>;
  cancel(api: ApiClient): Promise<void>;
  open(api: ApiClient, runId: string): Promise<void>;
  compare(api: ApiClient, a: string, b: string): Promise<void>;
  remove(api: ApiClient, runIds: string[]): Promise<void>;
}

const newRunId = () => `conformance-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export const useConformance = create<ConformanceState>((set, get) => ({
  page: { kind: 'new' },
  draft: { endpointId: '', profile: 'rfc', readOnly: false, groups: [], concurrency: 4, limitedEndpointId: '' },
  groups: undefined,
  runs: [],
  listError: undefined,
  live: undefined,
  startError: undefined,
  run: undefined,
  comparison: undefined,
  pageError: undefined,
  marked: [],

  setDraft: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
  showNew: () => set({ page: { kind: 'new' }, pageError: undefined }),
  toggleMark: (runId) =>
    set((s) => ({ marked: s.marked.includes(runId) ? s.marked.filter((id) => id !== runId) : [...s.marked, runId].slice(-2) })),

  async loadGroups(api) {
    if (get().groups) return;
    try {
      set({ groups: (await api.call('conformance.groups', {})).groups });
    } catch (e) {
      set({ listError: asAppError(e) });
    }
  },

  async refresh(api) {
    try {
      const { runs } = await api.call('conformance.list', { limit: 200 });
      set((s) => ({ runs, listError: undefined, marked: s.marked.filter((id) => runs.some((r) => r.runId === id)) }));
    } catch (e) {
      set({ listError: asAppError(e) });
    }
  },

  async start(api, endpointName) {
    const { draft, live } = get();
    if (live) return;
    const runId = newRunId();
    set({ live: { runId, endpointName, phase: 'starting', done: 0, total: 0, results: [], cancelling: false }, startError: undefined, page: { kind: 'new' } });
    const off = api.on('conformance.progress', (p) => {
      if (p.runId !== runId) return;
      set((s) => {
        if (!s.live || s.live.runId !== runId) return {};
        return { live: { ...s.live, phase: p.phase, done: p.done, total: p.total, results: p.result ? [...s.live.results, p.result] : s.live.results } };
      });
    });
    try {
      const run = await api.call('conformance.run', { endpointId: draft.endpointId, profile: draft.profile, readOnly: draft.readOnly, only: draft.groups, concurrency: draft.concurrency, runId, ...(draft.limitedEndpointId ? { limitedEndpointId: draft.limitedEndpointId } : {}) });
      set({ live: undefined, run, page: { kind: 'run', runId: run.runId }, pageError: undefined });
    } catch (e) {
      set({ live: undefined, startError: asAppError(e) });
    } finally {
      off();
      void get().refresh(api);
    }
  },

  async cancel(api) {
    const live = get().live;
    if (!live) return;
    set({ live: { ...live, cancelling: true } });
    await api.call('conformance.cancel', { runId: live.runId }).catch(() => undefined);
  },

  async open(api, runId) {
    set({ page: { kind: 'run', runId }, pageError: undefined, run: get().run?.runId === runId ? get().run : undefined });
    try {
      const run = await api.call('conformance.get', { runId });
      if (get().page.kind === 'run') set({ run });
    } catch (e) {
      set({ pageError: asAppError(e) });
    }
  },

  async compare(api, a, b) {
    // the earlier run is the base
    const runs = get().runs;
    const started = (id: string) => runs.find((r) => r.runId === id)?.startedAt ?? '';
    const [baseRunId, headRunId] = started(a) <= started(b) ? [a, b] : [b, a];
    set({ page: { kind: 'compare', baseRunId, headRunId }, comparison: undefined, pageError: undefined });
    try {
      set({ comparison: await api.call('conformance.compare', { baseRunId, headRunId }) });
    } catch (e) {
      set({ pageError: asAppError(e) });
    }
  },

  async remove(api, runIds) {
    try {
      await api.call('conformance.delete', { runIds });
    } catch (e) {
      set({ listError: asAppError(e) });
    }
    const page = get().page;
    if ((page.kind === 'run' && runIds.includes(page.runId)) || (page.kind === 'compare' && (runIds.includes(page.baseRunId) || runIds.includes(page.headRunId)))) set({ page: { kind: 'new' } });
    await get().refresh(api);
  },
}));
