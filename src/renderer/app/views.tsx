import type { ReactNode } from 'react';
import type { ActivityId } from '../stores/layout';
import { DiscoveryPage } from '../features/endpoints/DiscoveryPage';
import { EndpointsSidebar } from '../features/endpoints/EndpointsSidebar';
import { OverviewPage } from '../features/overview/OverviewPage';
import { CollectionsPanel } from '../features/collections/CollectionsPanel';
import { CollectionView } from '../features/collections/CollectionView';
import { HistoryEntryView } from '../features/history/HistoryEntryView';
import { HistoryPanel } from '../features/history/HistoryPanel';

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
    sidebar: <HistoryPanel />,
    main: <HistoryEntryView />,
  },
  collections: {
    title: 'Collections',
    sidebar: <CollectionsPanel />,
    main: <CollectionView />,
  },
  settings: {
    title: 'Settings',
    main: <OverviewPage />,
  },
};
