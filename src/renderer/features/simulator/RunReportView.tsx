import { useState } from 'react';
import type { ObjectSummary, RunReport } from '@shared/idp';
import { useApi } from '../../app/api-context';
import { RunChart } from './RunChart';
import { StepLog } from './StepLog';
import { useSimulator } from './store';

const MODES: Record<RunReport['mode'], string> = { 'on-demand': 'Provision on demand', full: 'Full cycle', incremental: 'Incremental cycle', deprovision: 'Deprovision' };
const SHOWN = 300;

function ObjectList({ objects, selected, onOpen }: { objects: ObjectSummary[]; selected?: number; onOpen?(index: number): void }) {
  const [filter, setFilter] = useState<'all' | 'problems'>('all');
  const [more, setMore] = useState(false);
  const list = filter === 'problems' ? objects.filter((o) => o.status === 'fail' || o.status === 'warn') : objects;
  const shown = more ? list : list.slice(0, SHOWN);
  return (
    <div className="sim-objects">
      <div className="sim-toolbar">
        <div className="seg" role="radiogroup" aria-label="Show">
          {(['all', 'problems'] as const).map((f) => (
            <button key={f} type="button" role="radio" aria-checked={filter === f} className="seg-btn" onClick={() => setFilter(f)}>
              {f === 'all' ? `All (${objects.length})` : `Failures and warnings (${objects.filter((o) => o.status === 'fail' || o.status === 'warn').length})`}
            </button>
          ))}
        </div>
      </div>
      {list.length === 0 ? (
        <p className="muted small">{filter === 'problems' ? 'No failures or warnings.' : 'No object was processed: nothing changed since the last cycle.'}</p>
      ) : (
        <ul className="sim-object-list" aria-label="Provisioning log">
          {shown.map((o) => (
            <li key={`${o.type}-${o.index}`}>
              <button type="button" className={`sim-object sim-object-${o.status}${selected === o.index ? ' is-selected' : ''}`} aria-current={selected === o.index} disabled={!onOpen} onClick={() => onOpen?.(o.index)}>
                <span className={`sim-status sim-status-${o.status}`}>{o.status === 'fail' ? 'Failure' : o.status === 'warn' ? 'Warning' : o.status === 'skip' ? 'Skipped' : 'Success'}</span>
                <span className="sim-object-type">{o.type}</span>
                <span className="sim-object-label">{o.label}</span>
                <span className="sim-object-action">{o.action}</span>
                <span className="muted small sim-object-summary">{o.summary}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {!more && list.length > SHOWN && (
        <button type="button" className="btn btn-small" onClick={() => setMore(true)}>
          Show all {list.length}
        </button>
      )}
    </div>
  );
}

/** A run as it goes (progress, objects as they finish) and once done (counts, latency, chart, checks, each object's log). */
export function RunReportView() {
  const api = useApi();
  const running = useSimulator((s) => s.running);
  const report = useSimulator((s) => s.report);
  const selected = useSimulator((s) => s.selected);
  if (running) {
    const p = running.progress;
    return (
      <section aria-label="Run in progress" className="sim-section" aria-busy="true">
        <h2 className="sim-h2">{MODES[running.mode]}: running</h2>
        <progress max={p?.total || 1} value={p?.done ?? 0} aria-label="Objects done" />
        <p className="small" role="status">
          {p ? `${p.done} of ${p.total} objects (${p.stage}); ${p.requests} requests, ${p.errors} errors; ${(p.elapsedMs / 1000).toFixed(1)} s` : 'Starting…'}
        </p>
        <ObjectList objects={running.finished} />
      </section>
    );
  }
  if (!report) return <p className="muted">No run yet. Run a cycle, or provision one user on demand from the Test users tab.</p>;
  const { counts, stats } = report;
  return (
    <section aria-label="Run report" className="sim-section">
      <h2 className="sim-h2">
        {MODES[report.mode]} {report.cancelled ? '(cancelled)' : ''}
      </h2>
      {report.notes.map((n) => (
        <p key={n} className="callout small">
          {n}
        </p>
      ))}
      <dl className="sim-summary" aria-label="Counts">
        {(
          [
            ['Created', counts.created],
            ['Updated', counts.updated],
            ['Disabled', counts.disabled],
            ['Enabled', counts.enabled],
            ['Deleted', counts.deleted],
            ['Skipped', counts.skipped],
            ['Failed', counts.failed],
            ['Warnings', counts.warned],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className={label === 'Failed' && value ? 'sim-count-bad' : undefined}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <dl className="sim-summary" aria-label="Requests">
        <div>
          <dt>Requests</dt>
          <dd>{stats.requests}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd>{stats.errors}</dd>
        </div>
        <div>
          <dt>Rate</dt>
          <dd>
            {stats.achievedRate}/s{report.settings.rate ? ` of ${report.settings.rate}` : ''}
          </dd>
        </div>
        {(['p50', 'p90', 'p95', 'p99', 'max'] as const).map((k) => (
          <div key={k}>
            <dt>{k === 'max' ? 'slowest' : k}</dt>
            <dd>{stats.latency[k]} ms</dd>
          </div>
        ))}
      </dl>
      <RunChart report={report} />
      {report.checks.length > 0 && (
        <details className="sim-checks" open={report.checks.some((c) => c.status === 'fail')}>
          <summary>Compatibility checks ({report.checks.filter((c) => c.status === 'fail').length} failed)</summary>
          <table className="sim-table small">
            <tbody>
              {report.checks.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.id}</th>
                  <td>
                    <span className={`sim-status sim-status-${c.status}`}>{c.status}</span>
                  </td>
                  <td>{c.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      <div className="sim-log-split">
        <ObjectList objects={report.objects} selected={selected?.index} onOpen={(index) => void useSimulator.getState().openObject(api, index)} />
        <div className="sim-object-detail" aria-label="Step log" role="region">
          {!selected && <p className="muted small">Pick an object to read its steps.</p>}
          {selected?.error && (
            <div className="callout callout-error" role="alert">
              {selected.error.message}
            </div>
          )}
          {selected && !selected.log && !selected.error && <p className="muted small">Loading…</p>}
          {selected?.log && (
            <>
              <h3 className="sim-h3">
                {selected.log.label} <span className="muted small">{selected.log.targetId ? `id in the app: ${selected.log.targetId}` : ''}</span>
              </h3>
              <StepLog log={selected.log} />
            </>
          )}
        </div>
      </div>
    </section>
  );
}
