import type { HttpExchange } from '@shared/model/exchange';
import type { RequestSpec } from '@shared/model/request-spec';

/**
 * Sends one request the way the workbench does (the request engine); collections use it to run
 * saved requests. It resolves with the exchange even for 4xx/5xx answers; a send that fails
 * before an answer either rejects with an `AppFailure` or resolves with `exchange.error` set.
 */
export interface RequestRunner {
  send(spec: RequestSpec, signal?: AbortSignal): Promise<HttpExchange>;
}
