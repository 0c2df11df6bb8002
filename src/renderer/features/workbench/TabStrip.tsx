import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { WorkspaceTab } from '@shared/model/workspace';
import { DuplicateIcon, PlusIcon, SplitBelowIcon, SplitBesideIcon } from '../../app/icons';
import { selectedEndpointId, useEndpoints } from '../../stores/endpoints';
import { useLayout } from '../../stores/layout';
import { isDirty, useTabs } from '../../stores/tabs';
import { tabTitle } from './model/titles';
import { TabOverflowMenu } from './TabOverflowMenu';

interface TabStripProps {
  onNew(): void;
  /** asks before closing a tab with unsaved changes */
  onClose(id: string): void;
}

function RenameInput({ tab, onDone }: { tab: WorkspaceTab; onDone(): void }) {
  const [name, setName] = useState(tab.draft.name || tabTitle(tab.draft));
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  const commit = () => {
    const auto = tabTitle({ ...tab.draft, name: '' });
    useTabs.getState().updateDraft(tab.id, (d) => ({ ...d, name: name.trim() === auto ? '' : name.trim() }));
    onDone();
  };
  return (
    <input
      ref={input}
      className="input tab-rename"
      aria-label="Request name"
      value={name}
      onChange={(event) => setName(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
        else if (event.key === 'Escape') onDone();
      }}
    />
  );
}

/** The name of the endpoint each tab sends to: its own choice while that exists, else the sidebar's. */
function useEndpointNames(): (tab: WorkspaceTab) => string | undefined {
  const endpoints = useEndpoints((s) => s.endpoints);
  const fallback = useEndpoints((s) => selectedEndpointId(s));
  return useCallback(
    (tab: WorkspaceTab) => {
      const own = tab.endpointId ? endpoints.find((e) => e.id === tab.endpointId) : undefined;
      return (own ?? endpoints.find((e) => e.id === fallback))?.name;
    },
    [endpoints, fallback],
  );
}

/**
 * The open requests: click or arrow keys to switch, drag or Alt+Shift+←/→ to reorder, Delete or
 * the × to close, F2 or double-click to rename. A dot marks changes not saved to a collection; each
 * tab names the endpoint it sends to. Past the strip's width the tabs scroll (the wheel scrolls them
 * sideways) and the list button shows them all.
 */
export function TabStrip({ onNew, onClose }: TabStripProps) {
  const tabs = useTabs((s) => s.tabs);
  const activeId = useTabs((s) => s.activeId);
  const [renaming, setRenaming] = useState<string | undefined>();
  const [drop, setDrop] = useState<{ id: string; after: boolean } | undefined>();
  const dragged = useRef<string | undefined>(undefined);
  const list = useRef<HTMLDivElement>(null);
  const split = useLayout((s) => s.split);
  const setSplit = useLayout((s) => s.setSplit);
  const endpointName = useEndpointNames();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const [overflows, setOverflows] = useState(false);

  // the active tab is always in view, however many there are
  useLayoutEffect(() => {
    if (!activeId) return;
    list.current?.querySelector<HTMLElement>(`[data-tab-id="${CSS.escape(activeId)}"]`)?.closest('.tab')?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [activeId, tabs.length]);

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [tabs.length]);

  // a vertical wheel over the strip scrolls it sideways
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (Math.abs(event.deltaY) <= Math.abs(event.deltaX) || element.scrollWidth <= element.clientWidth) return;
      element.scrollLeft += event.deltaY;
      event.preventDefault();
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const closeMenu = useCallback(() => {
    setMenuOpen(false);
    menuButton.current?.focus();
  }, []);

  const focusTab = (id: string) => requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(`[data-tab-id="${CSS.escape(id)}"]`)?.focus());

  const onKeyDown = (event: React.KeyboardEvent, tab: WorkspaceTab, index: number) => {
    const store = useTabs.getState();
    if (event.altKey && event.shiftKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      store.moveBy(tab.id, event.key === 'ArrowLeft' ? -1 : 1);
      focusTab(tab.id);
      return;
    }
    let target: WorkspaceTab | undefined;
    if (event.key === 'ArrowRight') target = tabs[(index + 1) % tabs.length];
    else if (event.key === 'ArrowLeft') target = tabs[(index - 1 + tabs.length) % tabs.length];
    else if (event.key === 'Home') target = tabs[0];
    else if (event.key === 'End') target = tabs[tabs.length - 1];
    else if (event.key === 'Delete') {
      event.preventDefault();
      onClose(tab.id);
      return;
    } else if (event.key === 'F2') {
      event.preventDefault();
      setRenaming(tab.id);
      return;
    }
    if (target) {
      event.preventDefault();
      store.activate(target.id);
      focusTab(target.id);
    }
  };

  return (
    <div className="tab-strip">
      <div role="tablist" aria-label="Open requests" className="tab-list" ref={list}>
        {tabs.map((tab, index) => {
          const title = tabTitle(tab.draft);
          const dirty = isDirty(tab);
          const active = tab.id === activeId;
          const endpoint = endpointName(tab);
          return (
            <div
              key={tab.id}
              className={`tab ${active ? 'is-active' : ''} ${drop?.id === tab.id ? (drop.after ? 'drop-after' : 'drop-before') : ''}`}
              draggable={renaming !== tab.id}
              onDragStart={(event) => {
                dragged.current = tab.id;
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', title);
              }}
              onDragOver={(event) => {
                if (!dragged.current) return;
                event.preventDefault();
                const box = event.currentTarget.getBoundingClientRect();
                setDrop({ id: tab.id, after: event.clientX > box.left + box.width / 2 });
              }}
              onDragLeave={() => setDrop((d) => (d?.id === tab.id ? undefined : d))}
              onDrop={(event) => {
                event.preventDefault();
                const from = dragged.current;
                dragged.current = undefined;
                setDrop(undefined);
                if (!from || from === tab.id) return;
                const fromIndex = tabs.findIndex((t) => t.id === from);
                let to = index + (drop?.after ? 1 : 0);
                if (fromIndex < to) to -= 1;
                useTabs.getState().moveTo(from, to);
              }}
              onDragEnd={() => {
                dragged.current = undefined;
                setDrop(undefined);
              }}
              onAuxClick={(event) => {
                if (event.button === 1) onClose(tab.id);
              }}
            >
              {renaming === tab.id ? (
                <RenameInput tab={tab} onDone={() => setRenaming(undefined)} />
              ) : (
                <button
                  type="button"
                  role="tab"
                  data-tab-id={tab.id}
                  id={`tab-${tab.id}`}
                  aria-selected={active}
                  aria-controls="request-panel"
                  aria-label={`${tab.draft.method} ${title}${dirty ? ', unsaved changes' : ''}`}
                  aria-description={endpoint ? `sends to ${endpoint}${tab.endpointId ? ' (this tab’s own choice)' : ' (the endpoint picked in the sidebar)'}` : undefined}
                  tabIndex={active ? 0 : -1}
                  className="tab-button"
                  title={`${title}${dirty ? ' (changed since it was opened or saved)' : ''}${endpoint ? `\nSends to ${endpoint}${tab.endpointId ? '' : ' (the sidebar’s pick)'}` : ''}\nF2 rename · Delete close · Alt+Shift+←/→ move · Ctrl+Tab next`}
                  onClick={() => useTabs.getState().activate(tab.id)}
                  onDoubleClick={() => setRenaming(tab.id)}
                  onKeyDown={(event) => onKeyDown(event, tab, index)}
                >
                  <span className={`method method-${tab.draft.method}`}>{tab.draft.method}</span>
                  <span className="tab-text">
                    <span className="tab-title">{title}</span>
                    {endpoint && (
                      <span className={`tab-endpoint${tab.endpointId ? ' is-own' : ''}`} data-testid="tab-endpoint">
                        {endpoint}
                      </span>
                    )}
                  </span>
                  {dirty && <span className="tab-dirty" aria-hidden="true" />}
                </button>
              )}
              <button type="button" className="icon-btn tab-close" aria-label={`Close ${title}`} tabIndex={-1} onClick={() => onClose(tab.id)}>
                ×
              </button>
            </div>
          );
        })}
      </div>
      <div className="tab-strip-actions">
        <button
          ref={menuButton}
          type="button"
          className={`icon-btn tab-menu-button${overflows ? ' is-overflowing' : ''}`}
          aria-label={`All tabs (${tabs.length})`}
          aria-haspopup="dialog"
          aria-expanded={menuOpen}
          title="All open tabs"
          disabled={tabs.length === 0}
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span aria-hidden="true">▾</span>
          {overflows && <span className="tab-count">{tabs.length}</span>}
        </button>
        <button type="button" className="icon-btn" aria-label="New request" title="New request (Alt+N)" onClick={onNew}>
          <PlusIcon size={16} />
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label="Duplicate request"
          title="Duplicate request (Alt+D)"
          disabled={!activeId}
          onClick={() => activeId && useTabs.getState().duplicate(activeId)}
        >
          <DuplicateIcon size={15} />
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label={split === 'vertical' ? 'Show the response beside the request' : 'Show the response below the request'}
          title={split === 'vertical' ? 'Response beside the request' : 'Response below the request'}
          onClick={() => setSplit(split === 'vertical' ? 'horizontal' : 'vertical')}
        >
          {split === 'vertical' ? <SplitBesideIcon size={15} /> : <SplitBelowIcon size={15} />}
        </button>
      </div>
      {menuOpen && (
        <TabOverflowMenu
          tabs={tabs}
          activeId={activeId}
          endpointName={endpointName}
          onPick={(id) => {
            useTabs.getState().activate(id);
            setMenuOpen(false);
            focusTab(id);
          }}
          onClose={closeMenu}
        />
      )}
    </div>
  );
}
