import type { ReactNode } from 'react';
import type { ActivityId } from '../stores/layout';
import { OverviewPage } from '../features/overview/OverviewPage';
import { PlaceholderPanel } from '../features/overview/PlaceholderPanel';
import { DiscoverySidebar } from '../features/discovery/DiscoverySidebar';
import { DiscoveryView } from '../features/discovery/DiscoveryView';
import { Workbench } from '../features/workbench/Workbench';

export interface View {
  title: string;
  sidebar?: ReactNode;
  main: ReactNode;
}

/** What each activity shows in the sidebar and the main pane. */
export const VIEWS: Record<ActivityId, View> = {
  workbench: {
    title: 'Requests',
    sidebar: <PlaceholderPanel title="Endpoints" message="Saved SCIM endpoints appear here. The built-in Sandbox starts with the app." />,
    main: <Workbench />,
  },
  discovery: {
    title: 'Discovery',
    sidebar: <DiscoverySidebar />,
    main: <DiscoveryView />,
  },
  history: {
    title: 'History',
    sidebar: <PlaceholderPanel title="History" message="Every request you send is recorded here, searchable." />,
    main: <OverviewPage />,
  },
  collections: {
    title: 'Collections',
    sidebar: <PlaceholderPanel title="Collections" message="Saved requests, kept as plain files you can put in git." />,
    main: <OverviewPage />,
  },
  settings: {
    title: 'Settings',
    main: <OverviewPage />,
  },
};
