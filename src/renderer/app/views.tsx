import type { ReactNode } from 'react';
import type { ActivityId } from '../stores/layout';
import { EndpointsSidebar } from '../features/endpoints/EndpointsSidebar';
import { OverviewPage } from '../features/overview/OverviewPage';
import { DiscoveryView } from '../features/discovery/DiscoveryView';
import { Workbench } from '../features/workbench/Workbench';
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
    main: <Workbench />,
  },
  discovery: {
    title: 'Discovery',
    sidebar: <EndpointsSidebar />,
    main: <DiscoveryView />,
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
