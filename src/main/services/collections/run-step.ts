import { AppFailure, type AppError } from '@shared/api/errors';
import type { CollectionItem, RunStep } from '@shared/model/collection';
import type { HttpExchange } from '@shared/model/exchange';
import type { SchemaRegistry } from '@shared/scim';
import { checkExchange, type ExchangeFindings } from '../exchange/scim-findings';
import type { RequestRunner } from '../request-runner';
import { evaluateAssertions } from './assertions/evaluate';
import { evaluateCapture } from './capture';
import { interpolate } from './variables';

export interface StepContext {
  endpointId: string;
  variables: Readonly<Record<string, string>>;
  runner: RequestRunner;
  signal: AbortSignal;
  registry: SchemaRegistry;
  /** variables whose values are credentials (the collection's secret variables): sent, never shown in the step */
  secretNames?: ReadonlySet<string> | undefined;
  /** the whole response body when the exchange's preview is cut short */
  readBody?: ((exchange: HttpExchange) => Promise<string | undefined> | string | undefined) | undefined;
}

export function asAppError(thrown: unknown): AppError {
  if (thrown instanceof AppFailure) return thrown.error;
  if (thrown instanceof Error && thrown.name === 'AbortError') return { kind: 'cancelled', message: 'The run was cancelled' };
  return { kind: 'internal', message: thrown instanceof Error ? thrown.message : String(thrown) };
}

async function responseBody(exchange: HttpExchange, context: StepContext): Promise<string | undefined> {
  const response = exchange.response;
  if (!response) return undefined;
  return response.body.truncated ? await context.readBody?.(exchange) : response.body.preview;
}

/**
 * Sends one saved request with the run's variables, then judges its answer: the shared SCIM checks,
 * the request's assertions (status < 400 when it has none), and its captures for the next steps.
 */
export async function runStep(item: CollectionItem, context: StepContext): Promise<{ step: RunStep; exchange?: HttpExchange; findings?: ExchangeFindings }> {
  const base = { requestId: item.id, name: item.name, captured: {}, captureProblems: [] as string[] };
  if (!item.request) {
    return {
      step: { ...base, method: '', path: '', ok: false, durationMs: 0, assertions: [], error: { kind: 'validation', message: item.problem ?? 'The request file does not parse', issues: [] } },
    };
  }
  const saved = item.request;
  const { variables } = context;
  const secretNames = context.secretNames ?? new Set<string>();
  const shown = secretNames.size ? Object.fromEntries(Object.entries(variables).filter(([name]) => !secretNames.has(name))) : variables;
  // the step shows the path with its secret variables as written
  const path = interpolate(saved.path, shown);
  const spec = {
    endpointId: context.endpointId,
    method: saved.method,
    path: interpolate(saved.path, variables),
    headers: saved.headers.map((h) => ({ ...h, value: interpolate(h.value, variables) })),
    ...(saved.body !== undefined ? { body: interpolate(saved.body, variables) } : {}),
    variables: { ...variables },
  };
  // expected values may name variables too (`{{userName}}`), filled in as the request is
  const asserted = saved.assertions.map((a) => ({ ...a, path: interpolate(a.path, variables), value: interpolate(a.value, variables) }));
  const started = performance.now();
  let exchange: HttpExchange;
  try {
    exchange = await context.runner.send(spec, context.signal);
  } catch (thrown) {
    const assertions = evaluateAssertions(asserted, { exchange: undefined, body: undefined, findings: undefined, registry: context.registry });
    return { step: { ...base, method: saved.method, path, ok: false, durationMs: performance.now() - started, error: asAppError(thrown), assertions } };
  }
  const body = await responseBody(exchange, context);
  const findings = await checkExchange(exchange, body, context.registry).catch(() => undefined);
  const assertions = evaluateAssertions(asserted, { exchange, body, findings: findings?.findings, registry: context.registry });
  const captured: Record<string, string> = {};
  const captureProblems: string[] = [];
  if (exchange.response) {
    for (const capture of saved.captures) {
      const result = evaluateCapture(capture, exchange, body);
      if ('value' in result) captured[capture.variable] = result.value;
      else captureProblems.push(result.problem);
    }
  }
  return {
    exchange,
    ...(findings ? { findings } : {}),
    step: {
      ...base,
      method: saved.method,
      path,
      status: exchange.response?.status,
      ok: !exchange.error && exchange.response !== undefined && assertions.every((a) => a.passed),
      durationMs: exchange.timings.total,
      exchangeId: exchange.id,
      ...(exchange.error ? { error: exchange.error } : {}),
      captured,
      captureProblems,
      assertions,
      ...(findings ? { checks: findings.checks } : {}),
    },
  };
}
