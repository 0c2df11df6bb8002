import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import type { ActivityId } from '../stores/layout';
import { PlaceholderPanel } from '../features/overview/PlaceholderPanel';
import { Workbench } from '../features/workbench/Workbench';

export interface View {
  title: string;
  sidebar?: ReactNode;
  main: ReactNode;
}

/**
 * A view loaded when it is first shown, so only the workbench is in the first paint's JavaScript.
 * `load` picks the named export out of the module.
 */
function lazyView<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): ReactNode {
  const Component = lazy(async () => ({ default: pick(await load()) }));
  return (
    <Suspense fallback={<p className="muted view-loading">Loading…</p>}>
      <Component />
    </Suspense>
  );
}

const overview = () => import('../features/overview/OverviewPage');
const discovery = () => import('../features/discovery/DiscoveryView');
const discoverySidebar = () => import('../features/discovery/DiscoverySidebar');

/** What each activity shows in the sidebar and the main pane. */
export const VIEWS: Record<ActivityId, View> = {
  workbench: {
    title: 'Requests',
    sidebar: <PlaceholderPanel title="Endpoints" message="Saved SCIM endpoints appear here. The built-in Sandbox starts with the app." />,
    main: <Workbench />,
  },
  discovery: {
    title: 'Discovery',
    sidebar: lazyView(discoverySidebar, (m) => m.DiscoverySidebar),
    main: lazyView(discovery, (m) => m.DiscoveryView),
  },
  history: {
    title: 'History',
    sidebar: <PlaceholderPanel title="History" message="Every request you send is recorded here, searchable." />,
    main: lazyView(overview, (m) => m.OverviewPage),
  },
  collections: {
    title: 'Collections',
    sidebar: <PlaceholderPanel title="Collections" message="Saved requests, kept as plain files you can put in git." />,
    main: lazyView(overview, (m) => m.OverviewPage),
  },
  settings: {
    title: 'Settings',
    main: lazyView(overview, (m) => m.OverviewPage),
  },
};
