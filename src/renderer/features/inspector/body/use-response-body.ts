import { useCallback, useEffect, useRef, useState } from 'react';
import type { HttpExchange } from '@shared/model/exchange';
import { useApi } from '../../../app/api-context';
import { bodyService, type BodyService } from '../worker/body-service';
import { loadBody, type OpenBody } from './load-body';

/** Bodies bigger than this wait for the person to ask before they are read and laid out. */
export const LARGE_BODY_BYTES = 2 * 1024 * 1024;

export type BodyState =
  | { status: 'none' }
  | { status: 'confirm'; size: number }
  | { status: 'loading'; received: number; total: number }
  | { status: 'ready'; body: OpenBody; service: BodyService }
  | { status: 'failed'; message: string };

export interface ResponseBody {
  state: BodyState;
  /** reads the body (after the person confirmed a large one, or to try again) */
  load(): void;
  /** stops reading; the body can be loaded again */
  cancel(): void;
}

function initialState(exchange: HttpExchange): BodyState {
  const body = exchange.response?.body;
  if (!body) return { status: 'none' };
  if (body.size > LARGE_BODY_BYTES) return { status: 'confirm', size: body.size };
  return { status: 'loading', received: 0, total: body.size };
}

/** The response body of an exchange, read and parsed off the main thread, closed again when the exchange goes. */
export function useResponseBody(exchange: HttpExchange): ResponseBody {
  const client = useApi();
  const [state, setState] = useState<BodyState>(() => initialState(exchange));
  const current = useRef<{ abort: AbortController; doc?: string; service?: BodyService } | undefined>(undefined);

  const close = useCallback(() => {
    const running = current.current;
    current.current = undefined;
    if (!running) return;
    running.abort.abort();
    if (running.doc && running.service) void running.service.request({ op: 'close', doc: running.doc }).catch(() => undefined);
  }, []);

  const load = useCallback(() => {
    const body = exchange.response?.body;
    if (!body) return;
    close();
    const abort = new AbortController();
    const running: { abort: AbortController; doc?: string; service?: BodyService } = { abort };
    current.current = running;
    setState({ status: 'loading', received: 0, total: body.size });
    let lastShown = 0;
    void (async () => {
      try {
        const service = await bodyService();
        running.service = service;
        const opened = await loadBody(client, service, body, {
          signal: abort.signal,
          onProgress: (received, total) => {
            // a few updates a second are plenty for a progress bar
            const now = performance.now();
            if (now - lastShown < 100 && received < total) return;
            lastShown = now;
            if (!abort.signal.aborted) setState({ status: 'loading', received, total });
          },
        });
        running.doc = opened.doc;
        if (abort.signal.aborted) {
          void service.request({ op: 'close', doc: opened.doc });
          return;
        }
        setState({ status: 'ready', body: opened, service });
      } catch (error) {
        if (abort.signal.aborted) return;
        setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    })();
  }, [client, close, exchange]);

  const cancel = useCallback(() => {
    close();
    const body = exchange.response?.body;
    setState(body ? { status: 'confirm', size: body.size } : { status: 'none' });
  }, [close, exchange]);

  useEffect(() => {
    const initial = initialState(exchange);
    if (initial.status === 'loading') load();
    else setState(initial);
    return close;
  }, [exchange, load, close]);

  return { state, load, cancel };
}
