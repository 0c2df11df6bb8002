import type { HttpExchange } from '@shared/model/exchange';
import { formatBytes, formatDuration } from '../ui/format';

function statusTone(status: number): string {
  if (status >= 500) return 'error';
  if (status >= 400) return 'warn';
  if (status >= 300) return 'info';
  return 'ok';
}

/** The one line that answers "what came back": status, time, size, TLS. */
export function ResponseSummary({ exchange, onShowTiming }: { exchange: HttpExchange; onShowTiming?(): void }) {
  const { response, timings, tls } = exchange;
  return (
    <div className="ins-summary" role="group" aria-label="Response summary">
      {response ? (
        <span className={`ins-status ins-status-${statusTone(response.status)}`} aria-label={`Status ${response.status} ${response.statusText}`} data-testid="response-status">
          {response.status} {response.statusText}
        </span>
      ) : (
        <span className="ins-status ins-status-error" aria-label="No response">
          No response
        </span>
      )}
      <button type="button" className="ins-metric ins-metric-button" onClick={onShowTiming} aria-label={`Time ${formatDuration(timings.total)}, show the timing breakdown`}>
        <span className="ins-metric-label">Time</span> {formatDuration(timings.total)}
      </button>
      {response && (
        <span className="ins-metric" aria-label={`Size ${formatBytes(response.body.size)}`}>
          <span className="ins-metric-label">Size</span> {formatBytes(response.body.size)}
        </span>
      )}
      {tls && (
        <span className={`ins-metric ${tls.verificationDisabled ? 'ins-tls-off' : ''}`} title={tls.verificationDisabled ? 'Certificate verification is turned off for this endpoint' : undefined}>
          {tls.verificationDisabled ? '⚠ TLS not verified' : `🔒 ${tls.protocol ?? 'TLS'}`}
        </span>
      )}
      {response?.httpVersion && <span className="ins-metric ins-faint">HTTP/{response.httpVersion}</span>}
    </div>
  );
}
