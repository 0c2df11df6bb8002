import type { ConnectionTest, FindingLevel } from '@shared/api/commands/endpoints';

const LEVEL_LABEL: Record<FindingLevel, string> = { ok: 'OK', info: 'Info', warning: 'Warning', error: 'Problem' };

/** The findings of "Test connection", in plain words, worst first. */
export function ConnectionTestResult({ result }: { result: ConnectionTest }) {
  const order: FindingLevel[] = ['error', 'warning', 'ok', 'info'];
  const findings = [...result.findings].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
  return (
    <section className={`test-result ${result.ok ? 'test-ok' : 'test-failed'}`} aria-label="Connection test result">
      <h3>{result.ok ? 'Connected' : 'Connection test failed'}</h3>
      <p className="muted small">
        GET <code>{result.url}</code>
        {result.exchange?.response ? ` → ${result.exchange.response.status} ${result.exchange.response.statusText}` : ''}
      </p>
      <ul className="findings">
        {findings.map((f, i) => (
          <li key={i} className={`finding finding-${f.level}`}>
            <span className="finding-level">{LEVEL_LABEL[f.level]}</span>
            <span className="finding-area">{f.area}</span>
            <span className="finding-message">{f.message}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
