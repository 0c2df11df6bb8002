import { useEffect, useState } from 'react';
import { useApi } from '../../app/api-context';
import { useConformance } from '../../stores/conformance';
import { ConfirmDialog } from '../exchange/Dialog';
import { PROFILE_LABEL, when } from './format';
import { SummaryCounts } from './SummaryCounts';
import '../history/history.css';
import './conformance.css';

/** The sidebar of the Conformance view: a new run, the kept runs, and two of them to compare. */
export function ConformancePanel() {
  const api = useApi();
  const runs = useConformance((s) => s.runs);
  const listError = useConformance((s) => s.listError);
  const page = useConformance((s) => s.page);
  const marked = useConformance((s) => s.marked);
  const live = useConformance((s) => s.live);
  const { refresh, open, showNew, toggleMark, compare, remove } = useConformance.getState();
  const [confirm, setConfirm] = useState<string[]>();

  useEffect(() => {
    void refresh(api);
  }, [api, refresh]);

  return (
    <section className="panel cf-panel" aria-label="Conformance runs">
      <header className="panel-header">
        <h2 className="panel-title">Conformance</h2>
        <span className="panel-spacer" />
        <button type="button" className="btn btn-quiet btn-small" aria-pressed={page.kind === 'new'} onClick={showNew}>
          {live ? 'Running…' : 'New run'}
        </button>
      </header>
      <div className="cf-compare-bar">
        <button type="button" className="btn btn-small" disabled={marked.length !== 2} onClick={() => void compare(api, marked[0]!, marked[1]!)} title="Tick two runs to compare them">
          Compare{marked.length ? ` (${marked.length}/2)` : ''}
        </button>
        <button type="button" className="btn btn-quiet btn-small" disabled={marked.length === 0} onClick={() => setConfirm([...marked])}>
          Delete
        </button>
      </div>
      {listError && (
        <div className="callout callout-error" role="alert">
          {listError.message}
        </div>
      )}
      {runs.length === 0 && !listError ? (
        <div className="empty-state">
          <p>Runs are kept here. Start one to check a server against RFC 7643, 7644 and 9865.</p>
        </div>
      ) : (
        <ul className="cf-runs" aria-label="Kept runs">
          {runs.map((run) => {
            const current = page.kind === 'run' && page.runId === run.runId;
            const name = run.target.endpointName ?? run.target.url;
            return (
              <li key={run.runId} className={`cf-run-row${current ? ' is-current' : ''}`}>
                <input type="checkbox" aria-label={`Compare the run of ${when(run.startedAt)}`} checked={marked.includes(run.runId)} onChange={() => toggleMark(run.runId)} />
                <button type="button" className="cf-run-open" aria-current={current ? 'true' : undefined} onClick={() => void open(api, run.runId)}>
                  <span className="cf-run-title">
                    <span className="cf-run-name" title={run.target.url}>
                      {name}
                    </span>
                    <span className="muted small">{when(run.startedAt)}</span>
                  </span>
                  <span className="cf-run-facts small">
                    <SummaryCounts summary={run.summary} compact />
                    <span className="muted">
                      {run.profile === 'rfc' ? '' : PROFILE_LABEL[run.profile]}
                      {run.readOnly ? ' read-only' : ''}
                      {run.cancelled ? ' cancelled' : ''}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {confirm && (
        <ConfirmDialog
          title="Delete runs?"
          message={`Delete ${confirm.length} kept run${confirm.length === 1 ? '' : 's'}? Their requests stay in history.`}
          confirm="Delete"
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            setConfirm(undefined);
            void remove(api, confirm);
          }}
        />
      )}
    </section>
  );
}
