import { randomUUID } from 'node:crypto';
import type { HttpExchange } from '@shared/model/exchange';
import { summarizeRun, type Collection, type RunResult, type RunStep } from '@shared/model/collection';
import { SchemaRegistry } from '@shared/scim';
import type { ExchangeFindings } from '../exchange/scim-findings';
import type { RequestRunner } from '../request-runner';
import type { CollectionsService } from './collections-service';
import { compareRuns } from './run-compare';
import { runStep } from './run-step';

export interface CollectionRunnerOptions {
  collections: CollectionsService;
  /** read when a run starts, so the composition root can plug the engine in later */
  runner: () => RequestRunner;
  /** the whole response body when the exchange's preview is cut short */
  readBody?: (exchange: HttpExchange) => Promise<string | undefined> | string | undefined;
  onStep?: (runId: string, step: RunStep, index: number, total: number) => void;
  /** finished runs kept for export and comparison (default 20) */
  keepRuns?: number;
  /** the values of the collection's secret variables (from the keychain) */
  secretValues?: (collection: Collection) => Promise<Record<string, string>>;
  /** the endpoint's schemas for the SCIM checks (its discovery); RFC 7643's when absent or failing */
  registry?: (endpointId: string) => Promise<SchemaRegistry> | SchemaRegistry;
}

/**
 * What a host (the app, a command line) asks to run. A command-line host opens the collection folder
 * with `CollectionsService.open`, finds the folder with `runTarget` and writes the result with
 * `run-report` (JSON, JUnit; `runExitCode`).
 */
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
  /** every SCIM check finding of each answer, by exchange id */
  findings: Map<string, ExchangeFindings>;
}

/**
 * Runs saved requests one after another; captures from each response feed the variables of the
 * next. Each step is judged by its assertions (status < 400 when it has none) and checked by the
 * shared SCIM rules; a finished run is compared with the previous run of the same item.
 */
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
    const secretValues = (await this.options.secretValues?.(collection).catch(() => undefined)) ?? {};
    const secretNames = new Set(Object.keys(secretValues));
    const variables: Record<string, string> = { ...collection.variables, ...secretValues, ...request.variables };
    const steps: RunStep[] = [];
    const exchanges: HttpExchange[] = [];
    const startedAt = new Date().toISOString();
    const findings = new Map<string, ExchangeFindings>();
    const runner = this.options.runner();
    try {
      const registry = await this.registryFor(request.endpointId);
      for (const [index, item] of items.entries()) {
        if (controller.signal.aborted) break;
        const context = { endpointId: request.endpointId, variables, secretNames, runner, signal: controller.signal, registry, readBody: this.options.readBody };
        const { step, exchange, findings: found } = await runStep(item, context);
        Object.assign(variables, step.captured);
        steps.push(step);
        if (exchange) exchanges.push(exchange);
        if (exchange && found) findings.set(exchange.id, found);
        this.options.onStep?.(runId, step, index, items.length);
        if (!step.ok && request.stopOnError) break;
      }
    } finally {
      this.active.delete(runId);
    }
    const item = collection.items.find((i) => i.id === request.itemId);
    const result: RunResult = {
      runId,
      collectionId: request.collectionId,
      collectionName: collection.name,
      itemId: request.itemId,
      itemName: item?.name ?? '',
      endpointId: request.endpointId,
      startedAt,
      finishedAt: new Date().toISOString(),
      steps,
      // the secret variables' values stay in main
      variables: Object.fromEntries(Object.entries(variables).filter(([name]) => !secretNames.has(name))),
      cancelled: controller.signal.aborted,
      summary: summarizeRun(steps),
    };
    const previous = this.previous(request.collectionId, request.itemId);
    if (previous) result.comparison = compareRuns(previous.result, result);
    this.keep(runId, { result, exchanges, findings });
    return result;
  }

  /** The finished runs of a collection's item, the latest first. */
  runsOf(collectionId: string, itemId: string): RunResult[] {
    return [...this.finished.values()]
      .map((r) => r.result)
      .filter((r) => r.collectionId === collectionId && r.itemId === itemId)
      .reverse();
  }

  private previous(collectionId: string, itemId: string): FinishedRun | undefined {
    return [...this.finished.values()].reverse().find((r) => r.result.collectionId === collectionId && r.result.itemId === itemId && !r.result.cancelled);
  }

  private async registryFor(endpointId: string): Promise<SchemaRegistry> {
    try {
      return (await this.options.registry?.(endpointId)) ?? SchemaRegistry.core();
    } catch {
      return SchemaRegistry.core();
    }
  }

  cancel(runId: string): boolean {
    const controller = this.active.get(runId);
    controller?.abort();
    return controller !== undefined;
  }

  get(runId: string): FinishedRun | undefined {
    return this.finished.get(runId);
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
