import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../app/api-context';
import { useRuntime } from '../../stores/runtime';
import { activeTab, isDirty, useTabs } from '../../stores/tabs';
import { useWorkspaceStatus } from '../../stores/workspace-sync';
import { useEndpointSchema } from './connection/endpoint-schema';
import { useTargetEndpoint } from './connection/target-endpoint';
import { newDraft } from './model/presets';
import { useRecentIds } from './model/recent-ids';
import { tabTitle } from './model/titles';
import { RequestView } from './RequestView';
import { saveTab, useSaveFlow } from './save/save-flow';
import { SaveToCollectionDialog } from './save/SaveToCollectionDialog';
import { TabStrip } from './TabStrip';

export const INTERACTIVE_MARK = 'scim:workbench-interactive';

function ConfirmClose({ id, onDone }: { id: string; onDone(): void }) {
  const tab = useTabs((s) => s.tabs.find((t) => t.id === id));
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  if (!tab) return null;
  return (
    <div className="dialog-backdrop" onKeyDown={(event) => event.key === 'Escape' && onDone()}>
      <div role="alertdialog" aria-modal="true" aria-labelledby="close-title" aria-describedby="close-text" className="dialog">
        <h2 id="close-title">Close “{tabTitle(tab.draft)}”?</h2>
        <p id="close-text">It has changes that are not saved to a collection. Closing the tab discards them.</p>
        <div className="dialog-actions">
          <button ref={keep} type="button" className="btn" onClick={onDone}>
            Keep it open
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => {
              useTabs.getState().close(id);
              useRuntime.getState().drop(id);
              onDone();
            }}
          >
            Close and discard
          </button>
        </div>
      </div>
    </div>
  );
}

/** The workbench main pane: request tabs, each a composer with its response. */
export function Workbench() {
  const api = useApi();
  const hydrated = useTabs((s) => s.hydrated);
  const tab = useTabs(activeTab);
  const count = useTabs((s) => s.tabs.length);
  const target = useTargetEndpoint(tab?.endpointId);
  const endpoint = target.status === 'ready' ? target.endpoint : undefined;
  const schema = useEndpointSchema(endpoint?.id);
  const notice = useWorkspaceStatus((s) => (s.state.status === 'ready' ? s.state.notice : s.state.status === 'failed' ? `The saved workspace could not be read (${s.state.message}); tabs opened now are kept in this window only.` : undefined));
  const saveError = useWorkspaceStatus((s) => s.saveError);
  const [confirming, setConfirming] = useState<string | undefined>();
  const asking = useSaveFlow((s) => s.asking);
  const saveNotice = useSaveFlow((s) => s.notice);

  useEffect(() => api.on('http.progress', (payload) => useRuntime.getState().progress(payload)), [api]);

  // the ids every answer carries, in any tab, are offered in the Resource id field
  useEffect(
    () =>
      useRuntime.subscribe((state, before) => {
        for (const [tabId, runtime] of Object.entries(state.byTab)) {
          if (runtime.exchange && runtime.exchange !== before.byTab[tabId]?.exchange) useRecentIds.getState().remember(runtime.exchange);
        }
      }),
    [],
  );

  // User Timing mark for the cold-start benchmark: the restored tabs are on screen and usable
  useEffect(() => {
    if (hydrated && typeof performance !== 'undefined' && performance.getEntriesByName(INTERACTIVE_MARK).length === 0) performance.mark(INTERACTIVE_MARK);
  }, [hydrated]);

  const openNew = useCallback(() => {
    const type = schema.registry.resourceTypes[0]?.name ?? 'User';
    useTabs.getState().open(newDraft('list', type, { registry: schema.registry }));
  }, [schema.registry]);

  const requestClose = useCallback((id: string) => {
    const closing = useTabs.getState().tabs.find((t) => t.id === id);
    if (closing && isDirty(closing)) setConfirming(id);
    else {
      useTabs.getState().close(id);
      useRuntime.getState().drop(id);
    }
  }, []);

  // Ctrl/Cmd+S saves the active tab (to its own request file, else asking where); with Shift, always asks
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || !(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 's') return;
      event.preventDefault();
      const id = useTabs.getState().activeId;
      if (id) void saveTab(api, id, { ask: event.shiftKey });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);

  // Ctrl+Tab / Ctrl+Shift+Tab and Ctrl+PageDown / Ctrl+PageUp switch tabs (where the browser leaves them to the page)
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
      const store = useTabs.getState();
      if (event.key === 'Tab') store.cycle(event.shiftKey ? -1 : 1);
      else if (event.key === 'PageDown' && !event.shiftKey) store.cycle(1);
      else if (event.key === 'PageUp' && !event.shiftKey) store.cycle(-1);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      const store = useTabs.getState();
      const key = event.key.toLowerCase();
      if (key === 'n' && !event.shiftKey) openNew();
      else if (key === 'w' && !event.shiftKey && store.activeId) requestClose(store.activeId);
      else if (key === 'd' && !event.shiftKey && store.activeId) store.duplicate(store.activeId);
      else if (event.key === ']' || event.code === 'BracketRight') store.cycle(1);
      else if (event.key === '[' || event.code === 'BracketLeft') store.cycle(-1);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openNew, requestClose]);

  if (!hydrated) {
    return (
      <div className="workbench" aria-busy="true">
        <p className="muted workbench-loading">Restoring your open requests…</p>
      </div>
    );
  }

  return (
    <div className="workbench">
      <TabStrip onNew={openNew} onClose={requestClose} />
      {(notice || saveError) && (
        <div className="workbench-notice" role="status">
          {saveError ?? notice}
          {!saveError && (
            <button type="button" className="link-btn" onClick={() => useWorkspaceStatus.getState().dismissNotice()}>
              Dismiss
            </button>
          )}
        </div>
      )}
      {saveNotice && (
        <div className={`workbench-notice${saveNotice.tone === 'error' ? ' is-warn' : ''}`} role={saveNotice.tone === 'error' ? 'alert' : 'status'}>
          {saveNotice.message}
          {saveNotice.warnings.length > 0 && (
            <ul className="save-warnings" aria-label="Left out of the saved file">
              {saveNotice.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          <button type="button" className="link-btn" onClick={() => useSaveFlow.getState().dismissNotice()}>
            Dismiss
          </button>
        </div>
      )}
      {target.status === 'none' && (
        <div className="workbench-notice is-warn" role="status">
          No endpoint to send to. Add one in the Endpoints sidebar; the built-in Sandbox appears there when it runs.
        </div>
      )}
      {target.status === 'failed' && (
        <div className="workbench-notice is-warn" role="alert">
          Endpoints could not be read: {target.error.message}{' '}
          <button type="button" className="link-btn" onClick={target.reload}>
            Try again
          </button>
        </div>
      )}
      {target.status === 'ready' && target.lostPin && (
        <div className="workbench-notice is-warn" role="status">
          The endpoint this tab was set to no longer exists; it sends to {target.endpoint.name}, the one picked in the sidebar.{' '}
          <button type="button" className="link-btn" onClick={() => tab && useTabs.getState().setEndpoint(tab.id, undefined)}>
            Follow the sidebar
          </button>
        </div>
      )}
      {schema.status === 'failed' && (
        <div className="workbench-notice" role="status">
          This server’s schemas could not be read ({schema.error?.message}); the RFC 7643 schemas stand in.{' '}
          <button type="button" className="link-btn" onClick={schema.refresh}>
            Try again
          </button>
        </div>
      )}
      {tab ? (
        <div id="request-panel" role="tabpanel" aria-labelledby={`tab-${tab.id}`} className="request-panel">
          <RequestView key={tab.id} tab={tab} endpoint={endpoint} schema={schema} />
        </div>
      ) : (
        <div className="workbench-empty">
          <h2>No open requests</h2>
          <p className="muted">Start with a list of users, or a new request of any kind.</p>
          <div className="card-actions">
            <button type="button" className="btn btn-primary" onClick={openNew}>
              New request
            </button>
          </div>
          <p className="muted small">
            <kbd>Alt</kbd>+<kbd>N</kbd> new · <kbd>Alt</kbd>+<kbd>W</kbd> close · <kbd>Alt</kbd>+<kbd>D</kbd> duplicate · <kbd>Alt</kbd>+<kbd>[</kbd> / <kbd>]</kbd> or <kbd>Ctrl</kbd>+<kbd>Tab</kbd> previous / next ·{' '}
            <kbd>Ctrl</kbd>+<kbd>Enter</kbd> send · <kbd>Ctrl</kbd>+<kbd>S</kbd> save to a collection
          </p>
        </div>
      )}
      {count > 0 && confirming && <ConfirmClose id={confirming} onDone={() => setConfirming(undefined)} />}
      {asking && <SaveToCollectionDialog key={asking.tabId} tabId={asking.tabId} reason={asking.reason} onClose={() => useSaveFlow.getState().closeDialog()} />}
    </div>
  );
}
