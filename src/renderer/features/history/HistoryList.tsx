import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { HistorySummary } from '@shared/model/history';
import { useApi } from '../../app/api-context';
import { useHistory } from '../../stores/history';
import { clock, duration, pathOf, statusTone } from './format';
import { MethodBadge } from './MethodBadge';

const ROW_HEIGHT = 44;

function Row({ entry, selected, active, onMouseDown, onDoubleClick }: { entry: HistorySummary; selected: boolean; active: boolean; onMouseDown(e: MouseEvent): void; onDoubleClick(): void }) {
  const tone = statusTone(entry.status, entry.errorKind);
  return (
    <div
      id={`history-row-${entry.id}`}
      role="option"
      aria-selected={selected}
      className={`history-row${selected ? ' is-selected' : ''}${active ? ' is-active' : ''}`}
      onMouseDown={onMouseDown}
      onDoubleClick={onDoubleClick}
      title={entry.url}
    >
      <div className="history-row-line">
        <MethodBadge method={entry.method} />
        <span className="history-path">{pathOf(entry.url)}</span>
      </div>
      <div className="history-row-line history-row-meta">
        <span className={`status-pill tone-${tone}`}>{entry.status ?? entry.errorKind ?? 'failed'}</span>
        <span>{clock(entry.startedAt)}</span>
        <span>{duration(entry.durationMs)}</span>
        {entry.endpointName && <span className="history-endpoint">{entry.endpointName}</span>}
      </div>
    </div>
  );
}

/** The entries, virtualised: only the rows in view are in the DOM, however long history is. */
export function HistoryList({ onActivate, onDelete }: { onActivate(entry: HistorySummary): void; onDelete(ids: number[]): void }) {
  const api = useApi();
  const entries = useHistory((s) => s.entries);
  const selected = useHistory((s) => s.selected);
  const focused = useHistory((s) => s.focused);
  const nextCursor = useHistory((s) => s.nextCursor);
  const loading = useHistory((s) => s.loading);
  const select = useHistory((s) => s.select);
  const selectAll = useHistory((s) => s.selectAll);
  const open = useHistory((s) => s.open);
  const loadMore = useHistory((s) => s.loadMore);
  const scroller = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 320, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (nextCursor !== undefined && !loading && lastIndex >= entries.length - 5) void loadMore(api);
  }, [api, entries.length, lastIndex, loadMore, loading, nextCursor]);

  const choose = (entry: HistorySummary, mode: 'only' | 'toggle' | 'range') => {
    select(entry.id, mode);
    if (mode === 'only') void open(api, entry.id);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const index = entries.findIndex((e) => e.id === focused);
    const move = (to: number) => {
      const target = entries[Math.max(0, Math.min(entries.length - 1, to))];
      if (!target) return;
      event.preventDefault();
      choose(target, event.shiftKey ? 'range' : 'only');
      virtualizer.scrollToIndex(entries.indexOf(target));
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index < 0 ? 0 : index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(entries.length - 1);
    else if (event.key === 'Enter' && focused !== undefined) {
      const entry = entries[index];
      if (entry) onActivate(entry);
    } else if (event.key === 'Delete' && selected.size > 0) {
      event.preventDefault();
      onDelete([...selected]);
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      selectAll();
    }
  };

  return (
    <div
      ref={scroller}
      className="history-list"
      role="listbox"
      aria-label="History entries"
      aria-multiselectable="true"
      tabIndex={0}
      aria-activedescendant={focused !== undefined ? `history-row-${focused}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const entry = entries[item.index]!;
          return (
            <div key={entry.id} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}>
              <Row
                entry={entry}
                selected={selected.has(entry.id)}
                active={focused === entry.id}
                onMouseDown={(e) => choose(entry, e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'only')}
                onDoubleClick={() => onActivate(entry)}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
