import type { HttpExchange } from '@shared/model/exchange';
import type { HistoryGroup } from '@shared/model/history';

/**
 * What the request engine hands on after every send (history records it).
 * `exchange` has its secret headers redacted already; the raw bodies are not scrubbed:
 * whoever stores them must run them through the redactor first.
 */
export interface CompletedExchange {
  exchange: HttpExchange;
  requestBody: Uint8Array | undefined;
  responseBody: Uint8Array | undefined;
  /** the run the request was sent in (history shows a run as one row) */
  group?: HistoryGroup;
  /**
   * credentials the engine met in this exchange that the vault does not hold (a token typed into an
   * Authorization header, an `access_token` in the URL): whoever stores the bodies replaces them too
   */
  secrets?: readonly string[];
}

export interface ExchangeSink {
  record(completed: CompletedExchange): void;
}
