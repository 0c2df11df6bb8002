import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import type { ActivityId } from '../stores/layout';
import { EndpointsSidebar } from '../features/endpoints/EndpointsSidebar';
import { Workbench } from '../features/workbench/Workbench';

export interface View {
  title: string;
  sidebar?: ReactNode;
  main: ReactNode;
}

/**
 * A view loaded when it is first shown, so only the workbench is in the first paint's JavaScript.
 * `pick` takes the named export out of the module.
 */
function lazyView<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): ReactNode {
  const Component = lazy(async () => ({ default: pick(await load()) }));
  return (
    <Suspense fallback={<p className="muted view-loading">Loading…</p>}>
      <Component />
    </Suspense>
  );
}

const settings = () => import('../features/settings/SettingsView');
const discovery = () => import('../features/discovery/DiscoveryView');
const history = () => import('../features/history/HistoryPanel');
const historyEntry = () => import('../features/history/HistoryEntryView');
const collections = () => import('../features/collections/CollectionsPanel');
const collection = () => import('../features/collections/CollectionView');
const conformancePanel = () => import('../features/conformance/ConformancePanel');
const conformance = () => import('../features/conformance/ConformanceView');

/** What each activity shows in the sidebar and the main pane. */
export const VIEWS: Record<ActivityId, View> = {
  workbench: {
    title: 'Requests',
    sidebar: <EndpointsSidebar />,
    main: <Workbench />,
  },
  discovery: {
    title: 'Discovery',
    sidebar: <EndpointsSidebar />,
    main: lazyView(discovery, (m) => m.DiscoveryView),
  },
  history: {
    title: 'History',
    sidebar: lazyView(history, (m) => m.HistoryPanel),
    main: lazyView(historyEntry, (m) => m.HistoryEntryView),
  },
  collections: {
    title: 'Collections',
    sidebar: lazyView(collections, (m) => m.CollectionsPanel),
    main: lazyView(collection, (m) => m.CollectionView),
  },
  conformance: {
    title: 'Conformance',
    sidebar: lazyView(conformancePanel, (m) => m.ConformancePanel),
    main: lazyView(conformance, (m) => m.ConformanceView),
  },
  settings: {
    title: 'Settings',
    main: lazyView(settings, (m) => m.SettingsView),
  },
};
