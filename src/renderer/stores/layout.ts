import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ActivityId = 'workbench' | 'discovery' | 'history' | 'collections' | 'settings';

interface LayoutStore {
  activity: ActivityId;
  sidebarWidth: number;
  sidebarOpen: boolean;
  setActivity(activity: ActivityId): void;
  setSidebarWidth(width: number): void;
  toggleSidebar(): void;
}

export const SIDEBAR_MIN = 200;
export const SIDEBAR_MAX = 560;

export const useLayout = create<LayoutStore>()(
  persist(
    (set) => ({
      activity: 'workbench',
      sidebarWidth: 280,
      sidebarOpen: true,
      setActivity: (activity) => set((state) => (state.activity === activity ? { sidebarOpen: !state.sidebarOpen } : { activity, sidebarOpen: true })),
      setSidebarWidth: (width) => set({ sidebarWidth: Math.round(Math.min(SIDEBAR_MAX, Math.max(SIDEBAR_MIN, width))) }),
      toggleSidebar: () => set((state) => ({ sidebarOpen: !state.sidebarOpen })),
    }),
    { name: 'scim-inspector.layout', version: 1 },
  ),
);
