import { useLayout, type ActivityId } from '../stores/layout';
import { CollectionsIcon, ConformanceIcon, DiscoveryIcon, HistoryIcon, LogoMark, SettingsIcon, WorkbenchIcon } from './icons';

const ACTIVITIES: { id: ActivityId; label: string; shortcut: string; icon: (p: { size?: number }) => React.ReactNode }[] = [
  { id: 'workbench', label: 'Requests', shortcut: 'Alt+1', icon: WorkbenchIcon },
  { id: 'discovery', label: 'Discovery', shortcut: 'Alt+2', icon: DiscoveryIcon },
  { id: 'history', label: 'History', shortcut: 'Alt+3', icon: HistoryIcon },
  { id: 'collections', label: 'Collections', shortcut: 'Alt+4', icon: CollectionsIcon },
  { id: 'conformance', label: 'Conformance', shortcut: 'Alt+5', icon: ConformanceIcon },
];

/**
 * The tooltip says what a click does: on the open view, it hides or shows the sidebar (as in VS Code);
 * the keyboard shortcut always shows the view with its sidebar.
 */
export function activityTitle(label: string, shortcut: string, open: boolean, sidebarOpen: boolean): string {
  if (!open) return `${label} (${shortcut})`;
  return `${label} (${shortcut}) is open. Click to ${sidebarOpen ? 'hide' : 'show'} its sidebar (Ctrl+B)`;
}

export function ActivityBar() {
  const activity = useLayout((s) => s.activity);
  const sidebarOpen = useLayout((s) => s.sidebarOpen);
  const setActivity = useLayout((s) => s.setActivity);
  return (
    <nav className="activity-bar" aria-label="Views">
      <div className="activity-logo" title="SCIM Inspector">
        <LogoMark size={22} />
      </div>
      <div role="tablist" aria-orientation="vertical" className="activity-items">
        {ACTIVITIES.map(({ id, label, shortcut, icon: Icon }) => (
          <button
            key={id}
            role="tab"
            aria-selected={activity === id}
            aria-label={label}
            title={activityTitle(label, shortcut, activity === id, sidebarOpen)}
            aria-keyshortcuts={shortcut}
            className="activity-item"
            onClick={() => setActivity(id)}
          >
            <Icon size={20} />
          </button>
        ))}
      </div>
      <div className="activity-bottom">
        <button aria-label="Settings" title="Settings" className="activity-item" aria-pressed={activity === 'settings'} onClick={() => setActivity('settings')}>
          <SettingsIcon size={20} />
        </button>
      </div>
    </nav>
  );
}

export const ACTIVITY_SHORTCUTS: Record<string, ActivityId> = { '1': 'workbench', '2': 'discovery', '3': 'history', '4': 'collections', '5': 'conformance' };
