import { useEffect, useMemo, useRef, useState } from 'react';
import type { HistorySummary } from '@shared/model/history';
import { useApi } from '../../app/api-context';
import { useHistory, visibleRows } from '../../stores/history';
import { useIntegration } from '../../stores/integration';
import { ConfirmDialog } from '../exchange/Dialog';
import { ExportDialog } from '../exchange/ExportDialog';
import { HistoryFilters } from './HistoryFilters';
import { HistoryList } from './HistoryList';
import './history.css';

/** The sidebar of the History view: search, filters, the list, and what to do with a selection. */
export function HistoryPanel() {
  const api = useApi();
  const text = useHistory((s) => s.text);
  const filters = useHistory((s) => s.filters);
  const entries = useHistory((s) => s.entries);
  const shown = useHistory((s) => visibleRows(s.entries, s.expanded).length);
  const selected = useHistory((s) => s.selected);
  const loading = useHistory((s) => s.loading);
  const error = useHistory((s) => s.error);
  const hasMore = useHistory((s) => s.nextCursor !== undefined);
  const setText = useHistory((s) => s.setText);
  const refresh = useHistory((s) => s.refresh);
  const remove = useHistory((s) => s.remove);
  const clearAll = useHistory((s) => s.clearAll);
  const idsOf = useHistory((s) => s.idsOf);
  const openExchange = useIntegration((s) => s.openExchange);
  const [showFilters, setShowFilters] = useState(false);
  const [exporting, setExporting] = useState<number[]>();
  const [confirm, setConfirm] = useState<{ kind: 'delete'; ids: number[] } | { kind: 'clear' }>();
  const endpoints = useRef(new Map<string, string>());
  for (const e of entries) if (e.endpointId && !endpoints.current.has(e.endpointId)) endpoints.current.set(e.endpointId, e.endpointName ?? e.endpointId);

  const query = useMemo(() => JSON.stringify({ text, filters }), [text, filters]);
  useEffect(() => {
    const timer = setTimeout(() => void refresh(api), 200);
    return () => clearTimeout(timer);
  }, [api, query, refresh]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('history.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(api), 300);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [api, refresh]);

  const activeFilters = Object.values(filters).filter((v) => v !== undefined).length;
  // a run's row stands for all of its requests
  const withRuns = (ids: number[], then: (all: number[]) => void) => void idsOf(api, ids).then(then, () => then(ids));
  const askDelete = (ids: number[]) => withRuns(ids, (all) => setConfirm({ kind: 'delete', ids: all }));
  const activate = async (entry: HistorySummary) => {
    if (!openExchange) return;
    const detail = await api.call('history.get', { id: entry.id });
    openExchange(detail.exchange, entry);
  };

  return (
    <section className="panel history-panel" aria-label="History">
      <header className="panel-header">
        <h2 className="panel-title">History</h2>
        <span className="panel-spacer" />
        <button
          type="button"
          className="btn btn-quiet btn-small"
          disabled={selected.size !== 2}
          title="Compare the responses of the two selected entries (Ctrl-click to select two)"
          onClick={() => useHistory.getState().compare([...selected] as [number, number])}
        >
          Compare
        </button>
        <button type="button" className="btn btn-quiet btn-small" disabled={selected.size === 0} onClick={() => withRuns([...selected], setExporting)}>
          Export{selected.size > 0 ? ` (${selected.size})` : ''}
        </button>
        <button type="button" className="btn btn-quiet btn-small" disabled={selected.size === 0} onClick={() => askDelete([...selected])}>
          Delete
        </button>
        <button type="button" className="btn btn-quiet btn-small" disabled={entries.length === 0} onClick={() => setConfirm({ kind: 'clear' })}>
          Clear all
        </button>
      </header>
      <div className="history-search">
        <input type="search" aria-label="Search history" placeholder="Search URL, method, status, bodies…" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="button" className="btn btn-quiet btn-small" aria-expanded={showFilters} onClick={() => setShowFilters((v) => !v)}>
          Filters{activeFilters ? ` (${activeFilters})` : ''}
        </button>
      </div>
      {showFilters && <HistoryFilters endpoints={endpoints.current} />}
      {error && (
        <div className="callout callout-error" role="alert">
          {error.message}
        </div>
      )}
      {entries.length === 0 && !loading && !error ? (
        <div className="empty-state">
          <p>{text || activeFilters ? 'Nothing in history matches.' : 'Every request you send is recorded here, searchable.'}</p>
        </div>
      ) : (
        <HistoryList onActivate={(entry) => void activate(entry)} onDelete={askDelete} />
      )}
      <div className="history-footer muted small" aria-live="polite">
        {loading ? 'Loading…' : `${shown}${hasMore ? '+' : ''} shown${selected.size ? ` · ${selected.size} selected` : ''}`}
      </div>
      {exporting && <ExportDialog source={{ kind: 'history', ids: exporting }} onClose={() => setExporting(undefined)} />}
      {confirm && (
        <ConfirmDialog
          title={confirm.kind === 'clear' ? 'Clear all history?' : 'Delete entries?'}
          message={confirm.kind === 'clear' ? 'Every recorded request and response is deleted. This cannot be undone.' : `Delete ${confirm.ids.length} entr${confirm.ids.length === 1 ? 'y' : 'ies'} from history?`}
          confirm={confirm.kind === 'clear' ? 'Clear all' : 'Delete'}
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            const action = confirm.kind === 'clear' ? clearAll(api) : remove(api, confirm.ids);
            setConfirm(undefined);
            void action.catch(() => refresh(api));
          }}
        />
      )}
    </section>
  );
}
