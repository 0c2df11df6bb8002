import { formatCount } from '../ui/format';
import type { FetchAllReport } from './fetch-all';

interface FetchAllStatusProps {
  report: FetchAllReport;
  onCancel(): void;
  onDiscard(): void;
}

function orderingVerdict(report: FetchAllReport): { tone: 'ok' | 'warn' | 'error'; text: string } {
  const dup = report.duplicates.length + report.moreDuplicates;
  const missing = report.missing ?? 0;
  if (report.state !== 'complete') {
    return dup > 0
      ? { tone: 'error', text: `${formatCount(dup)} duplicate${dup === 1 ? '' : 's'} so far: the order is not stable across pages.` }
      : { tone: 'ok', text: 'No duplicates so far.' };
  }
  if (dup === 0 && missing === 0) return { tone: 'ok', text: 'Stable ordering: no duplicates, none missing.' };
  const parts = [];
  if (dup > 0) parts.push(`${formatCount(dup)} served twice`);
  if (missing > 0) parts.push(`${formatCount(missing)} never served`);
  return { tone: 'error', text: `Unstable paging: ${parts.join(', ')}.` };
}

/** Progress of "Fetch all pages" while it runs, then what it found about the server's paging. */
export function FetchAllStatus({ report, onCancel, onDiscard }: FetchAllStatusProps) {
  const fetched = report.fetched;
  const total = report.totalResults;
  const percent = total ? Math.min(100, Math.round((fetched / total) * 100)) : undefined;
  const verdict = orderingVerdict(report);
  const running = report.state === 'running';
  const heading =
    report.state === 'running'
      ? `Fetching all pages… page ${report.pages.length + 1}`
      : report.state === 'complete'
        ? `Fetched all ${formatCount(fetched)} resources in ${formatCount(report.pages.length)} page${report.pages.length === 1 ? '' : 's'}`
        : report.state === 'cancelled'
          ? `Cancelled after ${formatCount(report.pages.length)} page${report.pages.length === 1 ? '' : 's'} (${formatCount(fetched)} resources)`
          : `Stopped after ${formatCount(report.pages.length)} page${report.pages.length === 1 ? '' : 's'}: ${report.error ?? 'failed'}`;
  return (
    <section className={`ins-fetchall ins-fetchall-${report.state}`} aria-label="Fetch all pages">
      <div className="ins-fetchall-head">
        <strong role="status">{heading}</strong>
        <span className="ins-spacer" />
        {running ? (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel fetching
          </button>
        ) : (
          <button type="button" className="btn btn-quiet" onClick={onDiscard}>
            Back to this page
          </button>
        )}
      </div>
      <div
        className="ins-progress"
        role="progressbar"
        aria-label="Pages fetched"
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={total ? fetched : undefined}
        aria-valuetext={`${formatCount(fetched)}${total !== undefined ? ` of ${formatCount(total)}` : ''} resources`}
      >
        <span style={{ width: percent !== undefined ? `${percent}%` : running ? '30%' : '100%' }} className={percent === undefined && running ? 'ins-progress-indeterminate' : undefined} />
      </div>
      <p className="ins-fetchall-facts">
        {formatCount(fetched)}
        {total !== undefined ? ` of ${formatCount(total)}` : ''} resources · {formatCount(report.uniqueIds)} distinct ids · {report.mode === 'cursor' ? 'cursor paging' : 'index paging'}
      </p>
      <p className={`ins-verdict ins-verdict-${verdict.tone}`} data-testid="fetch-all-verdict">
        {verdict.text}
      </p>
      {(report.duplicates.length > 0 || report.problems.length > 0 || report.withoutId > 0) && (
        <details className="ins-fetchall-details" open={!running}>
          <summary>Details</summary>
          <ul className="ins-plain-list">
            {report.withoutId > 0 && <li>{formatCount(report.withoutId)} resources have no id, so they cannot be checked for duplicates.</li>}
            {report.problems.map((p, i) => (
              <li key={`p${i}`}>{p}</li>
            ))}
            {report.duplicates.slice(0, 50).map((d) => (
              <li key={`${d.id}-${d.again}`}>
                <code>{d.id}</code> at position {formatCount(d.first + 1)} and again at {formatCount(d.again + 1)}
              </li>
            ))}
            {report.duplicates.length + report.moreDuplicates > 50 && <li>…and {formatCount(report.duplicates.length + report.moreDuplicates - 50)} more duplicates.</li>}
          </ul>
        </details>
      )}
    </section>
  );
}
