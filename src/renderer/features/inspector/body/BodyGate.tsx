import type { BodyInfo } from '@shared/model/exchange';
import { formatBytes } from '../ui/format';
import type { ResponseBody } from './use-response-body';

/**
 * What stands in for a view that needs the whole body before it is read: the question for a large body,
 * the progress while it is read (with Cancel), or what went wrong (with Try again).
 */
export function BodyGate({ info, body, what }: { info: BodyInfo; body: ResponseBody; what: string }) {
  const { state } = body;
  if (state.status === 'none') return <p className="ins-empty">No response body.</p>;
  if (state.status === 'confirm') {
    return (
      <div className="ins-gate">
        <p>
          This body is <strong>{formatBytes(state.size)}</strong>
          {info.cappedAt !== undefined ? `, cut at the ${formatBytes(info.cappedAt)} size cap` : ''}. Reading and laying it out takes a moment; the app stays usable meanwhile.
        </p>
        {info.savedTo && (
          <p className="ins-faint">
            What arrived was saved to <code className="ins-wrap">{info.savedTo}</code>.
          </p>
        )}
        <button type="button" className="btn btn-primary" onClick={body.load}>
          Show {what} ({formatBytes(state.size)})
        </button>
      </div>
    );
  }
  if (state.status === 'loading') {
    const percent = state.total > 0 ? Math.min(100, Math.round((state.received / state.total) * 100)) : 0;
    return (
      <div className="ins-gate" aria-busy="true">
        <p>
          Reading the body… {formatBytes(state.received)} of {formatBytes(state.total)}
        </p>
        <div className="ins-progress" role="progressbar" aria-label="Reading the body" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
          <span style={{ width: `${percent}%` }} />
        </div>
        <button type="button" className="btn" onClick={body.cancel}>
          Cancel
        </button>
      </div>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="ins-gate" role="alert">
        <p>The body could not be read: {state.message}</p>
        <button type="button" className="btn" onClick={body.load}>
          Try again
        </button>
      </div>
    );
  }
  return null;
}
