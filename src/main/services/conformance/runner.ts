import { randomBytes, randomUUID } from 'node:crypto';
import { AppFailure, fail as appFail } from '@shared/api/errors';
import { sameServer, summarize, type CheckResult, type ConformanceOptions, type ConformanceRun, type Leftover } from '@shared/model/conformance';
import { buildFacts } from '@shared/scim/checks/facts';
import { groupLabel, planChecks, type PlannedCheck } from '@shared/scim/checks/plan';
import { header } from '@shared/scim/checks/responses';
import type { CheckDefinition, CheckVerdict, ObservedExchange, ScenarioCheck, ScimResponse, ServerFacts } from '@shared/scim/checks/types';
import { FixtureFailure, VerdictThrown } from '@shared/scim/checks/verdicts';
import type { Logger } from '../log/logger';
import { RecordingClient, type ClientDeps, type ConformanceEngine } from './check-client';
import { EndpointGates, type EndpointGate } from './endpoint-gate';
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

export interface RunHooks {
  /** told as the run moves on (in addition to the runner's own `onProgress`) */
  onProgress?: (progress: ConformanceProgress) => void;
}

const DEFAULT_USERS = '/Users';

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
  /** the per-endpoint request limit, shared by every run against the same endpoint */
  readonly gates = new EndpointGates();

  constructor(private readonly options: ConformanceRunnerOptions) {}

  /** Runs in progress. */
  running(): string[] {
    return [...this.active.keys()];
  }

  cancel(runId: string): boolean {
    const controller = this.active.get(runId);
    controller?.abort();
    return controller !== undefined;
  }

  /**
   * Runs the catalogue against the endpoint. Throws (an `AppFailure`) only when the run cannot be
   * made at all: the server cannot be reached, or it refuses the endpoint's credentials.
   */
  async run(request: RunRequest, hooks: RunHooks = {}): Promise<ConformanceRun> {
    const runId = request.runId ?? randomUUID();
    if (this.active.has(runId)) throw new AppFailure({ kind: 'conflict', message: `Run ${runId} is already running` });
    const endpoint = this.options.endpoint(request.endpointId);
    if (request.limitedEndpointId !== undefined) {
      const limited = this.options.endpoint(request.limitedEndpointId);
      const problem =
        request.limitedEndpointId === request.endpointId
          ? 'The limited credential must come from another endpoint than the one under test (one whose credential may not write)'
          : !sameServer(limited.baseUrl, endpoint.baseUrl)
            ? `The limited credential's endpoint "${limited.name}" points at ${limited.baseUrl}, not at the server under test (${endpoint.baseUrl})`
            : undefined;
      if (problem) throw appFail('validation', problem, { issues: [{ path: 'limitedEndpointId', message: problem }] });
    }
    const controller = new AbortController();
    this.active.set(runId, controller);
    const { gate, release } = this.gates.acquire(request.endpointId, request.concurrency);
    try {
      return await this.execute(runId, endpoint, request, controller.signal, gate, hooks);
    } finally {
      release();
      this.active.delete(runId);
    }
  }

  private async execute(
    runId: string,
    endpoint: { baseUrl: string; name: string; authKind: ServerFacts['authKind'] },
    request: RunRequest,
    signal: AbortSignal,
    gate: EndpointGate,
    hooks: RunHooks,
  ): Promise<ConformanceRun> {
    const startedAt = new Date().toISOString();
    const prefix = `scimi${randomBytes(4).toString('hex')}`;
    const observed: ObservedExchange[] = [];
    let requestNumber = 0;
    const inFlight = new Set<string>();
    const cancelInFlight = () => {
      for (const requestId of inFlight) this.options.engine.cancel(requestId);
    };
    signal.addEventListener('abort', cancelInFlight, { once: true });
    const deps: ClientDeps = {
      engine: this.options.engine,
      endpointId: request.endpointId,
      runId,
      observed,
      limit: (task) => gate.shared(task),
      signal,
      inFlight,
      nextRequestNumber: () => ++requestNumber,
      ...(request.limitedEndpointId !== undefined ? { limitedEndpointId: request.limitedEndpointId } : {}),
      group: { id: `conformance-${runId}`, label: `Conformance run (${request.profile}${request.readOnly ? ', read-only' : ''}) of ${endpoint.name}` },
    };
    const progress = (p: Omit<ConformanceProgress, 'runId'>) => {
      const event = { runId, ...p };
      this.options.onProgress?.(event);
      hooks.onProgress?.(event);
    };

    progress({ phase: 'discovery', done: 0, total: 0 });
    const setup = new RecordingClient(deps, 'setup');
    // the credentials probe goes out with the discovery reads, to the usual endpoint (again below if the server names another)
    const [serviceProviderConfig, resourceTypes, schemas, probe] = await Promise.all([
      setup.send({ method: 'GET', path: '/ServiceProviderConfig' }),
      setup.send({ method: 'GET', path: '/ResourceTypes' }),
      setup.send({ method: 'GET', path: '/Schemas' }),
      setup.send({ method: 'GET', path: `${DEFAULT_USERS}?count=1` }),
    ]);
    const facts = buildFacts(endpoint.baseUrl, { serviceProviderConfig, resourceTypes, schemas }, { authKind: endpoint.authKind, containsCredential: this.options.containsCredential, limitedCredential: request.limitedEndpointId !== undefined });
    if (!signal.aborted) await this.preflight(endpoint.baseUrl, facts, setup, probe);
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
      const runOne = async (p: PlannedCheck & { check: ScenarioCheck }, checkDeps: ClientDeps) => {
        if (signal.aborted) return;
        finish(await this.runScenario(p, checkDeps, facts, request, resources, signal));
      };
      // twice as many checks as requests may be in flight: while one check judges an answer, another's
      // request takes the slot (the endpoint's gate bounds the requests)
      const checkSlots = limiter(request.concurrency * 2);
      await Promise.all(concurrent.map((p) => checkSlots(() => runOne(p, deps))));
      // an exclusive check holds the endpoint alone (no other run's requests either); its own go straight through
      const alone: ClientDeps = { ...deps, limit: (task) => task() };
      for (const p of exclusive) await gate.exclusive(() => runOne(p, alone));
      if (!signal.aborted) {
        for (const p of planned) {
          if (p.skip !== undefined || !p.check.observe) continue;
          finish(this.observe(p, observed, facts, request));
        }
      }
    } finally {
      progress({ phase: 'cleanup', done, total: planned.length });
      // cleanup runs even after a cancel: its own signal
      signal.removeEventListener('abort', cancelInFlight);
      const cleanupDeps: ClientDeps = { ...deps, signal: new AbortController().signal, inFlight: new Set() };
      leftovers = await resources.cleanup(new RecordingClient(cleanupDeps, 'cleanup')).catch((error: unknown) => {
        this.options.log.warn('conformance cleanup failed', { error: error instanceof Error ? error.message : String(error) });
        return [{ endpoint: '*', id: '*', reason: `Cleanup failed: ${error instanceof Error ? error.message : String(error)}` }];
      });
    }

    // a cancelled run still lists every planned check: those it never finished say so
    const checks = planned.map((p) => results.get(p.entry.id) ?? this.result(p, { status: 'skip', detail: 'Not run: the run was cancelled before this check' }, [], 0));
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

  /**
   * Whether the run can be judged at all: nothing answered (the server is down, the name does not
   * resolve, TLS fails), or the server refuses the endpoint's credentials. Discovery documents may be
   * served without authentication, so a read of one page of users decides about the credentials.
   */
  private async preflight(baseUrl: string, facts: ServerFacts, setup: RecordingClient, firstProbe: ScimResponse): Promise<void> {
    const discovery = [facts.discovery.serviceProviderConfig, facts.discovery.resourceTypes, facts.discovery.schemas];
    // nothing answered at all: the server cannot be reached (discovery alone failing is a finding, not a reason to stop)
    if (discovery.every((r) => r.status === 0) && firstProbe.status === 0) throw this.cannotRun(baseUrl, discovery[0]!);
    const refused = discovery.find((r) => r.status === 401);
    if (refused) throw this.cannotRun(baseUrl, refused);
    const users = facts.userType?.endpoint ?? DEFAULT_USERS;
    const probe = users === DEFAULT_USERS ? firstProbe : await setup.send({ method: 'GET', path: `${users}?count=1` });
    if (probe.status === 0 || probe.status === 401) throw this.cannotRun(baseUrl, probe);
  }

  private cannotRun(baseUrl: string, response: ScimResponse): AppFailure {
    if (response.status === 0) {
      const error = response.error ?? { kind: 'network' as const, message: 'no answer' };
      return new AppFailure({ ...error, message: `${baseUrl} could not be reached (${response.method} ${response.path}): ${error.message}` } as typeof error);
    }
    const challenge = header(response, 'www-authenticate');
    return appFail('unauthorized', `The server refused the endpoint's credentials: ${response.method} ${response.path} answered ${response.status}${challenge ? ` (WWW-Authenticate: ${challenge})` : ''}. Nothing was checked.`, {
      hint: 'Check the token or password of the endpoint (on the command line: the variable named by --bearer-env or --basic-env).',
    });
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
    // a check cut short by a cancel has not seen what it needed to pass; a failure it found stands
    if (signal.aborted && verdict.status === 'pass') verdict = { status: 'skip', detail: `The run was cancelled while this check ran (${verdict.detail})` };
    return this.result(p, verdict, client.exchangeIds, performance.now() - started);
  }

  private thrownVerdict(id: string, thrown: unknown, signal: AbortSignal): CheckVerdict {
    if (thrown instanceof VerdictThrown) return thrown.verdict;
    if (thrown instanceof FixtureFailure) return { status: 'skip', detail: thrown.message };
    if (signal.aborted) return { status: 'skip', detail: 'The run was cancelled while this check ran' };
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
