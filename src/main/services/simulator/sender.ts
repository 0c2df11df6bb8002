import { AppFailure } from '@shared/api/errors';
import { judgeStep, parseBody, type Answer, type ClientProfile, type PlannedRequest, type StepRecord, type Verdict } from '@shared/idp';
import type { JsonObject } from '@shared/scim';
import type { HttpExchange } from '@shared/model/exchange';
import { REDACTED } from '@shared/redact/secret-scrubber';
import type { RequestRunner } from '../request-runner';
import { abortError, sleep, type Pacer } from './pacer';
import type { Sample } from './stats';

/** How much of a body a step keeps for the report (the whole exchange is in history). */
const KEEP_CHARS = 16_000;

export interface SendDeps {
  runner: RequestRunner;
  endpointId: string;
  profile: ClientProfile;
  pacer: Pacer;
  signal: AbortSignal;
  /** performance.now() when the run started */
  runStart: number;
  samples: Sample[];
  counters: { retries: number };
  /** the whole response body when the exchange's preview was cut short */
  readBody?: (exchange: HttpExchange) => Promise<string | undefined> | string | undefined;
}

export interface Sent {
  /** one record per attempt (retries after 429 first, the last attempt last) */
  steps: StepRecord[];
  verdict: Verdict;
  answer: Answer;
}

/** The body as the report keeps it: the JSON sent, `password` values replaced (Okta sends a generated one). */
function showBody(body: unknown, wire: string): string {
  if (!/"password"/i.test(wire)) return wire;
  return JSON.stringify(body, (key, value: unknown) => (key.toLowerCase() === 'password' && typeof value === 'string' ? REDACTED : value));
}

async function toAnswer(exchange: HttpExchange, deps: SendDeps): Promise<{ answer: Answer; truncated: boolean }> {
  const response = exchange.response;
  let text = response?.body.preview ?? '';
  let truncated = response?.body.truncated ?? false;
  if (truncated && deps.readBody) {
    const whole = await deps.readBody(exchange);
    if (whole !== undefined) {
      text = whole;
      truncated = false;
    }
  }
  const answer: Answer = {
    ...(response ? { status: response.status } : {}),
    headers: response?.headers ?? [],
    body: parseBody(text),
    text,
    ...(exchange.error ? { error: { kind: exchange.error.kind, message: exchange.error.message } } : {}),
    durationMs: exchange.timings.total,
  };
  return { answer, truncated };
}

function failureAnswer(thrown: unknown, durationMs: number): Answer {
  const error = thrown instanceof AppFailure ? thrown.error : { kind: 'internal', message: thrown instanceof Error ? thrown.message : String(thrown) };
  return { headers: [], text: '', error: { kind: error.kind, message: error.message }, durationMs };
}

/**
 * The step log's record of one attempt, built member by member (this runs for every request of a
 * cycle); members in the order the log has always had them.
 */
function stepOf(planned: PlannedRequest, attempt: number, phase: StepRecord['phase'], verdict: Verdict, answer: Answer, truncated: boolean, wire: string | undefined, exchange: HttpExchange | undefined): StepRecord {
  const request = planned.request;
  const sent = { method: request.method, url: exchange?.request.url ?? request.path, headers: exchange?.request.headers ?? request.headers } as NonNullable<StepRecord['request']>;
  if (wire !== undefined) sent.body = showBody(request.body, wire);
  sent.source = request.source;
  sent.checks = request.checks;
  if (exchange) sent.exchangeId = exchange.id;
  const cut = answer.text.length > KEEP_CHARS;
  const got = {} as NonNullable<StepRecord['response']>;
  if (answer.status !== undefined) got.status = answer.status;
  got.headers = answer.headers as [string, string][];
  if (answer.text) got.body = cut ? answer.text.slice(0, KEEP_CHARS) : answer.text;
  got.truncated = truncated || cut;
  got.durationMs = Math.round(answer.durationMs * 100) / 100;
  if (answer.error) got.error = answer.error.message;
  const judged = { log: verdict.log, next: verdict.next } as NonNullable<StepRecord['verdict']>;
  if (verdict.why) judged.why = verdict.why;
  if (verdict.fix) judged.fix = verdict.fix;
  judged.departures = verdict.departures ?? [];
  judged.notes = verdict.notes ?? [];
  return { phase, kind: planned.kind, title: attempt ? `${planned.title} (sent again, attempt ${attempt + 1})` : planned.title, status: verdict.status, request: sent, response: got, verdict: judged, attempt };
}

/**
 * Sends one planned IdP request through the app's request engine (auth, TLS, proxy, history and
 * redaction apply), at the run's pace; a 429 is sent again after Retry-After, as the IdP does.
 */
export async function send(planned: PlannedRequest, deps: SendDeps, context: { current?: JsonObject; matchValue?: string; phase: StepRecord['phase'] }): Promise<Sent> {
  const steps: StepRecord[] = [];
  for (let attempt = 0; ; attempt++) {
    if (deps.signal.aborted) throw abortError();
    if (deps.pacer.paced) await deps.pacer.take(deps.signal);
    const request = planned.request;
    const wire = request.body !== undefined ? JSON.stringify(request.body) : undefined;
    const spec = {
      endpointId: deps.endpointId,
      method: request.method,
      path: request.path,
      headers: request.headers.map(([name, value]) => ({ name, value, enabled: true })),
      ...(wire !== undefined ? { body: wire } : {}),
      variables: {},
    };
    const started = performance.now();
    let exchange: HttpExchange | undefined;
    let answer: Answer;
    let truncated = false;
    try {
      exchange = await deps.runner.send(spec, deps.signal);
      ({ answer, truncated } = await toAnswer(exchange, deps));
    } catch (thrown) {
      if (deps.signal.aborted) throw abortError();
      answer = failureAnswer(thrown, performance.now() - started);
    }
    deps.samples.push({ startMs: started - deps.runStart, latencyMs: answer.durationMs, status: answer.status });
    const verdict = judgeStep({
      profile: deps.profile.id,
      idp: deps.profile.idp,
      planned,
      answer,
      ...(context.current ? { current: context.current } : {}),
      ...(context.matchValue !== undefined ? { matchValue: context.matchValue } : {}),
      attempt,
    });
    steps.push(stepOf(planned, attempt, context.phase, verdict, answer, truncated, wire, exchange));
    if (answer.status === 429 && verdict.retryAfterMs !== undefined && verdict.status === 'warn') {
      deps.counters.retries++;
      await sleep(verdict.retryAfterMs, deps.signal);
      continue;
    }
    return { steps, verdict, answer };
  }
}
