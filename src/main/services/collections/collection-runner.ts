import { randomUUID } from 'node:crypto';
import { AppFailure, type AppError } from '@shared/api/errors';
import type { HttpExchange } from '@shared/model/exchange';
import type { CollectionItem, RunResult, RunStep } from '@shared/model/collection';
import type { RequestRunner } from '../request-runner';
import { evaluateCapture } from './capture';
import type { CollectionsService } from './collections-service';
import { interpolate } from './variables';

export interface CollectionRunnerOptions {
  collections: CollectionsService;
  /** read when a run starts, so the composition root can plug the engine in later */
  runner: () => RequestRunner;
  /** the whole response body when the exchange's preview is cut short */
  readBody?: (exchange: HttpExchange) => Promise<string | undefined> | string | undefined;
  onStep?: (runId: string, step: RunStep, index: number, total: number) => void;
  /** finished runs kept for export (default 20) */
  keepRuns?: number;
}

export interface RunRequest {
  collectionId: string;
  /** a request, a folder ('' for the whole collection) */
  itemId: string;
  endpointId: string;
  /** override the collection's variables for this run */
  variables?: Record<string, string> | undefined;
  stopOnError?: boolean | undefined;
  /** chosen by the caller to be able to cancel; generated otherwise */
  runId?: string | undefined;
}

export interface FinishedRun {
  result: RunResult;
  exchanges: HttpExchange[];
}

function asAppError(thrown: unknown): AppError {
  if (thrown instanceof AppFailure) return thrown.error;
  if (thrown instanceof Error && thrown.name === 'AbortError') return { kind: 'cancelled', message: 'The run was cancelled' };
  return { kind: 'internal', message: thrown instanceof Error ? thrown.message : String(thrown) };
}

/** Runs saved requests one after another; captures from each response feed the variables of the next. */
export class CollectionRunner {
  private readonly active = new Map<string, AbortController>();
  private readonly finished = new Map<string, FinishedRun>();

  constructor(private readonly options: CollectionRunnerOptions) {}

  async run(request: RunRequest): Promise<RunResult> {
    const runId = request.runId ?? randomUUID();
    const collection = await this.options.collections.get(request.collectionId);
    const items = await this.options.collections.requestsOf(request.collectionId, request.itemId);
    const controller = new AbortController();
    this.active.set(runId, controller);
    const variables: Record<string, string> = { ...collection.variables, ...request.variables };
    const steps: RunStep[] = [];
    const exchanges: HttpExchange[] = [];
    const startedAt = new Date().toISOString();
    const runner = this.options.runner();
    try {
      for (const [index, item] of items.entries()) {
        if (controller.signal.aborted) break;
        const { step, exchange } = await this.runOne(item, request.endpointId, variables, runner, controller.signal);
        Object.assign(variables, step.captured);
        steps.push(step);
        if (exchange) exchanges.push(exchange);
        this.options.onStep?.(runId, step, index, items.length);
        if (!step.ok && request.stopOnError) break;
      }
    } finally {
      this.active.delete(runId);
    }
    const result: RunResult = {
      runId,
      collectionId: request.collectionId,
      itemId: request.itemId,
      endpointId: request.endpointId,
      startedAt,
      finishedAt: new Date().toISOString(),
      steps,
      variables,
      cancelled: controller.signal.aborted,
    };
    this.keep(runId, { result, exchanges });
    return result;
  }

  cancel(runId: string): boolean {
    const controller = this.active.get(runId);
    controller?.abort();
    return controller !== undefined;
  }

  get(runId: string): FinishedRun | undefined {
    return this.finished.get(runId);
  }

  private async runOne(item: CollectionItem, endpointId: string, variables: Record<string, string>, runner: RequestRunner, signal: AbortSignal): Promise<{ step: RunStep; exchange?: HttpExchange }> {
    const base = { requestId: item.id, name: item.name, captured: {}, captureProblems: [] as string[] };
    if (!item.request) {
      return {
        step: { ...base, method: '', path: '', ok: false, durationMs: 0, error: { kind: 'validation', message: item.problem ?? 'The request file does not parse', issues: [] } },
      };
    }
    const saved = item.request;
    const path = interpolate(saved.path, variables);
    const spec = {
      endpointId,
      method: saved.method,
      path,
      headers: saved.headers.map((h) => ({ ...h, value: interpolate(h.value, variables) })),
      ...(saved.body !== undefined ? { body: interpolate(saved.body, variables) } : {}),
      variables: { ...variables },
    };
    const started = performance.now();
    let exchange: HttpExchange;
    try {
      exchange = await runner.send(spec, signal);
    } catch (thrown) {
      return { step: { ...base, method: saved.method, path, ok: false, durationMs: performance.now() - started, error: asAppError(thrown) } };
    }
    const captured: Record<string, string> = {};
    const captureProblems: string[] = [];
    if (saved.captures.length > 0 && exchange.response) {
      const body = exchange.response.body.truncated ? await this.options.readBody?.(exchange) : exchange.response.body.preview;
      for (const capture of saved.captures) {
        const result = evaluateCapture(capture, exchange, body);
        if ('value' in result) captured[capture.variable] = result.value;
        else captureProblems.push(result.problem);
      }
    }
    const status = exchange.response?.status;
    return {
      exchange,
      step: {
        ...base,
        method: saved.method,
        path,
        status,
        ok: !exchange.error && status !== undefined && status < 400,
        durationMs: exchange.timings.total,
        exchangeId: exchange.id,
        ...(exchange.error ? { error: exchange.error } : {}),
        captured,
        captureProblems,
      },
    };
  }

  private keep(runId: string, run: FinishedRun): void {
    this.finished.set(runId, run);
    const limit = this.options.keepRuns ?? 20;
    for (const id of this.finished.keys()) {
      if (this.finished.size <= limit) break;
      this.finished.delete(id);
    }
  }
}
