import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { WorkspaceTab } from '@shared/model/workspace';
import { isDirty } from '../../stores/tabs';
import { tabTitle } from './model/titles';

interface TabOverflowMenuProps {
  tabs: WorkspaceTab[];
  activeId: string | undefined;
  endpointName(tab: WorkspaceTab): string | undefined;
  onPick(id: string): void;
  onClose(): void;
}

/**
 * Every open tab in one list, however many there are: type to narrow, arrows to move, Enter to switch,
 * Esc to close (focus goes back to the button that opened it).
 */
export function TabOverflowMenu({ tabs, activeId, endpointName, onPick, onClose }: TabOverflowMenuProps) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return tabs;
    return tabs.filter((t) => `${t.draft.method} ${tabTitle(t.draft)} ${endpointName(t) ?? ''}`.toLowerCase().includes(q));
  }, [tabs, query, endpointName]);
  const [active, setActive] = useState(() => Math.max(0, tabs.findIndex((t) => t.id === activeId)));
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const at = Math.min(active, Math.max(0, shown.length - 1));

  useEffect(() => {
    const away = (event: MouseEvent) => {
      if (!box.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('mousedown', away);
    return () => window.removeEventListener('mousedown', away);
  }, [onClose]);
  useEffect(() => {
    list.current?.children[at]?.scrollIntoView?.({ block: 'nearest' });
  }, [at]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive(Math.min(shown.length - 1, at + 1));
    else if (event.key === 'ArrowUp') setActive(Math.max(0, at - 1));
    else if (event.key === 'Home' && event.ctrlKey) setActive(0);
    else if (event.key === 'End' && event.ctrlKey) setActive(shown.length - 1);
    else if (event.key === 'Enter') {
      const tab = shown[at];
      if (tab) onPick(tab.id);
    } else if (event.key === 'Escape' || event.key === 'Tab') onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const optionId = (tab: WorkspaceTab) => `tab-menu-${tab.id}`;
  return (
    <div ref={box} className="tab-menu" role="dialog" aria-label="All open tabs" onKeyDown={onKeyDown}>
      <input
        autoFocus
        className="input tab-menu-search"
        role="combobox"
        aria-label="Find a tab"
        aria-expanded="true"
        aria-controls="tab-menu-list"
        aria-activedescendant={shown[at] ? optionId(shown[at]) : undefined}
        placeholder={`Find among ${tabs.length} tabs…`}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
      />
      <ul ref={list} id="tab-menu-list" role="listbox" aria-label="Open tabs" className="tab-menu-list">
        {shown.length === 0 && (
          <li role="presentation" className="muted small tab-menu-empty">
            No tab matches “{query}”.
          </li>
        )}
        {shown.map((tab, index) => {
          const title = tabTitle(tab.draft);
          const endpoint = endpointName(tab);
          return (
            <li
              key={tab.id}
              id={optionId(tab)}
              role="option"
              aria-selected={index === at}
              aria-current={tab.id === activeId || undefined}
              className={`tab-menu-item${tab.id === activeId ? ' is-current' : ''}`}
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => onPick(tab.id)}
            >
              <span className={`method method-${tab.draft.method}`}>{tab.draft.method}</span>
              <span className="tab-menu-title">{title}</span>
              {isDirty(tab) && <span className="tab-dirty" aria-label="unsaved changes" />}
              {endpoint && <span className="tab-menu-endpoint muted small">{endpoint}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
