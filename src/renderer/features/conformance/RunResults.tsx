import { useMemo, useState } from 'react';
import { summarize, type CheckResult, type CheckStatus, type ConformanceRun } from '@shared/model/conformance';
import { useApi } from '../../app/api-context';
import { useConformance } from '../../stores/conformance';
import { CheckList } from './CheckList';
import { countOf, PROFILE_LABEL, seconds, STATUS_LABEL, STATUS_ORDER, when } from './format';
import { ReportDialog } from './ReportDialog';
import { SummaryCounts } from './SummaryCounts';

function byGroup(checks: readonly CheckResult[]): [string, CheckResult[]][] {
  const groups = new Map<string, CheckResult[]>();
  for (const c of checks) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups];
}

/** One kept run: counts, a status filter and a search, the checks by group, export and compare. */
export function RunResults({ run }: { run: ConformanceRun }) {
  const api = useApi();
  const runs = useConformance((s) => s.runs);
  const compare = useConformance((s) => s.compare);
  const [status, setStatus] = useState<CheckStatus | 'all'>(run.summary.failed > 0 ? 'fail' : 'all');
  const [text, setText] = useState('');
  const [exporting, setExporting] = useState(false);

  const previous = useMemo(() => {
    const same = runs.filter((r) => r.runId !== run.runId && r.startedAt < run.startedAt && (r.target.endpointId ?? r.target.url) === (run.target.endpointId ?? run.target.url));
    return same[0];
  }, [runs, run]);

  const needle = text.trim().toLowerCase();
  const shown = run.checks.filter((c) => (status === 'all' || c.status === status) && (!needle || `${c.id} ${c.title} ${c.detail}`.toLowerCase().includes(needle)));
  return (
    <div className="page cf-page">
      <header className="page-header cf-run-header">
        <div>
          <h1>{run.target.endpointName ?? run.target.url}</h1>
          <p className="muted small">
            {run.target.url} · {PROFILE_LABEL[run.profile]}
            {run.readOnly ? ' · read-only' : ''}
            {run.only.length ? ` · only ${run.only.join(', ')}` : ''} · {when(run.startedAt)} · {seconds(run.startedAt, run.finishedAt)}
          </p>
        </div>
        <div className="card-actions">
          {previous && (
            <button type="button" className="btn" onClick={() => void compare(api, previous.runId, run.runId)}>
              Compare with the previous run
            </button>
          )}
          <button type="button" className="btn btn-primary" onClick={() => setExporting(true)}>
            Export report…
          </button>
        </div>
      </header>
      {run.cancelled && <div className="callout">This run was cancelled: checks it did not finish are listed as skipped.</div>}
      {run.leftovers.length > 0 && (
        <div className="callout callout-error" role="alert">
          <strong>Left on the server:</strong> the run could not remove {run.leftovers.length} resource(s) it created (names start with <code>{run.prefix}</code>).
          <ul>
            {run.leftovers.map((l) => (
              <li key={`${l.endpoint}/${l.id}`}>
                <code>
                  {l.endpoint}/{l.id}
                </code>
                : {l.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="cf-toolbar">
        <div className="filter-row" role="group" aria-label="Show checks">
          <button type="button" className="filter-chip" aria-pressed={status === 'all'} onClick={() => setStatus('all')}>
            All {run.checks.length}
          </button>
          {STATUS_ORDER.map((s) => (
            <button key={s} type="button" className={`filter-chip cf-chip-${s}`} aria-pressed={status === s} onClick={() => setStatus(s)}>
              {STATUS_LABEL[s]} {countOf(run.summary, s)}
            </button>
          ))}
        </div>
        <input className="input cf-search" type="search" aria-label="Find a check" placeholder="Find a check (id, title, finding)" value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {shown.length === 0 ? (
        <div className="empty-state">
          <p>{run.checks.length === 0 ? 'This run has no checks.' : 'No check matches.'}</p>
        </div>
      ) : (
        byGroup(shown).map(([group, checks]) => (
          <section key={group} className="cf-group" aria-label={group}>
            <h2>
              {group} <SummaryCounts summary={summarize(run.checks.filter((c) => c.group === group))} />
            </h2>
            <CheckList checks={checks} label={`${group} checks`} />
          </section>
        ))
      )}
      {exporting && <ReportDialog run={run} onClose={() => setExporting(false)} />}
    </div>
  );
}
