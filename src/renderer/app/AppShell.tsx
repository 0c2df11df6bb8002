import { useEffect } from 'react';
import { useApi } from './api-context';
import { useWorkbenchIntegration } from '../features/workbench/integration';
import { starterDraft } from '../features/workbench/model/titles';
import { applyTheme } from '../features/settings/theme';
import { useAppInfo } from '../stores/app-info';
import { startWorkspaceSync } from '../stores/workspace-sync';
import { SIDEBAR_MIN, sidebarSize, useLayout } from '../stores/layout';
import { ACTIVITY_SHORTCUTS, ActivityBar } from './ActivityBar';
import { Splitter } from './Splitter';
import { StatusBar } from './StatusBar';
import { VIEWS } from './views';

export function AppShell() {
  const api = useApi();
  const load = useAppInfo((s) => s.load);
  const layout = useLayout();
  const { activity, sidebarOpen, setSidebarWidth, showActivity, toggleSidebar } = layout;
  // History keeps its own, wider list
  const { width: sidebarWidth, max: sidebarMax } = sidebarSize(layout);

  useEffect(() => {
    void load(api);
    // the theme setting (data-theme follows the OS until it is known)
    api.call('settings.get', {}).then(
      (settings) => applyTheme(settings.ui.theme),
      () => undefined,
    );
  }, [api, load]);

  // open tabs and the layout live in main (workspace.json), so they survive a restart
  useEffect(() => startWorkspaceSync(api, { starter: starterDraft }), [api]);
  // history and collections open requests and recorded exchanges in workbench tabs
  useWorkbenchIntegration();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = ACTIVITY_SHORTCUTS[event.key];
      if (event.altKey && !event.ctrlKey && !event.metaKey && target) {
        // a shortcut always shows its view with the sidebar; only Ctrl+B (or a click on the open view) hides it
        event.preventDefault();
        showActivity(target);
      } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'b' && !event.shiftKey) {
        event.preventDefault();
        toggleSidebar();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [showActivity, toggleSidebar]);

  const view = VIEWS[activity];
  return (
    <div className="app-shell">
      <ActivityBar />
      {sidebarOpen && view.sidebar && (
        <>
          <aside className="sidebar" style={{ width: sidebarWidth }} aria-label={`${view.title} sidebar`}>
            {view.sidebar}
          </aside>
          <Splitter label="Resize sidebar" value={sidebarWidth} min={SIDEBAR_MIN} max={sidebarMax} onChange={setSidebarWidth} />
        </>
      )}
      <main className="main-pane" aria-label={view.title}>
        {view.main}
      </main>
      <StatusBar />
    </div>
  );
}
