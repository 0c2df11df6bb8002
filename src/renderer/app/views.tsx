import type { ReactNode } from 'react';
import type { ActivityId } from '../stores/layout';
import { DiscoveryPage } from '../features/endpoints/DiscoveryPage';
import { EndpointsSidebar } from '../features/endpoints/EndpointsSidebar';
import { OverviewPage } from '../features/overview/OverviewPage';
import { PlaceholderPanel } from '../features/overview/PlaceholderPanel';

export interface View {
  title: string;
  sidebar?: ReactNode;
  main: ReactNode;
}

/** What each activity shows in the sidebar and the main pane. */
export const VIEWS: Record<ActivityId, View> = {
  workbench: {
    title: 'Requests',
    sidebar: <EndpointsSidebar />,
    main: <OverviewPage />,
  },
  discovery: {
    title: 'Discovery',
    sidebar: <EndpointsSidebar />,
    main: <DiscoveryPage />,
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
