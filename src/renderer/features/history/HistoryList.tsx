import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { HistorySummary } from '@shared/model/history';
import { useApi } from '../../app/api-context';
import { isRunRow, useHistory, visibleRows, type ExpandedRun, type HistoryRow } from '../../stores/history';
import { clock, duration, pathOf, statusTone } from './format';
import { Highlighted, searchTerms, Snippet } from './highlight';
import { MethodBadge } from './MethodBadge';

const ROW_HEIGHT = 44;
/** a row with the snippet of where the search matched */
const ROW_HEIGHT_SEARCH = 62;

interface RowProps {
  row: HistoryRow;
  terms: readonly string[];
  searching: boolean;
  selected: boolean;
  active: boolean;
  run: ExpandedRun | undefined;
  onMouseDown(e: MouseEvent): void;
  onDoubleClick(): void;
  onToggle(): void;
}

function Row({ row, terms, searching, selected, active, run, onMouseDown, onDoubleClick, onToggle }: RowProps) {
  const { entry, depth } = row;
  const tone = statusTone(entry.status, entry.errorKind);
  const isRun = depth === 0 && isRunRow(entry);
  const size = entry.group?.size ?? 0;
  const label = isRun ? `${entry.group!.label}, a run of ${size} requests${run ? ', expanded' : ', collapsed (Right arrow expands)'}` : undefined;
  return (
    <div
      id={`history-row-${entry.id}`}
      role="option"
      aria-selected={selected}
      aria-label={label}
      aria-level={depth + 1}
      className={`history-row${selected ? ' is-selected' : ''}${active ? ' is-active' : ''}${depth ? ' is-child' : ''}${isRun ? ' is-run' : ''}`}
      onMouseDown={onMouseDown}
      onDoubleClick={onDoubleClick}
      title={entry.url}
    >
      <div className="history-row-line">
        {isRun && (
          <button
            type="button"
            className="history-run-toggle"
            tabIndex={-1}
            aria-hidden="true"
            onMouseDown={(event) => event.stopPropagation()}
            onClick={onToggle}
            title={run ? 'Hide the requests of this run' : 'Show the requests of this run'}
          >
            {run ? '▾' : '▸'}
          </button>
        )}
        <MethodBadge method={entry.method} />
        <span className="history-path">{isRun ? <Highlighted text={`${entry.group!.label.replace(/^All pages of \S+ /, '')} · all pages`} terms={terms} /> : <Highlighted text={pathOf(entry.url)} terms={terms} />}</span>
      </div>
      <div className="history-row-line history-row-meta">
        <span className={`status-pill tone-${tone}`}>{entry.status ?? entry.errorKind ?? 'failed'}</span>
        {isRun && <span className="history-run-size">{size} pages</span>}
        <span>{clock(entry.startedAt)}</span>
        <span>{duration(entry.durationMs)}</span>
        {entry.endpointName && <span className="history-endpoint">{entry.endpointName}</span>}
      </div>
      {searching && (
        <div className="history-row-line history-snippet" data-testid="history-snippet">
          {entry.snippet ? <Snippet text={entry.snippet} /> : null}
        </div>
      )}
    </div>
  );
}

/**
 * The entries, virtualised: only the rows in view are in the DOM, however long history is. A run
 * (the pages of "Fetch all pages") is one row that expands to its requests (click ▸, or Right/Left).
 * With search text each row marks what matched, in its path and in an excerpt of where it matched.
 */
export function HistoryList({ onActivate, onDelete }: { onActivate(entry: HistorySummary): void; onDelete(ids: number[]): void }) {
  const api = useApi();
  const entries = useHistory((s) => s.entries);
  const expanded = useHistory((s) => s.expanded);
  const selected = useHistory((s) => s.selected);
  const focused = useHistory((s) => s.focused);
  const nextCursor = useHistory((s) => s.nextCursor);
  const loading = useHistory((s) => s.loading);
  const text = useHistory((s) => s.text);
  const select = useHistory((s) => s.select);
  const selectAll = useHistory((s) => s.selectAll);
  const open = useHistory((s) => s.open);
  const loadMore = useHistory((s) => s.loadMore);
  const toggleRun = useHistory((s) => s.toggleRun);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => visibleRows(entries, expanded), [entries, expanded]);
  const terms = useMemo(() => searchTerms(text), [text]);
  const searching = terms.length > 0;
  const height = searching ? ROW_HEIGHT_SEARCH : ROW_HEIGHT;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => height,
    overscan: 12,
    initialRect: { width: 320, height: 600 },
  });
  useEffect(() => virtualizer.measure(), [virtualizer, height]);
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (nextCursor !== undefined && !loading && lastIndex >= rows.length - 5) void loadMore(api);
  }, [api, rows.length, lastIndex, loadMore, loading, nextCursor]);

  const choose = (entry: HistorySummary, mode: 'only' | 'toggle' | 'range') => {
    select(entry.id, mode);
    if (mode === 'only') void open(api, entry.id);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const index = rows.findIndex((r) => r.entry.id === focused);
    const current = rows[index];
    const move = (to: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, to))];
      if (!target) return;
      event.preventDefault();
      choose(target.entry, event.shiftKey ? 'range' : 'only');
      virtualizer.scrollToIndex(rows.indexOf(target));
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index < 0 ? 0 : index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (event.key === 'ArrowRight' && current?.depth === 0 && isRunRow(current.entry)) {
      event.preventDefault();
      if (!expanded[current.entry.group!.id]) void toggleRun(api, current.entry.group!.id, true);
      else move(index + 1);
    } else if (event.key === 'ArrowLeft' && current) {
      event.preventDefault();
      if (current.depth === 1) {
        const head = rows.slice(0, index).reverse().find((r) => r.depth === 0);
        if (head) move(rows.indexOf(head));
      } else if (isRunRow(current.entry) && expanded[current.entry.group!.id]) void toggleRun(api, current.entry.group!.id, false);
    } else if (event.key === 'Enter' && focused !== undefined) {
      if (current) onActivate(current.entry);
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
          const row = rows[item.index]!;
          const { entry } = row;
          return (
            <div key={`${row.depth}-${entry.id}`} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}>
              <Row
                row={row}
                terms={terms}
                searching={searching}
                selected={selected.has(entry.id)}
                active={focused === entry.id}
                run={entry.group ? expanded[entry.group.id] : undefined}
                onMouseDown={(e) => choose(entry, e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'only')}
                onDoubleClick={() => onActivate(entry)}
                onToggle={() => entry.group && void toggleRun(api, entry.group.id)}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
