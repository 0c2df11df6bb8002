import { useMemo, useState } from 'react';
import { formatCount } from '../ui/format';
import type { CheckReport } from '@shared/scim/checks/response/run';
import type { Severity } from '@shared/scim/checks/response/protocol';

const LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };
const PLURAL: Record<Severity, string> = { error: 'errors', warning: 'warnings', info: 'notes' };
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** A JSON Pointer as a person reads it: `/Resources/3/emails/0/value` → `Resources[3].emails[0].value`. */
export function readablePath(pointer: string): string {
  if (pointer.startsWith('header:')) return `${pointer.slice('header:'.length)} header`;
  if (pointer === '') return '(whole body)';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(segment) ? `[${segment}]` : out ? `.${segment}` : segment;
  }
  return out;
}

/** The "SCIM checks" tab: every finding with its severity, where in the body, and the RFC section. */
export function ChecksPanel({ report, schemasNote }: { report: CheckReport; schemasNote?: string }) {
  const [hidden, setHidden] = useState<Set<Severity>>(new Set());
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return report.findings.filter(
      (f) => !hidden.has(f.severity) && (!needle || f.message.toLowerCase().includes(needle) || f.path.toLowerCase().includes(needle) || f.code.toLowerCase().includes(needle) || f.rfc.toLowerCase().includes(needle) || (f.checkId?.toLowerCase() === needle)),
    );
  }, [report, hidden, query]);

  const toggle = (severity: Severity) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(severity)) next.delete(severity);
      else next.add(severity);
      return next;
    });

  return (
    <div className="ins-checks">
      <div className="ins-toolbar">
        <div role="group" aria-label="Show findings by severity" className="ins-segmented">
          {SEVERITIES.map((s) => (
            <button key={s} type="button" aria-pressed={!hidden.has(s)} onClick={() => toggle(s)} className={`ins-sev-toggle ins-sev-${s}`}>
              {formatCount(report.counts[s])} {PLURAL[s]}
            </button>
          ))}
        </div>
        <span className="ins-faint">Checked: {report.scope}</span>
        <span className="ins-spacer" />
        <input type="search" className="ins-input ins-input-small" placeholder="Filter findings" aria-label="Filter findings" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {schemasNote && (
        <p className="ins-callout ins-callout-info" role="note">
          {schemasNote}
        </p>
      )}
      {report.total === 0 ? (
        <p className="ins-empty ins-ok-text">No findings: the response follows RFC 7643 and RFC 7644 as far as these checks go.</p>
      ) : (
        <>
          <table className="ins-findings" aria-label="SCIM findings">
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Where</th>
                <th scope="col">Finding</th>
                <th scope="col">RFC</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((f, i) => (
                <tr key={`${f.code}-${f.path}-${i}`} className={`ins-finding-${f.severity}`}>
                  <td>
                    <span className={`ins-sev ins-sev-${f.severity}`}>{LABEL[f.severity]}</span>
                  </td>
                  <td>
                    <code title={f.path || '(whole body)'}>{readablePath(f.path)}</code>
                  </td>
                  <td>
                    {f.message} <span className="ins-faint ins-code">{f.checkId ? <span title="Conformance check id (the Conformance view and reports use the same id)">{f.checkId} · </span> : null}{f.code}</span>
                  </td>
                  <td className="ins-nowrap">{f.rfc}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p className="ins-faint ins-pad">No finding matches the filter.</p>}
          {report.total > report.findings.length && (
            <p className="ins-faint ins-pad">
              Showing the first {formatCount(report.findings.length)} of {formatCount(report.total)} findings, most severe first.
            </p>
          )}
        </>
      )}
    </div>
  );
}
