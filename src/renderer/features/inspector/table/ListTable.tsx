import { useEffect, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { ColumnSpec } from './columns';
import type { TableRow } from './table-model';

const ROW_HEIGHT = 28;
const BLOCK = 200;
const FALLBACK_RECT = { width: 900, height: 480 };

export interface SortState {
  key: string;
  direction: 'ascending' | 'descending';
}

interface ListTableProps {
  label: string;
  columns: readonly ColumnSpec[];
  /** rows in the (filtered) table */
  rowCount: number;
  /** rows `[from, to)`, from wherever the table lives */
  fetchRows(from: number, to: number): Promise<TableRow[]>;
  /** changes whenever the rows behind `fetchRows` change */
  version: string;
  sort?: SortState;
  onSort(key: string): void;
  /** opens a row's resource; rows are plain when absent */
  onOpen?(row: TableRow): void;
  /** names what opening does, e.g. "Open in a new tab" */
  openHint?: string;
  /** one-click actions on a row's resource, as buttons in its last cell */
  rowActions?: readonly RowAction[];
}

export interface RowAction {
  key: string;
  /** shown on the button (the HTTP method) */
  text: string;
  /** what it does, for the tooltip and, with the row's id, the accessible name */
  label: string;
  run(row: TableRow): void;
}

const ACTIONS_WIDTH = 212;

function observeRect(instance: Virtualizer<HTMLDivElement, Element>, callback: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => callback(rect.height > 0 ? rect : FALLBACK_RECT));
}

/**
 * ListResponse resources as a table: only the rows in view are in the page, so ten thousand cost what
 * thirty do. Arrow keys move between rows, Enter opens one.
 */
export function ListTable({ label, columns, rowCount, fetchRows, version, sort, onSort, onOpen, openHint, rowActions }: ListTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusWanted = useRef(false);
  const blocks = useRef<{ version: string; rows: Map<number, TableRow[] | 'loading'> }>({ version, rows: new Map() });
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  if (blocks.current.version !== version) blocks.current = { version, rows: new Map() };
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // the header row sits inside the scroller, above the rows
    scrollMargin: ROW_HEIGHT,
    initialRect: FALLBACK_RECT,
    observeElementRect: observeRect,
  });

  useEffect(() => {
    if (active >= rowCount) setActive(Math.max(0, rowCount - 1));
  }, [active, rowCount]);

  const items = virtualizer.getVirtualItems();
  const firstBlock = items.length ? Math.floor(items[0]!.index / BLOCK) : 0;
  const lastBlock = items.length ? Math.floor(items[items.length - 1]!.index / BLOCK) : -1;
  useEffect(() => {
    const cache = blocks.current;
    for (let block = firstBlock; block <= lastBlock; block++) {
      if (cache.rows.has(block)) continue;
      cache.rows.set(block, 'loading');
      fetchRows(block * BLOCK, (block + 1) * BLOCK).then(
        (rows) => {
          cache.rows.set(block, rows);
          if (blocks.current === cache) redraw();
        },
        () => cache.rows.delete(block),
      );
    }
  }, [fetchRows, version, firstBlock, lastBlock]);
  const rowAt = (index: number): TableRow | undefined => {
    const block = blocks.current.rows.get(Math.floor(index / BLOCK));
    return Array.isArray(block) ? block[index % BLOCK] : undefined;
  };

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-row="${active}"]`)?.focus();
  });

  const move = (to: number) => {
    const next = Math.max(0, Math.min(rowCount - 1, to));
    setActive(next);
    focusWanted.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onRowKey = (event: KeyboardEvent, index: number) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: rowCount - 1 };
    if (event.key in keys) {
      event.preventDefault();
      move(keys[event.key]!);
    } else if ((event.key === 'Enter' || event.key === ' ') && onOpen) {
      event.preventDefault();
      const row = rowAt(index);
      if (row) onOpen(row);
    }
  };

  const widths = columns.map((c) => (c.key === 'id' ? 140 : c.type === 'boolean' ? 70 : 120));
  const actions = rowActions?.length ? rowActions : undefined;
  const template = `64px ${columns.map((c, i) => `minmax(${widths[i]}px, ${c.key === 'id' ? 1.2 : c.type === 'boolean' ? 0.4 : 1}fr)`).join(' ')}${actions ? ` ${ACTIONS_WIDTH}px` : ''}`;
  const minWidth = 64 + widths.reduce((a, b) => a + b, 0) + (actions ? ACTIONS_WIDTH : 0);
  return (
    <div ref={scroller} role="table" aria-label={label} aria-rowcount={rowCount + 1} className="ins-table">
      <div role="rowgroup" className="ins-table-head" style={{ minWidth }}>
        <div role="row" aria-rowindex={1} className="ins-table-row" style={{ gridTemplateColumns: template, height: ROW_HEIGHT }}>
          <div role="columnheader" className="ins-table-cell ins-num">
            #
          </div>
          {columns.map((column) => {
            const sorted = sort?.key === column.key ? sort.direction : undefined;
            return (
              <div key={column.key} role="columnheader" aria-sort={sorted ?? 'none'} className="ins-table-cell" title={column.description}>
                <button type="button" className="ins-sort" onClick={() => onSort(column.key)} aria-label={`Sort by ${column.label}`}>
                  {column.label}
                  <span aria-hidden="true" className="ins-sort-mark">
                    {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : ''}
                  </span>
                </button>
              </div>
            );
          })}
          {actions && (
            <div role="columnheader" className="ins-table-cell ins-row-actions-head">
              Actions
            </div>
          )}
        </div>
      </div>
      <div role="rowgroup" className="ins-table-body" style={{ height: virtualizer.getTotalSize(), minWidth }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          return (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              data-row={item.index}
              tabIndex={item.index === active ? 0 : -1}
              className={`ins-table-row${onOpen ? ' ins-table-row-open' : ''}`}
              style={{ gridTemplateColumns: template, transform: `translateY(${item.start - ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
              title={onOpen && row?.id ? `${openHint ?? 'Open'}: ${row.id}` : undefined}
              onClick={() => {
                setActive(item.index);
                if (row) onOpen?.(row);
              }}
              onFocus={() => setActive(item.index)}
              onKeyDown={(event) => onRowKey(event, item.index)}
            >
              <div role="cell" className="ins-table-cell ins-num ins-faint">
                {row ? row.index + 1 : ''}
              </div>
              {columns.map((column, i) => (
                <div key={column.key} role="cell" className="ins-table-cell">
                  {row?.cells[i] ?? ''}
                </div>
              ))}
              {actions && (
                <div role="cell" className="ins-table-cell ins-row-actions">
                  {row?.id &&
                    actions.map((action) => (
                      <button
                        key={action.key}
                        type="button"
                        className={`ins-row-action method-${action.text}`}
                        tabIndex={item.index === active ? 0 : -1}
                        title={`${action.label}: ${row.id}`}
                        aria-label={`${action.label} ${row.id}`}
                        onClick={(event) => {
                          event.stopPropagation();
                          setActive(item.index);
                          action.run(row);
                        }}
                        onKeyDown={(event) => event.stopPropagation()}
                      >
                        {action.text}
                      </button>
                    ))}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
