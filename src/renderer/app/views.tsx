import type { ReactNode } from 'react';
import type { ActivityId } from '../stores/layout';
import { OverviewPage } from '../features/overview/OverviewPage';
import { PlaceholderPanel } from '../features/overview/PlaceholderPanel';
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
    sidebar: <PlaceholderPanel title="Endpoints" message="Saved SCIM endpoints appear here. The built-in Sandbox starts with the app." />,
    main: <OverviewPage />,
  },
  discovery: {
    title: 'Discovery',
    sidebar: <PlaceholderPanel title="Discovery" message="Pick an endpoint to read its ServiceProviderConfig, ResourceTypes and Schemas." />,
    main: <OverviewPage />,
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
