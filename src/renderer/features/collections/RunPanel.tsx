import { useEffect, useState } from 'react';
import type { Collection, RunStep } from '@shared/model/collection';
import { useApi } from '../../app/api-context';
import { useCollections } from '../../stores/collections';
import { useIntegration } from '../../stores/integration';
import { ExportDialog } from '../exchange/ExportDialog';
import { duration, statusTone } from '../history/format';
import { MethodBadge } from '../history/MethodBadge';

/** Run a request, a folder or the whole collection against an endpoint, and see each step. */
export function RunPanel({ collection, itemId, label }: { collection: Collection; itemId: string; label: string }) {
  const api = useApi();
  const provided = useIntegration((s) => s.endpoints);
  const [listed, setListed] = useState<{ id: string; name: string }[]>([]);
  const endpoints = provided.length > 0 ? provided : listed;
  const lastRun = useCollections((s) => s.lastRun);
  const running = useCollections((s) => s.running);
  const setRun = useCollections((s) => s.setRun);
  const [endpointId, setEndpointId] = useState(endpoints[0]?.id ?? '');
  const [stopOnError, setStopOnError] = useState(false);
  const [live, setLive] = useState<RunStep[]>([]);
  const [exporting, setExporting] = useState(false);
  const openExchange = useIntegration((s) => s.openExchange);
  const [openProblem, setOpenProblem] = useState<string>();

  // without a list from the connections feature, ask main for the endpoints (a text field if that fails)
  useEffect(() => {
    if (provided.length > 0) return;
    let live = true;
    api
      .call('endpoints.list', {})
      .then((list) => {
        if (!live) return;
        setListed(list.endpoints.map((e) => ({ id: e.id, name: e.name })));
        setEndpointId((current) => current || list.defaultId || list.endpoints[0]?.id || '');
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, provided.length]);

  useEffect(() => {
    if (!endpointId && endpoints[0]) setEndpointId(endpoints[0].id);
  }, [endpointId, endpoints]);

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
    setRun(undefined, runId);
    try {
      const result = await api.call('collections.run', { collectionId: collection.id, itemId, endpointId, stopOnError, runId });
      setRun(result, undefined);
    } catch (e) {
      setRun(undefined, undefined);
      useCollections.getState().setError(e);
    }
  };

  const shownRun = running ?? (lastRun && lastRun.collectionId === collection.id ? lastRun.runId : undefined);
  const steps = running ? live : lastRun && lastRun.collectionId === collection.id ? lastRun.steps : [];

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
  return (
    <section className="card" aria-label="Run">
      <h2>Run {label}</h2>
      <div className="field-row">
        <label className="field field-grow">
          <span>Endpoint</span>
          {endpoints.length > 0 ? (
            <select value={endpointId} onChange={(e) => setEndpointId(e.target.value)}>
              {endpoints.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          ) : (
            <input type="text" value={endpointId} placeholder="endpoint id" onChange={(e) => setEndpointId(e.target.value)} />
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
        {lastRun && !running && lastRun.steps.length > 0 && (
          <button type="button" className="btn" onClick={() => setExporting(true)}>
            Export this run…
          </button>
        )}
      </div>
      {steps.length > 0 && (
        <ol className="run-steps" aria-label="Run results">
          {steps.map((step, i) => (
            <li key={`${step.requestId}-${i}`} className={step.ok ? 'is-ok' : 'is-failed'}>
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
              <span className="muted small">{duration(step.durationMs)}</span>
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
            </li>
          ))}
        </ol>
      )}
      {openProblem && (
        <p className="small run-error" role="alert">
          {openProblem}
        </p>
      )}
      {lastRun?.cancelled && <p className="muted small">The run was stopped.</p>}
      {exporting && lastRun && <ExportDialog source={{ kind: 'run', runId: lastRun.runId }} onClose={() => setExporting(false)} />}
    </section>
  );
}
