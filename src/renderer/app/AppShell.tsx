import { useEffect } from 'react';
import { useApi } from './api-context';
import { useWorkbenchIntegration } from '../features/workbench/integration';
import { starterDraft } from '../features/workbench/model/titles';
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
  const { activity, sidebarOpen, setSidebarWidth, setActivity, toggleSidebar } = layout;
  // History keeps its own, wider list
  const { width: sidebarWidth, max: sidebarMax } = sidebarSize(layout);

  useEffect(() => {
    void load(api);
  }, [api, load]);

  // open tabs and the layout live in main (workspace.json), so they survive a restart
  useEffect(() => startWorkspaceSync(api, { starter: starterDraft }), [api]);
  // history and collections open requests and recorded exchanges in workbench tabs
  useWorkbenchIntegration();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = ACTIVITY_SHORTCUTS[event.key];
      if (event.altKey && !event.ctrlKey && !event.metaKey && target) {
        event.preventDefault();
        setActivity(target);
      } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'b' && !event.shiftKey) {
        event.preventDefault();
        toggleSidebar();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setActivity, toggleSidebar]);

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
