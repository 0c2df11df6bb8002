import type { HttpExchange } from '@shared/model/exchange';

/**
 * What the request engine hands on after every send (history records it).
 * `exchange` has its secret headers redacted already; the raw bodies are not scrubbed:
 * whoever stores them must run them through the redactor first.
 */
export interface CompletedExchange {
  exchange: HttpExchange;
  requestBody: Uint8Array | undefined;
  responseBody: Uint8Array | undefined;
}

export interface ExchangeSink {
  record(completed: CompletedExchange): void;
}
