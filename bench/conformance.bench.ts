import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import type { ConformanceRun } from '@shared/model/conformance';
import { CHECKS } from '@shared/scim/checks';
import { compose, type AppCore } from '../src/main/compose';
import type { CompletedExchange } from '../src/main/services/exchange-sink';
import { fmt, median, table } from './lib/measure';
import type { BenchSection } from './lib/section';
import { settle } from './lib/settle';
import { buildServers, startProcess } from './sandbox/processes';

/** whole-catalogue runs (seconds each, little noise) */
const WHOLE_RUNS = 5;
/** overhead rounds (a third of a second each, noisier) */
const ROUNDS = 9;
const WARM_UP = 2;
const CONCURRENCY = 4;
/** headers the HTTP client (or the engine) sets itself */
const CLIENT_SET = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'authorization', 'accept-encoding', 'user-agent']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Checks whose wall time is spent waiting on purpose (paced load, latency sampling, a second for lastModified, a cursor timeout). */
const TIMED = new Set(['X30', 'K11', 'Pf01', 'Pf02', 'Pf03', 'Pf04']);

interface Recorded {
  id: string;
  method: string;
  /** absolute */
  url: string;
  headers: [string, string][];
  body: string | undefined;
  status: number;
  /** the id a create answered with, mapped onto the replay's */
  created?: string;
}

interface Shape {
  before: Recorded[];
  checks: Recorded[][];
  /** checks the runner runs alone once the others are done (`exclusive`) */
  alone: Recorded[][];
  after: Recorded[];
}

const EXCLUSIVE = new Set(CHECKS.filter((c) => c.run !== undefined && c.exclusive).map((c) => c.id));

/** What the run sent, each check's requests together, in order (the recorded credential is left to whoever replays). */
function shapeOf(completed: readonly CompletedExchange[], run: ConformanceRun): Shape {
  const owner = new Map<string, number>();
  run.checks.forEach((check, i) => check.exchanges.forEach((id) => owner.set(id, i)));
  const checks: Recorded[][] = run.checks.map(() => []);
  const before: Recorded[] = [];
  const after: Recorded[] = [];
  let seenCheck = false;
  const ordered = [...completed].sort((a, b) => a.exchange.startedAt.localeCompare(b.exchange.startedAt));
  for (const { exchange, requestBody, responseBody } of ordered) {
    const status = exchange.response?.status ?? 0;
    let created: string | undefined;
    if (exchange.request.method === 'POST' && status === 201 && responseBody) {
      try {
        created = (JSON.parse(Buffer.from(responseBody).toString('utf8')) as { id?: string }).id;
      } catch {}
    }
    const recorded: Recorded = {
      id: exchange.id,
      method: exchange.request.method,
      url: exchange.request.url,
      headers: exchange.request.headers.filter(([name]) => !CLIENT_SET.has(name.toLowerCase())),
      body: requestBody ? Buffer.from(requestBody).toString('utf8') : undefined,
      status,
      ...(created ? { created } : {}),
    };
    const i = owner.get(exchange.id);
    if (i !== undefined) {
      seenCheck = true;
      checks[i]!.push(recorded);
    } else (seenCheck ? after : before).push(recorded);
  }
  const ran = (i: number) => checks[i]!.length > 0;
  return {
    before,
    checks: checks.filter((_, i) => ran(i) && !EXCLUSIVE.has(run.checks[i]!.id)),
    alone: checks.filter((_, i) => ran(i) && EXCLUSIVE.has(run.checks[i]!.id)),
    after,
  };
}

/** Ids the run's server gave, mapped onto the ones the replay's creates get; a request naming one not created yet waits for it. */
class IdMap {
  private readonly ids = new Map<string, string>();
  private readonly waiting = new Map<string, (() => void)[]>();
  constructor(private readonly created: ReadonlySet<string>) {}

  async swap(text: string): Promise<string> {
    let out = text;
    for (const id of new Set(text.match(UUID) ?? [])) {
      if (!this.created.has(id)) continue;
      if (!this.ids.has(id)) await new Promise<void>((resolve) => this.waiting.set(id, [...(this.waiting.get(id) ?? []), resolve]));
      out = out.split(id).join(this.ids.get(id)!);
    }
    return out;
  }

  learn(before: string, after: string): void {
    this.ids.set(before, after);
    for (const resolve of this.waiting.get(before) ?? []) resolve();
    this.waiting.delete(before);
  }
}

type SendOne = (r: Recorded, url: string, body: string | undefined) => Promise<{ status: number; text: string }>;

/**
 * The run's requests again in the run's shape: discovery and setup first, then each check's requests one
 * after another with `2 × concurrency` checks side by side and `concurrency` requests at once, then the
 * exclusive checks one at a time, cleanup last; every id a create answered is mapped onto the replay's,
 * so each request meets a real resource.
 */
async function replay(shape: Shape, concurrency: number, sendOne: SendOne): Promise<{ ms: number; cpuMs: number }> {
  const all = [...shape.before, ...shape.checks.flat(), ...shape.alone.flat(), ...shape.after];
  const ids = new IdMap(new Set(all.flatMap((r) => (r.created ? [r.created] : []))));
  let inFlight = 0;
  const queue: (() => void)[] = [];
  const send = async (r: Recorded) => {
    const url = await ids.swap(r.url);
    const body = r.body === undefined ? undefined : await ids.swap(r.body);
    if (inFlight >= concurrency) await new Promise<void>((resolve) => queue.push(resolve));
    inFlight++;
    try {
      const answer = await sendOne(r, url, body);
      // a create the replay's server refused (a race the run won another way) names nothing: keep the id as it was
      if (r.created) ids.learn(r.created, answer.status === 201 ? (JSON.parse(answer.text) as { id: string }).id : r.created);
    } finally {
      inFlight--;
      queue.shift()?.();
    }
  };
  settle();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const r of shape.before) await send(r);
  let next = 0;
  const worker = async () => {
    while (next < shape.checks.length) for (const r of shape.checks[next++]!) await send(r);
  };
  await Promise.all(Array.from({ length: concurrency * 2 }, worker));
  for (const r of shape.alone.flat()) await send(r);
  for (const r of shape.after) await send(r);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

/** Through the app's request engine (auth, pool, capture, redaction, history): what the runner sends with, without the runner. */
function viaEngine(core: AppCore): SendOne {
  let n = 0;
  return async (r, url, body) => {
    const { exchange, responseBody } = await core.engine.execute(
      { endpointId: 'bench', method: r.method as 'GET', path: url, headers: r.headers.map(([name, value]) => ({ name, value, enabled: true })), ...(body !== undefined ? { body } : {}), variables: {} },
      { requestId: `replay-${++n}` },
    );
    return { status: exchange.response?.status ?? 0, text: responseBody?.toString('utf8') ?? '' };
  };
}

/** With undici's `request` alone: no engine, no history, no runner. */
function bare(token: string, dispatcher: Agent): SendOne {
  return async (r, url, body) => {
    const headers: Record<string, string> = Object.fromEntries(r.headers.map(([name, value]) => [name.toLowerCase(), value]));
    headers.authorization = `Bearer ${token}`;
    const answer = await request(url, { method: r.method as 'GET', headers, body, dispatcher });
    return { status: answer.statusCode, text: await answer.body.text() };
  };
}

interface Round {
  run: number;
  runCpu: number;
  engine: number;
  engineCpu: number;
  bare: number;
  bareCpu: number;
}

/**
 * A full conformance run (every check in CHECKS, profile rfc) against a sandbox in a process of its own
 * on 127.0.0.1, through the composed app; and, for the runner's own overhead, the catalogue without the
 * checks that wait on purpose, side by side with the exact requests of each run replayed in the run's
 * shape through the app's request engine alone (history recording on, as in the run) and bare with undici.
 */
export default async function run(): Promise<BenchSection[]> {
  const script = (await buildServers(join(process.cwd(), '.tmp', 'bench-conformance-servers'))).sandbox;
  const token = randomBytes(18).toString('base64url');
  const server = await startProcess(script, ['--users', '100', `--token=${token}`]);
  const baseUrl = /(http:\/\/\S+)/.exec(server.line)![1]!;
  const dir = mkdtempSync(join(tmpdir(), 'bench-conformance-'));
  let sink: CompletedExchange[] = [];
  const core = await compose({
    host: 'cli',
    dataDir: dir,
    sandbox: false,
    secrets: 'session',
    env: {},
    builtInEndpoints: () => [{ id: 'bench', name: 'bench', baseUrl, token }],
    exchangeSink: { record: (completed) => sink.push(completed) },
  });
  const dispatcher = new Agent();
  const options = { endpointId: 'bench', profile: 'rfc' as const, readOnly: false, only: [] as string[], concurrency: CONCURRENCY };
  const untimed = { ...options, only: CHECKS.filter((c) => !TIMED.has(c.id)).map((c) => c.id) };

  const runOnce = async (o: typeof options) => {
    sink = [];
    settle();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await core.conformance.run(o);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    await core.history.idle();
    return { result, ms, cpuMs: (used.user + used.system) / 1000, shape: shapeOf(sink, result) };
  };

  const whole: number[] = [];
  let wholeRun: ConformanceRun | undefined;
  for (let i = 0; i < WARM_UP + WHOLE_RUNS; i++) {
    const { result, ms } = await runOnce(options);
    if (i >= WARM_UP) whole.push(ms);
    wholeRun = result;
  }

  const rounds: Round[] = [];
  let last: Awaited<ReturnType<typeof runOnce>> | undefined;
  for (let i = 0; i < WARM_UP + ROUNDS; i++) {
    last = await runOnce(untimed);
    const engine = await replay(last.shape, CONCURRENCY, viaEngine(core));
    await core.history.idle();
    const plain = await replay(last.shape, CONCURRENCY, bare(token, dispatcher));
    if (i >= WARM_UP) rounds.push({ run: last.ms, runCpu: last.cpuMs, engine: engine.ms, engineCpu: engine.cpuMs, bare: plain.ms, bareCpu: plain.cpuMs });
  }

  await dispatcher.close();
  await core.dispose();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  const { before, checks, alone, after } = last!.shape;
  const requests = before.length + checks.flat().length + alone.flat().length + after.length;
  return [wholeSection(wholeRun!, whole), overheadSection(last!.result, rounds, requests)];
}

function wholeSection(last: ConformanceRun, runs: number[]): BenchSection {
  const checks = last.checks.length;
  const wall = median(runs);
  const rate = checks / (wall / 1000);
  const s = last.summary;
  return {
    title: 'Conformance run',
    issue: 13,
    markdown: [
      `A full run of every check in the catalogue (${CHECKS.length} implemented; profile \`rfc\`, ${CONCURRENCY} requests at once) against the sandbox`,
      '(100 seeded users) in a process of its own on 127.0.0.1, through the composed app: request engine, history in SQLite, the run kept in',
      `SQLite, secrets scrubbed. Median of ${WHOLE_RUNS} runs after ${WARM_UP} warm-up runs. Part of the wall time is waiting on purpose:`,
      `${[...TIMED].join(', ')} pace requests (25/s for 3 s), sample latencies, or wait out a timestamp or a cursor timeout.`,
      '',
      `Last run: ${checks} checks (${s.passed} passed, ${s.failed} failed, ${s.warned} warned, ${s.skipped} skipped).`,
      '',
      table(['path', 'wall ms (median)', 'min ms', 'checks/s'], [['conformance run (app)', fmt(wall, 1), fmt(Math.min(...runs), 1), fmt(rate, 1)]]),
    ].join('\n'),
    data: { checks, runs, checksPerSecond: rate, summary: s },
    targets: [{ name: 'whole catalogue under 20 s', met: wall < 20_000, detail: `${fmt(wall / 1000, 2)} s for ${checks} checks (${fmt(rate, 1)} checks/s)` }],
  };
}

function overheadSection(last: ConformanceRun, rounds: Round[], requests: number): BenchSection {
  const m = (key: keyof Round) => median(rounds.map((r) => r[key]));
  const overEngine = m('run') / m('engine') - 1;
  const overBare = m('run') / m('bare') - 1;
  const cpuPerRequest = (key: keyof Round) => (m(key) * 1000) / requests;
  return {
    title: 'Conformance runner overhead',
    issue: 13,
    markdown: [
      `The catalogue without the checks that wait on purpose (${[...TIMED].join(', ')}): ${last.checks.length} checks, ${requests} requests a run. Each run's`,
      'requests are then replayed in the run\'s shape (discovery and setup first, each check\'s requests one after another, 8 checks and',
      `${CONCURRENCY} requests at once, then the checks the runner runs alone, cleanup last; every id a create answered mapped onto the replay's)`,
      'against the same server: through the app\'s request engine alone, with history recording on as in the run (what the runner sends',
      `with, without the runner), and bare with undici's \`request\`. The sandbox runs in a process of its own. Median of ${ROUNDS} rounds after ${WARM_UP} warm-up rounds;`,
      'a full garbage collection before each timed path.',
      '',
      table(
        ['path', 'wall ms (median)', 'client CPU ms (median)', 'client CPU µs a request'],
        [
          ['conformance run (runner + engine + history)', fmt(m('run'), 1), fmt(m('runCpu'), 1), fmt(cpuPerRequest('runCpu'), 0)],
          ['same requests through the engine (+ history)', fmt(m('engine'), 1), fmt(m('engineCpu'), 1), fmt(cpuPerRequest('engineCpu'), 0)],
          ['same requests, bare undici `request`', fmt(m('bare'), 1), fmt(m('bareCpu'), 1), fmt(cpuPerRequest('bareCpu'), 0)],
        ],
      ),
      '',
      `The runner's own overhead (over the same requests through the engine it sends with): **${fmt(overEngine * 100, 1)} %** in wall time.`,
      `Round by round (a run and its replay side by side) the overhead was ${rounds.map((r) => `${fmt((r.run / r.engine - 1) * 100, 0)} %`).join(', ')}: the two paths differ by a few`,
      'milliseconds a request apart, so a machine shared with other work moves single rounds by more than the target; the median of the rounds is the measure.',
      `Over bare undici, the engine's and history's costs included: ${fmt(overBare * 100, 1)} % (the engine alone over bare \`request\` is the`,
      'request engine bench\'s; history is written for every exchange, redacted).',
    ].join('\n'),
    data: { rounds, requests, overEngine, overBare },
    targets: [{ name: "runner's own overhead under 15 % over the same requests (through the engine)", met: overEngine < 0.15, detail: `${fmt(overEngine * 100, 1)} % (${fmt(m('run'), 1)} vs ${fmt(m('engine'), 1)} ms; over bare undici ${fmt(overBare * 100, 1)} %)` }],
  };
}
