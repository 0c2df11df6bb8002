import type { HttpExchange } from '@shared/model/exchange';
import { ResponseDiff } from './ResponseDiff';
import { usePreviousExchange } from './use-previous-exchange';

function clock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** This response against the one the same request got before (from history). */
export function ComparePanel({ exchange }: { exchange: HttpExchange }) {
  const previous = usePreviousExchange(exchange, true);
  if (previous.status === 'searching') return <p className="ins-faint ins-pad">Looking in history for the previous response to this request…</p>;
  if (previous.status === 'failed')
    return (
      <p className="ins-callout ins-callout-error" role="alert">
        History could not be searched: {previous.message}
      </p>
    );
  if (previous.status === 'none')
    return (
      <p className="ins-empty">
        History has no earlier response to {exchange.request.method} {exchange.request.url}. Send the request again to compare the two answers; or compare any two entries in History
        (select two, then Compare).
      </p>
    );
  return <ResponseDiff before={{ label: `previous (${clock(previous.exchange.startedAt)})`, exchange: previous.exchange }} after={{ label: `this (${clock(exchange.startedAt)})`, exchange }} />;
}
