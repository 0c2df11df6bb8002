import { z } from 'zod';
import { command } from '../command';
import { HttpExchange } from '../../model/exchange';
import { HistoryGroup } from '../../model/history';
import { RequestSpec } from '../../model/request-spec';

export const httpCommands = {
  /**
   * Sends a request to an endpoint (its auth, TLS, proxy, timeouts and variables apply).
   * Transport failures come back inside the exchange (`exchange.error`), with the timings so far;
   * a problem found before anything was sent (unknown endpoint, unresolved `{{variable}}`, missing
   * secret) is an error answer instead. `group` marks requests sent as one run (the pages of
   * "Fetch all pages"): history shows them as one row.
   */
  'http.send': command(z.object({ requestId: z.string().min(1), spec: RequestSpec, group: HistoryGroup.optional() }), HttpExchange),
  /** cancels an `http.send` in flight; `cancelled: false` when it had already finished */
  'http.cancel': command(z.object({ requestId: z.string().min(1) }), z.object({ cancelled: z.boolean() })),
};
