import { create } from 'zustand';
import { Layout, type ActivityId } from '@shared/model/workspace';

export type { ActivityId } from '@shared/model/workspace';

interface LayoutStore extends Layout {
  /** a click on an activity: opens it, or, on the one already open, shows or hides its sidebar (as VS Code does) */
  setActivity(activity: ActivityId): void;
  /** opens an activity with its sidebar shown, whichever was open (the Alt+number shortcuts, links) */
  showActivity(activity: ActivityId): void;
  setSidebarWidth(width: number): void;
  toggleSidebar(): void;
  setSplit(split: Layout['split']): void;
  setComposerShare(share: number): void;
  toggleFilterTree(): void;
  /** takes the layout saved in the workspace (main keeps it: the web host's localStorage does not survive a restart) */
  hydrate(layout: Layout): void;
}

export const SIDEBAR_MIN = 200;
export const SIDEBAR_MAX = 560;
/** the History view's list may take more room */
export const HISTORY_SIDEBAR_MAX = 900;

/** The sidebar's width and its limits in the view shown (History keeps its own, wider one). */
export function sidebarSize(state: Pick<Layout, 'activity' | 'sidebarWidth' | 'historyWidth'>): { width: number; max: number } {
  return state.activity === 'history' ? { width: state.historyWidth, max: HISTORY_SIDEBAR_MAX } : { width: state.sidebarWidth, max: SIDEBAR_MAX };
}
export const SHARE_MIN = 0.15;
export const SHARE_MAX = 0.85;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export const useLayout = create<LayoutStore>()((set) => ({
  ...Layout.parse({}),
  setActivity: (activity) => set((state) => (state.activity === activity ? { sidebarOpen: !state.sidebarOpen } : { activity, sidebarOpen: true })),
  showActivity: (activity) => set({ activity, sidebarOpen: true }),
  setSidebarWidth: (width) =>
    set((state) => (state.activity === 'history' ? { historyWidth: Math.round(clamp(width, SIDEBAR_MIN, HISTORY_SIDEBAR_MAX)) } : { sidebarWidth: Math.round(clamp(width, SIDEBAR_MIN, SIDEBAR_MAX)) })),
  toggleSidebar: () => set((state) => ({ sidebarOpen: !state.sidebarOpen })),
  setSplit: (split) => set({ split }),
  toggleFilterTree: () => set((state) => ({ filterTree: !state.filterTree })),
  setComposerShare: (share) => set({ composerShare: Math.round(clamp(share, SHARE_MIN, SHARE_MAX) * 1000) / 1000 }),
  hydrate: (layout) => set({ ...layout, sidebarWidth: clamp(layout.sidebarWidth, SIDEBAR_MIN, SIDEBAR_MAX), historyWidth: clamp(layout.historyWidth, SIDEBAR_MIN, HISTORY_SIDEBAR_MAX) }),
}));

/** The persisted part of the layout store. */
export function layoutSnapshot(state: Layout): Layout {
  return { activity: state.activity, sidebarWidth: state.sidebarWidth, historyWidth: state.historyWidth, sidebarOpen: state.sidebarOpen, split: state.split, composerShare: state.composerShare, filterTree: state.filterTree };
}
