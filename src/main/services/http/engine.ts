import { randomUUID } from 'node:crypto';
import { request, type Agent, type Dispatcher } from 'undici';
import { fail, type AppError } from '@shared/api/errors';
import type { Endpoint } from '@shared/model/endpoint';
import type { HeaderList, HttpExchange } from '@shared/model/exchange';
import type { HistoryGroup } from '@shared/model/history';
import type { RequestSpec } from '@shared/model/request-spec';
import type { Settings } from '@shared/model/settings';
import { isoStamp } from '@shared/util/iso-stamp';

type HttpSettings = Settings['http'];
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import type { BlobStore } from '../blobs/blob-store';
import type { ExchangeSink } from '../exchange-sink';
import type { Logger } from '../log/logger';
import { authHeader, credentialHeaders, type AuthHeader, type SecretSource } from './auth';
import { readBody, type ReadBody } from './body';
import { capturingDispatcher, RequestCapture } from './capture';
import { describeExchange, headerOf, type ReceivedResponse } from './describe-exchange';
import { SentHeads } from './sent-heads';
import { ConnectFailure, type ConnectionInfo } from './connector';
import { OAuthTokens } from './oauth';
import { prepareRequest } from './prepare';
import { Progress, type ProgressSink } from './progress';
import { Deadlines } from './deadlines';
import { Cancelled, PhaseTimeout, transportError } from './transport-errors';
import { TransportCache } from './transports';
import { VariableResolver } from './variables';
import { WireCredentials } from './wire-credentials';
import { requestCredentials, shownUrl } from './exchange-credentials';

export interface EndpointSource extends SecretSource {
  endpoint(id: string): Endpoint;
}

export interface HttpEngineOptions {
  endpoints: EndpointSource;
  settings: () => HttpSettings;
  blobs: BlobStore;
  scrubber: SecretScrubber;
  log: Logger;
  /** `<dataDir>/bodies`: where bodies over the cap are saved */
  bodiesDir: string;
  progress?: ProgressSink;
  /** history: told about every exchange */
  sink?: ExchangeSink;
  /** proxy variables are read from here (default: process.env) */
  env?: NodeJS.ProcessEnv;
  userAgent?: string;
}

export interface SendOptions {
  /** the caller's id, for `cancel` and progress events */
  requestId?: string;
  /** hand the exchange to the sink (default true) */
  record?: boolean;
  /**
   * main's own callers only (never from the renderer): `none` sends without the endpoint's
   * credentials, a header sends that one instead (the conformance runner's auth checks)
   */
  auth?: 'none' | AuthHeader;
  /** the run the request belongs to, handed to the sink with the exchange */
  group?: HistoryGroup;
}

export interface SendResult {
  exchange: HttpExchange;
  /** the response body as received (not scrubbed: for main's own use, e.g. discovery) */
  responseBody?: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

function setHeader(headers: HeaderList, name: string, value: string): HeaderList {
  const lower = name.toLowerCase();
  const out = headers.filter(([key]) => key.toLowerCase() !== lower);
  out.push([name, value]);
  return out;
}

function withoutHeaders(headers: HeaderList, names: readonly string[]): HeaderList {
  const lower = names.map((n) => n.toLowerCase());
  return headers.filter(([key]) => !lower.includes(key.toLowerCase()));
}

interface Attempt {
  response: ReceivedResponse;
  capture: RequestCapture;
  clearTimers(): void;
}

/**
 * Sends requests to endpoints: variables, auth, the endpoint's pool (TLS, proxy), per-phase timeouts,
 * same-origin redirects, capture of everything a person debugging needs, with secrets replaced.
 */
export class HttpEngine {
  private readonly inflight = new Map<string, AbortController>();
  private readonly variables = new VariableResolver();
  private readonly transports: TransportCache;
  private readonly oauth: OAuthTokens;
  private readonly defaults: HeaderList;
  private readonly deadlines = new Deadlines();
  private readonly sentHeads = new SentHeads();
  private readonly wire: WireCredentials;

  constructor(private readonly options: HttpEngineOptions) {
    this.transports = new TransportCache({
      secret: (id, field) => options.endpoints.secret(id, field),
      connectTimeoutMs: () => options.settings().connectTimeoutMs,
      env: options.env ?? process.env,
    });
    this.oauth = new OAuthTokens(options.scrubber);
    this.wire = new WireCredentials(options.scrubber);
    this.defaults = [
      ['Accept', 'application/scim+json, application/json;q=0.9'],
      // what fetch asked for; the body is decoded for display (body.ts)
      ['Accept-Encoding', 'gzip, deflate, br'],
      ['User-Agent', options.userAgent ?? 'SCIM-Inspector'],
    ];
  }

  async send(requestId: string, spec: RequestSpec, options: Pick<SendOptions, 'group'> = {}): Promise<HttpExchange> {
    return (await this.execute(spec, { ...options, requestId })).exchange;
  }

  cancel(requestId: string): boolean {
    const controller = this.inflight.get(requestId);
    if (!controller || controller.signal.aborted) return false;
    controller.abort(new Cancelled());
    return true;
  }

  /** An endpoint's settings or secrets changed: its pool and OAuth token are rebuilt on next use. */
  endpointChanged(endpointId?: string): void {
    this.transports.invalidate(endpointId);
    this.oauth.invalidate(endpointId);
    this.wire.forget(endpointId);
  }

  async close(): Promise<void> {
    for (const controller of this.inflight.values()) controller.abort(new Cancelled());
    await this.transports.close();
  }

  async execute(spec: RequestSpec, options: SendOptions = {}): Promise<SendResult> {
    const { requestId } = options;
    if (requestId !== undefined && this.inflight.has(requestId)) {
      throw fail('conflict', `A request with id ${requestId} is already in flight`);
    }
    const endpoint = this.options.endpoints.endpoint(spec.endpointId);
    const settings = this.options.settings();
    const prepared = prepareRequest(endpoint, spec, this.variables, this.defaults);
    const transport = await this.transports.get(endpoint);
    const auth = options.auth === 'none' ? undefined : (options.auth ?? (await authHeader(endpoint, this.options.endpoints, this.oauth, transport.plain)));
    // the endpoint's own credential, as it goes on the wire (a check's stand-in credential is not a secret)
    if (auth && options.auth === undefined) this.wire.sending(endpoint.id, auth);

    const id = randomUUID();
    const startedAt = isoStamp(Date.now());
    const t0 = performance.now();
    const controller = new AbortController();
    if (requestId !== undefined) this.inflight.set(requestId, controller);
    const progress = new Progress(requestId, this.options.progress);
    const secretHeaders = credentialHeaders(endpoint);
    // what the user typed that is a credential by its place (an Authorization header, ?access_token=)
    const met = requestCredentials(prepared, secretHeaders, this.options.scrubber);
    const limits = { headers: endpoint.timeouts.headersMs ?? settings.headersTimeoutMs, body: endpoint.timeouts.bodyMs ?? settings.bodyTimeoutMs };

    let url = prepared.url;
    let method = prepared.method;
    let headers = auth ? setHeader(prepared.headers, auth.name, auth.value) : prepared.headers;
    let requestBody = prepared.body === undefined || prepared.body === '' ? undefined : Buffer.from(prepared.body);
    const startOrigin = prepared.origin;
    const redirects: { status: number; url: string }[] = [];
    let attempt: Attempt | undefined;
    const current: { capture?: RequestCapture } = {};
    let read: ReadBody | undefined;
    let error: AppError | undefined;
    let failedConnection: ConnectionInfo | undefined;
    let oauthRetried = false;
    let sameOrigin = true;

    try {
      for (let hop = 0; ; hop++) {
        attempt = await this.attempt(transport.agent, url, method, headers, requestBody, controller, limits, progress, current);
        const { response } = attempt;
        const location = REDIRECTS.has(response.status) ? (headerOf(response.headers, 'location') ?? null) : null;
        if (location !== null && hop < MAX_REDIRECTS) {
          await this.discard(response);
          attempt.clearTimers();
          redirects.push({ status: response.status, url: met.scrubber.scrub(shownUrl(url)) });
          const next = new URL(location, url);
          if (next.protocol !== 'http:' && next.protocol !== 'https:') break;
          if (next.origin !== startOrigin && sameOrigin) {
            // credentials never follow a redirect to another origin, and stay off for the rest of the chain
            sameOrigin = false;
            headers = withoutHeaders(headers, [...CREDENTIAL_HEADERS, ...secretHeaders]);
          }
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
            method = 'GET';
            requestBody = undefined;
            headers = withoutHeaders(headers, ['content-type']);
          }
          url = next.toString();
          continue;
        }
        if (response.status === 401 && endpoint.auth.kind === 'oauth2-client-credentials' && options.auth === undefined && sameOrigin && !oauthRetried) {
          oauthRetried = true;
          await this.discard(response);
          attempt.clearTimers();
          this.oauth.invalidate(endpoint.id);
          const fresh = await authHeader(endpoint, this.options.endpoints, this.oauth, transport.plain);
          if (fresh) {
            this.wire.sending(endpoint.id, fresh);
            headers = setHeader(headers, fresh.name, fresh.value);
          }
          continue;
        }
        const length = Number(headerOf(response.headers, 'content-length'));
        progress.set('receiving', Number.isFinite(length) && length > 0 ? length : undefined);
        read = await readBody(response.body, settings.bodyCapBytes, (n) => progress.bytes(n), headerOf(response.headers, 'content-encoding'));
        attempt.clearTimers();
        break;
      }
    } catch (thrown) {
      attempt?.clearTimers();
      if (thrown instanceof Error && thrown.name === 'AppFailure') throw thrown;
      const reason = controller.signal.aborted ? controller.signal.reason : thrown;
      const target = new URL(url);
      const context = { host: target.hostname, authority: target.host, hasClientCert: endpoint.tls.clientCert !== undefined };
      error = transportError(reason, context);
      // a TLS alert (e.g. "certificate required") reaches the socket, not the request: prefer it
      const socketError = current.capture?.connection?.lastError;
      if (error.kind === 'network' && socketError) {
        const fromSocket = transportError(socketError, context);
        if (fromSocket.kind === 'tls') error = fromSocket;
      }
      for (let cause: unknown = thrown; cause; cause = (cause as { cause?: unknown }).cause) {
        if (cause instanceof ConnectFailure) failedConnection = cause.info;
      }
    } finally {
      progress.done();
      if (requestId !== undefined) this.inflight.delete(requestId);
    }

    const end = performance.now();
    const { exchange, save } = describeExchange(
      { id, endpoint, startedAt, t0, end, url: shownUrl(url), method, headers, requestBody: requestBody && (met.shownBody ?? requestBody), secretHeaders, capture: current.capture, response: error ? undefined : attempt?.response, read, error, redirects, failedConnection },
      { scrubber: met.scrubber, blobs: this.options.blobs, previewBytes: settings.previewBytes, capBytes: settings.bodyCapBytes, bodiesDir: this.options.bodiesDir, sentHeads: this.sentHeads },
    );
    // the body shown has credentials replaced; its size is what was sent
    if (met.shownBody && requestBody && exchange.request.body) exchange.request.body.size = requestBody.length;
    if (save) await save();
    if (options.record !== false && this.options.sink) {
      try {
        this.options.sink.record({ exchange, requestBody, responseBody: read?.bytes, ...(options.group ? { group: options.group } : {}), ...(met.secrets.length > 0 ? { secrets: met.secrets } : {}) });
      } catch (sinkError) {
        this.options.log.warn('exchange sink failed', { error: sinkError instanceof Error ? sinkError.message : String(sinkError) });
      }
    }
    return { exchange, responseBody: read?.bytes };
  }

  /** One HTTP request without following anything; arms the header and body timers. */
  private async attempt(
    agent: Agent,
    url: string,
    method: string,
    headers: HeaderList,
    body: Buffer | undefined,
    controller: AbortController,
    limits: { headers: number; body: number },
    progress: Progress,
    current: { capture?: RequestCapture },
  ): Promise<Attempt> {
    const deadline = this.deadlines.create((phase, afterMs) => controller.abort(new PhaseTimeout(phase, afterMs)));
    const capture = new RequestCapture({
      onRequestStart: () => {
        progress.set('waiting');
        deadline.start('headers', limits.headers);
      },
      onResponseStart: () => deadline.start('body', limits.body),
    });
    current.capture = capture;
    // undici's request API on the endpoint's pool, not fetch (through ky or not): it follows no redirect
    // and adds no header of its own, and fetch's WHATWG layer cost ~0.15 ms of CPU a request over it
    // on the same pool (README, design); the body is a Node stream read and decoded by readBody
    try {
      const { statusCode, headers: responseHeaders, body: responseBody } = await request(url, {
        method: method as Dispatcher.HttpMethod,
        // name, value, name, value…: undici takes a flat list (order and case as given)
        headers: headers.flat(),
        body,
        signal: controller.signal,
        dispatcher: capturingDispatcher(agent, capture),
      });
      return { response: { status: statusCode, statusText: capture.statusText, headers: responseHeaders, body: responseBody }, capture, clearTimers: () => deadline.clear() };
    } catch (error) {
      deadline.clear();
      throw error;
    }
  }

  /** Reads and drops a small body so the connection can be reused; a large one is cancelled. */
  private async discard(response: ReceivedResponse): Promise<void> {
    await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
  }
}
