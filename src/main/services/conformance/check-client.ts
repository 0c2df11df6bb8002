import { AppFailure, type AppError } from '@shared/api/errors';
import type { HeaderList } from '@shared/model/exchange';
import type { HistoryGroup } from '@shared/model/history';
import type { RequestSpec } from '@shared/model/request-spec';
import type { CheckClient, ObservedExchange, ScimRequest, ScimResponse } from '@shared/scim/checks/types';
import type { SendOptions, SendResult } from '../http/engine';

/** The part of the request engine the runner uses. */
export interface ConformanceEngine {
  execute(spec: RequestSpec, options?: SendOptions): Promise<SendResult>;
  cancel(requestId: string): boolean;
}

export interface ClientDeps {
  engine: ConformanceEngine;
  endpointId: string;
  runId: string;
  /** every answer of the run, for the observation checks */
  observed: ObservedExchange[];
  /** bounds the requests in flight against the endpoint */
  limit: <T>(task: () => Promise<T>) => Promise<T>;
  signal: AbortSignal;
  /** the run's requests in flight (their request ids), which a cancel cancels: one abort listener for the run, not one per request */
  inFlight: Set<string>;
  /** the endpoint whose credential requests with `auth: 'limited'` carry */
  limitedEndpointId?: string;
  /** a number unique within the run, for request ids */
  nextRequestNumber: () => number;
  /** history shows the run's exchanges as one row */
  group?: HistoryGroup;
}

function parseJson(text: string): { json: unknown; jsonError?: string } {
  if (text.trim() === '') return { json: undefined };
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    return { json: undefined, jsonError: error instanceof Error ? error.message : String(error) };
  }
}

function abortError(): Error {
  const error = new Error('The run was cancelled');
  error.name = 'AbortError';
  return error;
}

/**
 * A check's way to the server: each request goes through the request engine (auth, TLS, proxy,
 * history, redaction), bounded by the run's limit; the exchange ids are kept for the check's result.
 */
export class RecordingClient implements CheckClient {
  readonly exchangeIds: string[] = [];

  constructor(
    private readonly deps: ClientDeps,
    private readonly checkId: string,
  ) {}

  cite(...responses: ScimResponse[]): void {
    for (const response of responses) if (!this.exchangeIds.includes(response.exchangeId)) this.exchangeIds.push(response.exchangeId);
  }

  async send(request: ScimRequest): Promise<ScimResponse> {
    const { deps } = this;
    if (deps.signal.aborted) throw abortError();
    const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
    const headers = Object.entries(request.headers ?? {}).map(([name, value]) => ({ name, value, enabled: true }));
    const requestId = `conformance-${deps.runId}-${deps.nextRequestNumber()}`;
    if (request.auth === 'limited' && deps.limitedEndpointId === undefined) throw new Error(`Check ${this.checkId} asked for the limited credential, but the run has none`);
    const endpointId = request.auth === 'limited' ? deps.limitedEndpointId! : deps.endpointId;
    const spec: RequestSpec = { endpointId, method: request.method, path: request.path, headers, ...(body !== undefined ? { body } : {}), variables: {} };
    const auth = request.auth === undefined || request.auth === 'endpoint' || request.auth === 'limited' ? undefined : request.auth;
    const started = performance.now();
    let result: SendResult | undefined;
    let failure: AppError | undefined;
    await deps.limit(async () => {
      if (deps.signal.aborted) return;
      deps.inFlight.add(requestId);
      try {
        result = await deps.engine.execute(spec, { requestId, ...(auth !== undefined ? { auth } : {}), ...(deps.group ? { group: deps.group } : {}) });
      } catch (thrown) {
        if (thrown instanceof AppFailure) failure = thrown.error;
        else throw thrown;
      } finally {
        deps.inFlight.delete(requestId);
      }
    });
    if (deps.signal.aborted) throw abortError();
    const exchange = result?.exchange;
    const text = result?.responseBody?.toString('utf8') ?? '';
    const requestHeaders: HeaderList = exchange?.request.headers ?? headers.map((h) => [h.name, h.value]);
    const response: ScimResponse = {
      exchangeId: exchange?.id ?? requestId,
      method: request.method,
      path: request.path,
      status: exchange?.response?.status ?? 0,
      headers: exchange?.response?.headers ?? [],
      text,
      ...parseJson(text),
      ...((exchange?.error ?? failure) ? { error: (exchange?.error ?? failure)! } : {}),
      durationMs: exchange?.timings.total ?? performance.now() - started,
      ...(exchange?.tls ? { tls: { ...(exchange.tls.protocol ? { protocol: exchange.tls.protocol } : {}), verificationDisabled: exchange.tls.verificationDisabled } } : {}),
      redirects: exchange?.redirects ?? [],
      request: { headers: requestHeaders, ...(body !== undefined ? { body } : {}) },
    };
    if (exchange) this.exchangeIds.push(exchange.id);
    deps.observed.push({ response, checkId: this.checkId, request });
    return response;
  }
}
