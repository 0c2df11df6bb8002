import type { ComparedCheck, RunComparison, RunListItem } from '@shared/model/conformance';
import { useApi } from '../../app/api-context';
import { useConformance } from '../../stores/conformance';
import { STATUS_LABEL, when } from './format';
import { SummaryCounts } from './SummaryCounts';

function Outcome({ outcome }: { outcome: ComparedCheck['base'] }) {
  if (!outcome) return <span className="muted small">not in this run</span>;
  return (
    <span className="cf-outcome">
      <span className={`cf-badge cf-${outcome.status}`}>{STATUS_LABEL[outcome.status]}</span> <span className="small">{outcome.detail}</span>
    </span>
  );
}

function Section({ title, checks, open, tone }: { title: string; checks: ComparedCheck[]; open: boolean; tone: string }) {
  return (
    <details className={`cf-diff-section cf-diff-${tone}`} open={open && checks.length > 0}>
      <summary>
        <h2>
          {title} <span className="cf-diff-count">{checks.length}</span>
        </h2>
      </summary>
      {checks.length === 0 ? (
        <p className="muted small">None.</p>
      ) : (
        <table className="data-table cf-diff-table" aria-label={title}>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Before</th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <span className="cf-check-id">{c.id}</span> {c.title} <span className="muted small">{c.group}</span>
                </th>
                <td>
                  <Outcome outcome={c.base} />
                </td>
                <td>
                  <Outcome outcome={c.head} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

function RunCard({ label, run }: { label: string; run: RunListItem }) {
  const api = useApi();
  const open = useConformance((s) => s.open);
  return (
    <div className="card cf-run-card">
      <p className="muted small">{label}</p>
      <button type="button" className="link-btn" onClick={() => void open(api, run.runId)}>
        {run.target.endpointName ?? run.target.url} · {when(run.startedAt)}
      </button>
      <p>
        <SummaryCounts summary={run.summary} />
      </p>
    </div>
  );
}

/** Two runs side by side: what started failing, what passes now, and the rest. */
export function CompareView({ comparison }: { comparison: RunComparison }) {
  const c = comparison;
  return (
    <div className="page cf-page">
      <header className="page-header">
        <h1>Compare runs</h1>
      </header>
      <div className="cf-run-cards">
        <RunCard label="Before" run={c.base} />
        <RunCard label="Now" run={c.head} />
      </div>
      <Section title="Newly failing" checks={c.newlyFailing} open tone="fail" />
      <Section title="Newly passing" checks={c.newlyPassing} open tone="pass" />
      <Section title="Other changes" checks={c.otherChanges} open tone="warn" />
      <Section title="Only in the earlier run" checks={c.onlyInBase} open={false} tone="skip" />
      <Section title="Only in the later run" checks={c.onlyInHead} open={false} tone="skip" />
      <Section title="Unchanged" checks={c.unchanged} open={false} tone="skip" />
    </div>
  );
}
