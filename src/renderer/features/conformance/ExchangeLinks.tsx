import { useEffect, useState } from 'react';
import type { HistoryDetail } from '@shared/model/history';
import { useApi } from '../../app/api-context';
import { asAppError } from '../../stores/app-error';
import { useIntegration } from '../../stores/integration';
import { duration, pathOf, statusTone } from '../history/format';
import { MethodBadge } from '../history/MethodBadge';

type Loaded = { id: string; detail?: HistoryDetail; error?: string };

/** The exchanges a check cites, each one click from the response inspector. */
export function ExchangeLinks({ ids }: { ids: string[] }) {
  const api = useApi();
  const openExchange = useIntegration((s) => s.openExchange);
  const [loaded, setLoaded] = useState<Loaded[]>();

  useEffect(() => {
    let live = true;
    void Promise.all(
      ids.map((id) =>
        api
          .call('conformance.exchange', { exchangeId: id })
          .then((detail): Loaded => ({ id, detail }))
          .catch((e: unknown): Loaded => ({ id, error: asAppError(e).message })),
      ),
    ).then((all) => live && setLoaded(all));
    return () => {
      live = false;
    };
  }, [api, ids]);

  if (ids.length === 0) return null;
  if (!loaded) return <p className="muted small">Loading the exchanges…</p>;
  return (
    <ul className="cf-exchanges" aria-label="Exchanges">
      {loaded.map(({ id, detail, error }) =>
        detail ? (
          <li key={id}>
            <MethodBadge method={detail.exchange.request.method} />
            <span className="cf-exchange-path" title={detail.exchange.request.url}>
              {pathOf(detail.exchange.request.url)}
            </span>
            <span className={`status-pill tone-${statusTone(detail.exchange.response?.status, detail.exchange.error?.kind)}`}>{detail.exchange.response?.status ?? detail.exchange.error?.kind ?? 'failed'}</span>
            <span className="muted small">{duration(detail.exchange.timings.total)}</span>
            {openExchange && (
              <button type="button" className="btn btn-small" onClick={() => openExchange(detail.exchange, detail.summary)}>
                Open in inspector
              </button>
            )}
          </li>
        ) : (
          <li key={id} className="muted small">
            {error}
          </li>
        ),
      )}
    </ul>
  );
}
