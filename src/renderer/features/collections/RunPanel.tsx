import { useEffect, useState } from 'react';
import type { Collection, RunComparison, RunResult, RunStep, StepChange } from '@shared/model/collection';
import { useApi } from '../../app/api-context';
import { useCollections } from '../../stores/collections';
import { useIntegration, type EndpointChoice } from '../../stores/integration';
import { ExportDialog } from '../exchange/ExportDialog';
import { clock, duration, statusTone } from '../history/format';
import { MethodBadge } from '../history/MethodBadge';
import { RunStepDetail } from './RunStepDetail';

const CHANGE_LABELS: Partial<Record<StepChange, string>> = { 'newly-failing': 'newly failing', 'newly-passing': 'newly passing', added: 'new' };

function Summary({ run }: { run: RunResult }) {
  const s = run.summary;
  if (!s) return null;
  return (
    <p className="run-summary" role="status" aria-label="Run summary">
      <strong>
        {s.passed} of {s.steps} step{s.steps === 1 ? '' : 's'} passed
      </strong>
      {' · '}
      {s.assertionsPassed} of {s.assertionsPassed + s.assertionsFailed} assertions · {s.checkErrors} SCIM check error{s.checkErrors === 1 ? '' : 's'}
      {run.cancelled ? ' · stopped before the end' : ''}
    </p>
  );
}

function Comparison({ comparison }: { comparison: RunComparison }) {
  const names = (change: StepChange) => comparison.steps.filter((s) => s.change === change).map((s) => s.name);
  const failing = names('newly-failing');
  const passing = names('newly-passing');
  return (
    <div className={`run-comparison ${comparison.newlyFailing ? 'has-failing' : ''}`} role="note" aria-label="Compared with the previous run">
      Against the previous run ({clock(comparison.previousStartedAt)}): <strong>{comparison.newlyFailing} newly failing</strong>
      {failing.length > 0 && ` (${failing.join(', ')})`}, <strong>{comparison.newlyPassing} newly passing</strong>
      {passing.length > 0 && ` (${passing.join(', ')})`}, {comparison.unchanged} unchanged
      {names('removed').length > 0 && `; no longer run: ${names('removed').join(', ')}`}
    </div>
  );
}

/**
 * Run a request, a folder or the whole collection against an endpoint: each step with its status,
 * whether its assertions passed, its details (request, response, assertions with expected and
 * actual, SCIM checks), the comparison with the previous run, and the export of it all.
 */
export function RunPanel({ collection, itemId, label, endpoints, endpointId, onEndpoint }: {
  collection: Collection;
  itemId: string;
  label: string;
  endpoints: EndpointChoice[];
  endpointId: string;
  onEndpoint(id: string): void;
}) {
  const api = useApi();
  const lastRun = useCollections((s) => s.lastRun);
  const running = useCollections((s) => s.running);
  const setRun = useCollections((s) => s.setRun);
  const [stopOnError, setStopOnError] = useState(false);
  const [live, setLive] = useState<RunStep[]>([]);
  const [exporting, setExporting] = useState(false);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const openExchange = useIntegration((s) => s.openExchange);
  const [openProblem, setOpenProblem] = useState<string>();

  useEffect(
    () =>
      api.on('collections.runStep', ({ runId, step }) => {
        if (runId === useCollections.getState().running) setLive((steps) => [...steps, step]);
      }),
    [api],
  );

  const start = async () => {
    const runId = `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    setLive([]);
    setOpen(new Set());
    setRun(undefined, runId);
    try {
      const result = await api.call('collections.run', { collectionId: collection.id, itemId, endpointId, stopOnError, runId });
      setRun(result, undefined);
      // what failed is what one looks at first
      setOpen(new Set(result.steps.flatMap((s, i) => (s.ok ? [] : [i])).slice(0, 3)));
    } catch (e) {
      setRun(undefined, undefined);
      useCollections.getState().setError(e);
    }
  };

  const shown = lastRun && lastRun.collectionId === collection.id ? lastRun : undefined;
  const shownRun = running ?? shown?.runId;
  const steps = running ? live : (shown?.steps ?? []);
  const changes = new Map((shown?.comparison?.steps ?? []).map((s) => [s.requestId, s.change]));

  /** a step opens this run's own exchange (what was sent and what came back), never a request of the same name */
  const openStep = async (step: RunStep) => {
    if (!step.exchangeId || !openExchange) return;
    setOpenProblem(undefined);
    try {
      const { exchange } = await api.call('history.exchange', { exchangeId: step.exchangeId, ...(shownRun ? { runId: shownRun } : {}) });
      openExchange(exchange, { method: step.method, name: `${step.name} (run)` });
    } catch (e) {
      setOpenProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const toggle = (i: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });

  return (
    <section className="card" aria-label="Run">
      <h2>Run {label}</h2>
      <div className="field-row">
        <label className="field field-grow">
          <span>Endpoint</span>
          {endpoints.length > 0 ? (
            <select value={endpointId} onChange={(e) => onEndpoint(e.target.value)}>
              {endpoints.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          ) : (
            <input type="text" value={endpointId} placeholder="endpoint id" onChange={(e) => onEndpoint(e.target.value)} />
          )}
        </label>
        <label className="check">
          <input type="checkbox" checked={stopOnError} onChange={(e) => setStopOnError(e.target.checked)} />
          Stop at the first failure
        </label>
      </div>
      <div className="card-actions">
        {running ? (
          <button type="button" className="btn" onClick={() => void api.call('collections.cancelRun', { runId: running })}>
            Stop
          </button>
        ) : (
          <button type="button" className="btn btn-primary" disabled={!endpointId} onClick={() => void start()}>
            Run
          </button>
        )}
        {shown && !running && shown.steps.length > 0 && (
          <button type="button" className="btn" onClick={() => setExporting(true)}>
            Export this run…
          </button>
        )}
      </div>
      {running && (
        <p className="muted small" role="status">
          Running… {live.length} step{live.length === 1 ? '' : 's'} done
        </p>
      )}
      {!running && shown && <Summary run={shown} />}
      {!running && shown?.comparison && <Comparison comparison={shown.comparison} />}
      {steps.length > 0 && (
        <ol className="run-steps" aria-label="Run results">
          {steps.map((step, i) => {
            const failed = step.assertions.filter((a) => !a.passed).length;
            const change = changes.get(step.requestId);
            return (
              <li key={`${step.requestId}-${i}`} className={step.ok ? 'is-ok' : 'is-failed'}>
                <div className="run-step-line">
                  <button type="button" className="btn btn-quiet btn-small run-toggle" aria-expanded={open.has(i)} aria-label={`Details of step ${i + 1}, ${step.name}`} onClick={() => toggle(i)}>
                    {open.has(i) ? '▾' : '▸'}
                  </button>
                  <MethodBadge method={step.method || '—'} />
                  {step.exchangeId && openExchange ? (
                    <button
                      type="button"
                      className="link-btn run-name"
                      title="Open what this step sent and received in the inspector"
                      aria-label={`Open step ${i + 1}, ${step.name}, in the inspector`}
                      onClick={() => void openStep(step)}
                    >
                      {step.name}
                    </button>
                  ) : (
                    <span className="run-name">{step.name}</span>
                  )}
                  <span className={`status-pill tone-${statusTone(step.status, step.error?.kind)}`}>{step.status ?? step.error?.kind ?? 'failed'}</span>
                  <span className={`run-verdict ${step.ok ? 'is-ok' : 'is-failed'}`}>
                    {step.ok ? 'passed' : failed > 0 ? `failed: ${failed} of ${step.assertions.length} assertion${step.assertions.length === 1 ? '' : 's'}` : 'failed'}
                  </span>
                  {step.checks && step.checks.counts.error > 0 && (
                    <span className="run-check-errors" title="SCIM check errors on this answer">
                      {step.checks.counts.error} SCIM error{step.checks.counts.error === 1 ? '' : 's'}
                    </span>
                  )}
                  {change && CHANGE_LABELS[change] && <span className={`run-change change-${change}`}>{CHANGE_LABELS[change]}</span>}
                  <span className="muted small">{duration(step.durationMs)}</span>
                </div>
                {step.error && <div className="small run-error">{step.error.message}</div>}
                {Object.keys(step.captured).length > 0 && (
                  <div className="small muted">
                    set {Object.entries(step.captured).map(([k, v]) => `${k} = ${v}`).join(', ')}
                  </div>
                )}
                {step.captureProblems.map((p) => (
                  <div key={p} className="small run-error">
                    {p}
                  </div>
                ))}
                {open.has(i) && <RunStepDetail step={step} runId={shownRun} />}
              </li>
            );
          })}
        </ol>
      )}
      {openProblem && (
        <p className="small run-error" role="alert">
          {openProblem}
        </p>
      )}
      {exporting && shown && <ExportDialog source={{ kind: 'run', runId: shown.runId }} onClose={() => setExporting(false)} />}
    </section>
  );
}
