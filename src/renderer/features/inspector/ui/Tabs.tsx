import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabSpec<T extends string> {
  id: T;
  label: string;
  /** a count or short marker after the label (its text is part of the tab's name) */
  badge?: ReactNode;
  /** accessible name when the label and badge together would read badly */
  ariaLabel?: string;
  tone?: 'error' | 'warn' | 'ok';
}

interface TabsProps<T extends string> {
  /** accessible name of the tab list */
  label: string;
  /** prefix for the ids linking tabs and panels */
  idPrefix: string;
  tabs: readonly TabSpec<T>[];
  selected: T;
  onSelect(id: T): void;
  trailing?: ReactNode;
}

export const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`;
export const panelId = (prefix: string, id: string) => `${prefix}-panel-${id}`;

/** A WAI-ARIA tab list: arrow keys, Home and End move between tabs; the selected tab alone is in the tab order. */
export function Tabs<T extends string>({ label, idPrefix, tabs, selected, onSelect, trailing }: TabsProps<T>) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent) => {
    const at = tabs.findIndex((t) => t.id === selected);
    let next = -1;
    if (event.key === 'ArrowRight') next = (at + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (at - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    event.preventDefault();
    const id = tabs[next]!.id;
    onSelect(id);
    refs.current.get(id)?.focus();
  };
  return (
    <div className="ins-tabs">
      <div role="tablist" aria-label={label} className="ins-tablist" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) refs.current.set(tab.id, el);
              else refs.current.delete(tab.id);
            }}
            role="tab"
            id={tabId(idPrefix, tab.id)}
            aria-controls={panelId(idPrefix, tab.id)}
            aria-selected={tab.id === selected}
            aria-label={tab.ariaLabel}
            tabIndex={tab.id === selected ? 0 : -1}
            className="ins-tab"
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
            {tab.badge !== undefined && <span className={`ins-badge${tab.tone ? ` ins-badge-${tab.tone}` : ''}`}>{tab.badge}</span>}
          </button>
        ))}
      </div>
      {trailing && <div className="ins-tabs-trailing">{trailing}</div>}
    </div>
  );
}

/** The panel of the selected tab. */
export function TabPanel({ idPrefix, id, children, className }: { idPrefix: string; id: string; children: ReactNode; className?: string }) {
  return (
    <div role="tabpanel" id={panelId(idPrefix, id)} aria-labelledby={tabId(idPrefix, id)} className={className ?? 'ins-panel'} tabIndex={-1}>
      {children}
    </div>
  );
}
