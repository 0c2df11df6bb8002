import { create } from 'zustand';
import type { RequestDraftInput, Workspace } from '@shared/model/workspace';
import { ApiError, type ApiClient } from '../transport/client';
import { useEndpoints } from './endpoints';
import { layoutSnapshot, useLayout } from './layout';
import { useTabs } from './tabs';

type SyncState = { status: 'loading' } | { status: 'ready'; notice?: string } | { status: 'failed'; message: string };

interface WorkspaceStatus {
  state: SyncState;
  /** the last save failed; what the user should know */
  saveError: string | undefined;
  dismissNotice(): void;
}

export const useWorkspaceStatus = create<WorkspaceStatus>()((set) => ({
  state: { status: 'loading' },
  saveError: undefined,
  dismissNotice: () => set((s) => (s.state.status === 'ready' ? { state: { status: 'ready' } } : s)),
}));

function snapshot(): Workspace {
  const { tabs, activeId } = useTabs.getState();
  const { pickedId } = useEndpoints.getState();
  return { version: 1, tabs, ...(activeId ? { activeTabId: activeId } : {}), layout: layoutSnapshot(useLayout.getState()), ...(pickedId ? { endpointId: pickedId } : {}) };
}

export interface WorkspaceSyncOptions {
  /** the tab a first run opens with */
  starter?: () => RequestDraftInput;
  debounceMs?: number;
}

/**
 * Reads the workspace from main into the tabs, layout and endpoint-pick stores, then saves every change back
 * (debounced; main coalesces again before it writes). Returns a function that stops syncing.
 */
export function startWorkspaceSync(api: ApiClient, options: WorkspaceSyncOptions = {}): () => void {
  const debounceMs = options.debounceMs ?? 250;
  let stopped = false;
  /** the saved workspace could not be read: never write over it */
  let readOnly = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSaved = '';
  const unsubscribers: (() => void)[] = [];

  const save = () => {
    timer = undefined;
    const workspace = snapshot();
    const json = JSON.stringify(workspace);
    if (json === lastSaved) return;
    lastSaved = json;
    api.call('workspace.save', { workspace }).then(
      () => useWorkspaceStatus.setState({ saveError: undefined }),
      (error: unknown) => {
        lastSaved = '';
        const message = error instanceof ApiError ? error.error.message : String(error);
        useWorkspaceStatus.setState({ saveError: `Open tabs could not be saved: ${message}` });
      },
    );
  };
  const schedule = () => {
    if (stopped || readOnly || !useTabs.getState().hydrated) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };
  const flush = () => {
    if (timer) {
      clearTimeout(timer);
      save();
    }
  };

  useWorkspaceStatus.setState({ state: { status: 'loading' } });
  // a view or an endpoint the user picked while the workspace was on its way wins over the saved one
  let layoutTouched = false;
  let pickTouched = false;
  const watchers = [
    useLayout.subscribe(() => (layoutTouched = true)),
    useEndpoints.subscribe((state, before) => state.pickedId !== before.pickedId && (pickTouched = true)),
  ];
  const stopWatching = () => watchers.splice(0).forEach((stop) => stop());
  api.call('workspace.get', {}).then(
    ({ workspace, firstRun, notice }) => {
      stopWatching();
      if (stopped) return;
      if (!layoutTouched) useLayout.getState().hydrate(workspace.layout);
      if (!pickTouched && workspace.endpointId) useEndpoints.setState({ pickedId: workspace.endpointId });
      useTabs.getState().hydrate(workspace.tabs, workspace.activeTabId);
      // what changed meanwhile is saved; otherwise there is nothing new to write
      lastSaved = layoutTouched || pickTouched ? '' : JSON.stringify(snapshot());
      if (lastSaved === '') schedule();
      if (firstRun && workspace.tabs.length === 0 && options.starter) useTabs.getState().open(options.starter());
      useWorkspaceStatus.setState({ state: notice ? { status: 'ready', notice } : { status: 'ready' } });
    },
    (error: unknown) => {
      stopWatching();
      if (stopped) return;
      // keep working in this window; nothing is saved over the file we could not read
      readOnly = true;
      useTabs.getState().hydrate([], undefined);
      if (options.starter) useTabs.getState().open(options.starter());
      lastSaved = JSON.stringify(snapshot());
      useWorkspaceStatus.setState({ state: { status: 'failed', message: error instanceof ApiError ? error.error.message : String(error) } });
    },
  );

  unsubscribers.push(
    useTabs.subscribe(schedule),
    useLayout.subscribe(schedule),
    useEndpoints.subscribe((state, before) => state.pickedId !== before.pickedId && schedule()),
  );
  window.addEventListener('pagehide', flush);
  unsubscribers.push(() => window.removeEventListener('pagehide', flush));
  return () => {
    flush();
    stopWatching();
    stopped = true;
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
