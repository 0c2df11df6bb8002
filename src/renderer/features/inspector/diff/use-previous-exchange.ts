import { useEffect, useState } from 'react';
import type { HttpExchange } from '@shared/model/exchange';
import { HttpMethod } from '@shared/model/exchange';
import type { HistorySummary } from '@shared/model/history';
import { useApi } from '../../../app/api-context';

export type PreviousState =
  | { status: 'searching' }
  | { status: 'none' }
  | { status: 'failed'; message: string }
  | { status: 'found'; exchange: HttpExchange; summary: HistorySummary };

/**
 * The response the same request (same method and URL, same endpoint) got the time before, from history:
 * what "compare with the previous response" compares against.
 */
export function usePreviousExchange(exchange: HttpExchange, enabled: boolean): PreviousState {
  const api = useApi();
  const [state, setState] = useState<PreviousState>({ status: 'searching' });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setState({ status: 'searching' });
    const method = HttpMethod.safeParse(exchange.request.method.toUpperCase());
    void (async () => {
      try {
        // the URL as search text finds the entries with it; the exact match is checked here
        let cursor: number | undefined;
        let found: HistorySummary | undefined;
        let own: number | undefined;
        for (let pages = 0; pages < 5 && !found; pages++) {
          const page = await api.call('history.list', {
            text: exchange.request.url,
            ...(method.success ? { methods: [method.data] } : {}),
            ...(exchange.endpointId ? { endpointId: exchange.endpointId } : {}),
            limit: 50,
            ...(cursor !== undefined ? { cursor } : {}),
          });
          for (const entry of page.entries) {
            if (entry.exchangeId === exchange.id) own = entry.id;
            else if (entry.url === exchange.request.url && (own === undefined || entry.id < own) && entry.startedAt <= exchange.startedAt) {
              found = entry;
              break;
            }
          }
          cursor = page.nextCursor;
          if (cursor === undefined) break;
        }
        if (!live) return;
        if (!found) return setState({ status: 'none' });
        const detail = await api.call('history.get', { id: found.id });
        if (live) setState({ status: 'found', exchange: detail.exchange, summary: detail.summary });
      } catch (error) {
        if (live) setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      live = false;
    };
  }, [api, exchange, enabled]);
  return state;
}
