import { lazy, Suspense, useEffect, useState } from 'react';
import type { HistoryDetail } from '@shared/model/history';
import { useApi } from '../../app/api-context';
import { useHistory } from '../../stores/history';
import { asAppError } from '../../stores/app-error';
import { clock, pathOf } from './format';

// Monaco's diff editor comes with it: loaded when two entries are first compared
const ResponseDiff = lazy(async () => ({ default: (await import('../inspector/diff/ResponseDiff')).ResponseDiff }));

type Pair = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; before: HistoryDetail; after: HistoryDetail };

const sideLabel = (d: HistoryDetail) => `${d.summary.method} ${pathOf(d.summary.url)} at ${clock(d.summary.startedAt)}`;

/** The main pane when two history entries are compared: the older on the left, the newer on the right. */
export function HistoryCompare({ ids }: { ids: [number, number] }) {
  const api = useApi();
  const [pair, setPair] = useState<Pair>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setPair({ status: 'loading' });
    Promise.all(ids.map((id) => api.call('history.get', { id }))).then(
      ([before, after]) => live && setPair({ status: 'ready', before: before!, after: after! }),
      (error: unknown) => live && setPair({ status: 'failed', message: asAppError(error).message }),
    );
    return () => {
      live = false;
    };
  }, [api, ids]);
  return (
    <div className="page history-compare" aria-label="Compare two responses" role="region">
      <header className="entry-header">
        <h1>Compare two responses</h1>
        <button type="button" className="btn btn-quiet" onClick={() => useHistory.setState({ comparing: undefined })}>
          Close
        </button>
      </header>
      {pair.status === 'loading' && <p className="muted">Loading both entries…</p>}
      {pair.status === 'failed' && (
        <div className="callout callout-error" role="alert">
          {pair.message}
        </div>
      )}
      {pair.status === 'ready' && (
        <Suspense fallback={<p className="muted">Loading the diff editor…</p>}>
          <ResponseDiff before={{ label: sideLabel(pair.before), exchange: pair.before.exchange }} after={{ label: sideLabel(pair.after), exchange: pair.after.exchange }} />
        </Suspense>
      )}
    </div>
  );
}
