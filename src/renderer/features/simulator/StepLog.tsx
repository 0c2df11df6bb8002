import type { ObjectLog, StepRecord } from '@shared/idp';
import { MethodBadge } from '../history/MethodBadge';
import { pathOf } from '../history/format';

const PHASES: Record<StepRecord['phase'], string> = { import: 'Import', scope: 'Scope', match: 'Match', action: 'Action', export: 'Export' };
const STATUS: Record<StepRecord['status'], string> = { pass: 'Success', fail: 'Failure', warn: 'Warning', skip: 'Skipped', info: 'Info' };

function Body({ label, text }: { label: string; text: string | undefined }) {
  if (!text) return null;
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: as it came
  }
  return (
    <details className="sim-body">
      <summary>{label}</summary>
      <pre className="mono">{shown}</pre>
    </details>
  );
}

function HttpStep({ step }: { step: StepRecord }) {
  const { request, response, verdict } = step;
  return (
    <>
      {request && (
        <div className="sim-http">
          <MethodBadge method={request.method} />
          <code className="sim-url">{pathOf(request.url)}</code>
          <span className={`status-pill tone-${response?.status === undefined ? 'failed' : response.status >= 500 ? 'server' : response.status >= 400 ? 'client' : 'ok'}`}>{response?.status ?? response?.error ?? 'no answer'}</span>
          {response && <span className="muted small">{response.durationMs} ms</span>}
          <span className={`sim-chip sim-prov-${request.source.provenance}`} title={request.source.cite}>
            {request.source.provenance}
          </span>
          {request.checks.map((id) => (
            <span key={id} className="sim-chip sim-check-id" title="Catalogue check">
              {id}
            </span>
          ))}
        </div>
      )}
      {request && <p className="muted small sim-cite">Shape: {request.source.cite}</p>}
      <Body label="Request body" text={request?.body} />
      <Body label={`Answer${response?.truncated ? ' (cut short; the whole answer is in History)' : ''}`} text={response?.body} />
      {verdict && (
        <div className="sim-verdict">
          <p>
            <strong>Log:</strong> {verdict.log}
          </p>
          <p>
            <strong>Next:</strong> {verdict.next}
          </p>
          {verdict.why && (
            <p>
              <strong>Why:</strong> {verdict.why}
            </p>
          )}
          {verdict.fix && (
            <p className="sim-fix">
              <strong>What the server should change:</strong> {verdict.fix}
            </p>
          )}
          {verdict.departures.length > 0 && (
            <ul className="small">
              {verdict.departures.map((d) => (
                <li key={`${d.code}-${d.what}`}>
                  <code>{d.code}</code> {d.what}
                </li>
              ))}
            </ul>
          )}
          {verdict.notes.map((n) => (
            <p key={n} className="small sim-note">
              {n}
            </p>
          ))}
        </div>
      )}
    </>
  );
}

/** One object's log, phase by phase as the IdP's provisioning log shows it. */
export function StepLog({ log }: { log: ObjectLog }) {
  return (
    <ol className="sim-steps" aria-label={`Steps of ${log.label}`}>
      {log.steps.map((step, i) => (
        <li key={i} className={`sim-step sim-step-${step.status}`}>
          <div className="sim-step-head">
            <span className="sim-phase">{PHASES[step.phase]}</span>
            <span className="sim-step-title">{step.title}</span>
            <span className={`sim-status sim-status-${step.status}`}>{STATUS[step.status]}</span>
          </div>
          {step.detail && <p className="small">{step.detail}</p>}
          {step.rows && step.rows.length > 0 && (
            <table className="sim-rows small">
              <tbody>
                {step.rows.map((row) => (
                  <tr key={row.name}>
                    <th scope="row" className="mono">
                      {row.name}
                    </th>
                    <td>
                      {row.old !== undefined && (
                        <>
                          <del>{row.old}</del> →{' '}
                        </>
                      )}
                      {row.value}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {step.request && <HttpStep step={step} />}
        </li>
      ))}
    </ol>
  );
}
