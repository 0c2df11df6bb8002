import { randomBytes, randomUUID } from 'node:crypto';
import { AppFailure } from '@shared/api/errors';
import { summarize, type CheckResult, type ConformanceOptions, type ConformanceRun, type Leftover } from '@shared/model/conformance';
import { buildFacts } from '@shared/scim/checks/facts';
import { groupLabel, planChecks, type PlannedCheck } from '@shared/scim/checks/plan';
import type { CheckDefinition, CheckVerdict, ObservedExchange, ScenarioCheck, ServerFacts } from '@shared/scim/checks/types';
import { FixtureFailure, VerdictThrown } from '@shared/scim/checks/verdicts';
import type { Logger } from '../log/logger';
import { RecordingClient, type ClientDeps, type ConformanceEngine } from './check-client';
import { RunResources } from './fixtures';
import { limiter } from './limiter';

export interface ConformanceProgress {
  runId: string;
  phase: 'discovery' | 'checks' | 'cleanup' | 'done';
  done: number;
  total: number;
  /** the check that just finished */
  result?: CheckResult;
}

export interface ConformanceRunnerOptions {
  engine: ConformanceEngine;
  /** the endpoint's base URL, name and auth kind, for the report and the auth checks */
  endpoint: (id: string) => { baseUrl: string; name: string; authKind: ServerFacts['authKind'] };
  /** whether a text holds a credential the app knows (the secret scrubber) */
  containsCredential: (text: string) => boolean;
  checks: readonly CheckDefinition[];
  version: string;
  log: Logger;
  onProgress?: (progress: ConformanceProgress) => void;
}

export type RunRequest = ConformanceOptions & { runId?: string };

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/**
 * Drives a server through the check catalogue: reads its discovery documents, plans the checks that
 * apply, runs the independent ones concurrently (requests bounded per endpoint) and the exclusive ones
 * alone, judges every answer with the observation checks, and removes what it created.
 */
export class ConformanceRunner {
  private readonly active = new Map<string, AbortController>();

  constructor(private readonly options: ConformanceRunnerOptions) {}

  cancel(runId: string): boolean {
    const controller = this.active.get(runId);
    controller?.abort();
    return controller !== undefined;
  }

  async run(request: RunRequest): Promise<ConformanceRun> {
    const runId = request.runId ?? randomUUID();
    if (this.active.has(runId)) throw new AppFailure({ kind: 'conflict', message: `Run ${runId} is already running` });
    const controller = new AbortController();
    this.active.set(runId, controller);
    try {
      return await this.execute(runId, request, controller.signal);
    } finally {
      this.active.delete(runId);
    }
  }

  private async execute(runId: string, request: RunRequest, signal: AbortSignal): Promise<ConformanceRun> {
    const endpoint = this.options.endpoint(request.endpointId);
    const startedAt = new Date().toISOString();
    const prefix = `scimi${randomBytes(4).toString('hex')}`;
    const observed: ObservedExchange[] = [];
    let requestNumber = 0;
    const deps: ClientDeps = {
      engine: this.options.engine,
      endpointId: request.endpointId,
      runId,
      observed,
      limit: limiter(request.concurrency),
      signal,
      nextRequestNumber: () => ++requestNumber,
    };
    const progress = (p: Omit<ConformanceProgress, 'runId'>) => this.options.onProgress?.({ runId, ...p });

    progress({ phase: 'discovery', done: 0, total: 0 });
    const setup = new RecordingClient(deps, 'setup');
    const [serviceProviderConfig, resourceTypes, schemas] = await Promise.all([
      setup.send({ method: 'GET', path: '/ServiceProviderConfig' }),
      setup.send({ method: 'GET', path: '/ResourceTypes' }),
      setup.send({ method: 'GET', path: '/Schemas' }),
    ]);
    const facts = buildFacts(endpoint.baseUrl, { serviceProviderConfig, resourceTypes, schemas }, { authKind: endpoint.authKind, containsCredential: this.options.containsCredential });
    const planned = planChecks(this.options.checks, facts, request);
    const resources = new RunResources(prefix, facts, request.readOnly);
    const results = new Map<string, CheckResult>();
    let done = 0;
    const finish = (result: CheckResult) => {
      results.set(result.id, result);
      progress({ phase: 'checks', done: ++done, total: planned.length, result });
    };

    let leftovers: Leftover[];
    try {
      for (const p of planned) if (p.skip !== undefined) finish(this.result(p, { status: 'skip', detail: p.skip }, [], 0));
      const scenario = planned.filter((p): p is PlannedCheck & { check: ScenarioCheck } => p.skip === undefined && p.check.run !== undefined);
      const concurrent = scenario.filter((p) => !p.check.exclusive);
      const exclusive = scenario.filter((p) => p.check.exclusive);
      const runOne = async (p: PlannedCheck & { check: ScenarioCheck }) => {
        if (signal.aborted) return;
        finish(await this.runScenario(p, deps, facts, request, resources, signal));
      };
      // checks run as many at once as requests may be in flight: each waits on the limiter for its requests
      const checkSlots = limiter(request.concurrency);
      await Promise.all(concurrent.map((p) => checkSlots(() => runOne(p))));
      for (const p of exclusive) await runOne(p);
      if (!signal.aborted) {
        for (const p of planned) {
          if (p.skip !== undefined || !p.check.observe) continue;
          finish(this.observe(p, observed, facts, request));
        }
      }
    } finally {
      progress({ phase: 'cleanup', done, total: planned.length });
      // cleanup runs even after a cancel: its own signal
      const cleanupDeps: ClientDeps = { ...deps, signal: new AbortController().signal };
      leftovers = await resources.cleanup(new RecordingClient(cleanupDeps, 'cleanup')).catch((error: unknown) => {
        this.options.log.warn('conformance cleanup failed', { error: error instanceof Error ? error.message : String(error) });
        return [{ endpoint: '*', id: '*', reason: `Cleanup failed: ${error instanceof Error ? error.message : String(error)}` }];
      });
    }

    const checks = planned.map((p) => results.get(p.entry.id)).filter((r): r is CheckResult => r !== undefined);
    progress({ phase: 'done', done, total: planned.length });
    return {
      runId,
      tool: 'scim-inspector',
      version: this.options.version,
      target: { url: endpoint.baseUrl, endpointId: request.endpointId, endpointName: endpoint.name },
      profile: request.profile,
      readOnly: request.readOnly,
      only: request.only,
      prefix,
      startedAt,
      finishedAt: new Date().toISOString(),
      cancelled: signal.aborted,
      summary: summarize(checks),
      checks,
      leftovers,
    };
  }

  private async runScenario(p: PlannedCheck & { check: ScenarioCheck }, deps: ClientDeps, facts: ServerFacts, request: RunRequest, resources: RunResources, signal: AbortSignal): Promise<CheckResult> {
    const client = new RecordingClient(deps, p.entry.id);
    const started = performance.now();
    let verdict: CheckVerdict;
    try {
      verdict = await p.check.run({
        facts,
        profile: request.profile,
        readOnly: request.readOnly,
        client,
        fixtures: resources.fixturesFor(client),
        signal,
        prefix: resources.prefix,
        sleep: (ms) => sleep(ms, signal),
      });
    } catch (thrown) {
      verdict = this.thrownVerdict(p.entry.id, thrown, signal);
    }
    return this.result(p, verdict, client.exchangeIds, performance.now() - started);
  }

  private thrownVerdict(id: string, thrown: unknown, signal: AbortSignal): CheckVerdict {
    if (thrown instanceof VerdictThrown) return thrown.verdict;
    if (thrown instanceof FixtureFailure) return { status: 'skip', detail: thrown.message };
    if (signal.aborted) return { status: 'skip', detail: 'The run was cancelled' };
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    this.options.log.warn('conformance check threw', { check: id, error: thrown instanceof Error ? (thrown.stack ?? message) : message });
    return { status: 'fail', detail: `The answers could not be judged: ${message}`, fix: 'See the exchanges of this check: an answer had a shape the check did not expect.' };
  }

  private observe(p: PlannedCheck, observed: readonly ObservedExchange[], facts: ServerFacts, request: RunRequest): CheckResult {
    const started = performance.now();
    try {
      const { exchanges = [], ...verdict } = p.check.observe!(observed, facts, request.profile);
      return this.result(p, verdict, exchanges, performance.now() - started);
    } catch (thrown) {
      return this.result(p, this.thrownVerdict(p.entry.id, thrown, new AbortController().signal), [], performance.now() - started);
    }
  }

  private result(p: PlannedCheck, verdict: CheckVerdict, exchanges: string[], durationMs: number): CheckResult {
    return {
      id: p.entry.id,
      group: groupLabel(p.entry.group),
      title: p.entry.title,
      rfc: p.entry.rfc,
      ...verdict,
      exchanges: [...new Set(exchanges)],
      durationMs: Math.round(durationMs * 100) / 100,
    };
  }
}
