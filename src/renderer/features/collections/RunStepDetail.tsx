import { useEffect, useState } from 'react';
import { describeAssertion } from '@shared/model/assertion';
import type { RunStep } from '@shared/model/collection';
import type { HeaderList, HttpExchange } from '@shared/model/exchange';
import { useApi } from '../../app/api-context';
import { duration } from '../history/format';

/** Characters of a body shown here; the inspector shows the whole of it. */
const SHOWN = 4000;

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function Body({ text, truncated, label }: { text: string | undefined; truncated: boolean; label: string }) {
  if (!text) return <p className="muted small">No body.</p>;
  const shown = pretty(text);
  return (
    <>
      <pre className="run-body" aria-label={label}>
        {shown.length > SHOWN ? `${shown.slice(0, SHOWN)}…` : shown}
      </pre>
      {(truncated || shown.length > SHOWN) && <p className="muted small">Cut short here: open the step in the inspector for all of it.</p>}
    </>
  );
}

function Headers({ headers, label }: { headers: HeaderList; label: string }) {
  if (headers.length === 0) return null;
  return (
    <pre className="run-headers" aria-label={label}>
      {headers.map(([n, v]) => `${n}: ${v}`).join('\n')}
    </pre>
  );
}

/** What a run's step sent and got back, its assertions with expected and actual, and the SCIM checks on the answer. */
export function RunStepDetail({ step, runId }: { step: RunStep; runId: string | undefined }) {
  const api = useApi();
  const [exchange, setExchange] = useState<HttpExchange>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (!step.exchangeId) return;
    let live = true;
    api.call('history.exchange', { exchangeId: step.exchangeId, ...(runId ? { runId } : {}) }).then(
      (found) => live && setExchange(found.exchange),
      (e: unknown) => live && setProblem(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [api, step.exchangeId, runId]);

  const checks = step.checks;
  return (
    <div className="run-step-detail" role="group" aria-label={`Details of ${step.name}`}>
      <table className="assertion-results" aria-label={`Assertions of ${step.name}`}>
        <thead>
          <tr>
            <th scope="col">Assertion</th>
            <th scope="col">Expected</th>
            <th scope="col">Actual</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {step.assertions.map((a, i) => (
            <tr key={i} className={a.passed ? 'is-ok' : 'is-failed'}>
              <td>
                <code>{describeAssertion(a)}</code>
                {a.implicit && <span className="muted small"> (default: the request has no assertion)</span>}
              </td>
              <td>
                <code>{a.op === 'exists' || a.op === 'absent' ? '—' : a.value}</code>
              </td>
              <td>
                <code>{a.actual}</code>
                {a.message && <div className="small run-error">{a.message}</div>}
              </td>
              <td>{a.passed ? 'passed' : 'failed'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {checks && (
        <section className="run-checks" aria-label={`SCIM checks of ${step.name}`}>
          <h4>
            SCIM checks: {checks.counts.error} error{checks.counts.error === 1 ? '' : 's'}, {checks.counts.warning} warning{checks.counts.warning === 1 ? '' : 's'}, {checks.counts.info} info
          </h4>
          <p className="muted small">Checked: {checks.scope}</p>
          {checks.findings.length > 0 && (
            <ul>
              {checks.findings.map((f, i) => (
                <li key={i} className={`finding-${f.severity}`}>
                  <strong>{f.severity}</strong> <code>{f.code}</code>
                  {f.path && (
                    <>
                      {' '}
                      at <code>{f.path}</code>
                    </>
                  )}
                  : {f.message} <span className="muted">({f.rfc})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {problem && <p className="small run-error">{problem}</p>}
      {exchange && (
        <div className="run-exchange">
          <section aria-label={`Request of ${step.name}`}>
            <h4>
              Request: {exchange.request.method} <code>{exchange.request.url}</code>
            </h4>
            <Headers headers={exchange.request.headers} label="Request headers" />
            <Body text={exchange.request.body?.preview} truncated={exchange.request.body?.truncated ?? false} label="Request body" />
          </section>
          <section aria-label={`Response of ${step.name}`}>
            <h4>
              Response: {exchange.response ? `${exchange.response.status} ${exchange.response.statusText}` : `no answer (${exchange.error?.message ?? 'failed'})`} · {duration(exchange.timings.total)}
            </h4>
            {exchange.response && (
              <>
                <Headers headers={exchange.response.headers} label="Response headers" />
                <Body text={exchange.response.body.preview} truncated={exchange.response.body.truncated} label="Response body" />
              </>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
