import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import type { ConformanceRun } from '@shared/model/conformance';
import { CHECKS } from '@shared/scim/checks';
import { compose } from '../src/main/compose';
import type { CompletedExchange } from '../src/main/services/exchange-sink';
import { startSandbox } from '../src/main/services/sandbox/sandbox';
import { fmt, median, table } from './lib/measure';
import type { BenchSection } from './lib/section';

const ROUNDS = 5;
const WARM_UP = 2;
const CONCURRENCY = 4;
/** headers the HTTP client sets itself */
const CLIENT_SET = new Set(['host', 'content-length', 'connection', 'transfer-encoding']);

interface Recorded {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

/** The run's requests as they went on the wire (the recorded Authorization is redacted: the real one goes back in). */
function replayable(completed: CompletedExchange[], token: string): Recorded[] {
  return [...completed]
    .sort((a, b) => a.exchange.startedAt.localeCompare(b.exchange.startedAt))
    .map(({ exchange, requestBody }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of exchange.request.headers) if (!CLIENT_SET.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
      headers.authorization = `Bearer ${token}`;
      return { id: exchange.id, method: exchange.request.method, url: exchange.request.url, headers, body: requestBody ? Buffer.from(requestBody) : undefined };
    });
}

/**
 * The run's requests in the run's shape: each check's requests one after another (a check waits for its
 * create before its read), the checks side by side; what no check owns (discovery, shared users,
 * cleanup) in order before and after.
 */
function shaped(requests: Recorded[], run: ConformanceRun): { before: Recorded[]; checks: Recorded[][]; after: Recorded[] } {
  const owner = new Map<string, number>();
  run.checks.forEach((check, i) => check.exchanges.forEach((id) => owner.set(id, i)));
  const checks: Recorded[][] = run.checks.map(() => []);
  const before: Recorded[] = [];
  const after: Recorded[] = [];
  let seenCheck = false;
  for (const r of requests) {
    const i = owner.get(r.id);
    if (i !== undefined) {
      seenCheck = true;
      checks[i]!.push(r);
    } else (seenCheck ? after : before).push(r);
  }
  return { before, checks: checks.filter((c) => c.length > 0), after };
}

/** The same requests with undici's `request` and nothing else: checks `2 × concurrency` at a time, requests `concurrency` at a time. */
async function replay(requests: Recorded[], run: ConformanceRun, concurrency: number, dispatcher: Agent): Promise<number> {
  const { before, checks, after } = shaped(requests, run);
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const send = async (r: Recorded) => {
    if (inFlight >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight++;
    try {
      const answer = await request(r.url, { method: r.method as 'GET', headers: r.headers, body: r.body, dispatcher });
      await answer.body.arrayBuffer();
    } finally {
      inFlight--;
      waiting.shift()?.();
    }
  };
  const started = performance.now();
  await Promise.all(before.map(send));
  let next = 0;
  const worker = async () => {
    while (next < checks.length) for (const r of checks[next++]!) await send(r);
  };
  await Promise.all(Array.from({ length: concurrency * 2 }, worker));
  await Promise.all(after.map(send));
  return performance.now() - started;
}

/** Checks whose wall time is spent waiting on purpose (paced load, a second for lastModified, a cursor timeout). */
const TIMED = new Set(['X30', 'K11', ...CHECKS.filter((c) => c.id.startsWith('Pf')).map((c) => c.id)]);

/**
 * A full conformance run (every check in CHECKS, rfc profile) against the sandbox on loopback, through
 * the composed app (request engine, history in SQLite, the run kept in SQLite, redaction), side by
 * side with the exact requests of that run sent bare with undici in the run's shape: the difference is
 * what the runner itself costs (planning, fixtures, judging, scheduling, recording).
 */
export default async function run(): Promise<BenchSection[]> {
  const sandbox = await startSandbox({ users: 100 });
  const dir = mkdtempSync(join(tmpdir(), 'bench-conformance-'));
  let sink: CompletedExchange[] = [];
  const core = await compose({
    host: 'cli',
    dataDir: dir,
    sandbox: false,
    secrets: 'session',
    env: {},
    builtInEndpoints: () => [{ id: 'bench', name: 'bench', baseUrl: sandbox.baseUrl, token: sandbox.token }],
    exchangeSink: { record: (completed) => sink.push(completed) },
  });
  const dispatcher = new Agent();
  const options = { endpointId: 'bench', profile: 'rfc' as const, readOnly: false, only: [] as string[], concurrency: CONCURRENCY };
  const untimed = { ...options, only: CHECKS.filter((c) => !TIMED.has(c.id)).map((c) => c.id) };
  const record = (o: typeof options) => measure(() => core.conformance.run(o), () => (sink = []), () => replayable(sink, sandbox.token), dispatcher);

  const whole = await record(options);
  const recorded = await record(untimed);
  await core.router.dispatch('settings.update', { history: { enabled: false } }, { origin: 'bench' });
  const unrecorded = await record(untimed);

  await dispatcher.close();
  await core.dispose();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
  return [wholeSection(whole), overheadSection(recorded, unrecorded)];
}

interface Measured {
  run: ConformanceRun;
  runs: number[];
  bare: number[];
  runCpu: number[];
  bareCpu: number[];
  requests: number;
}

async function measure(runIt: () => Promise<ConformanceRun>, reset: () => void, recorded: () => Recorded[], dispatcher: Agent): Promise<Measured> {
  const runOnce = async (): Promise<{ run: ConformanceRun; ms: number; cpuMs: number; requests: Recorded[] }> => {
    reset();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await runIt();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { run: result, ms, cpuMs: (used.user + used.system) / 1000, requests: recorded() };
  };

  // warm-up: JIT, connections, SQLite pages
  let warm = await runOnce();
  await replay(warm.requests, warm.run, CONCURRENCY, dispatcher);
  for (let i = 1; i < WARM_UP; i++) {
    warm = await runOnce();
    await replay(warm.requests, warm.run, CONCURRENCY, dispatcher);
  }

  const runs: number[] = [];
  const bare: number[] = [];
  const runCpu: number[] = [];
  const bareCpu: number[] = [];
  let last = warm;
  for (let round = 0; round < ROUNDS; round++) {
    last = await runOnce();
    runs.push(last.ms);
    runCpu.push(last.cpuMs);
    const cpu = process.cpuUsage();
    bare.push(await replay(last.requests, last.run, CONCURRENCY, dispatcher));
    const used = process.cpuUsage(cpu);
    bareCpu.push((used.user + used.system) / 1000);
  }

  return { run: last.run, runs, bare, runCpu, bareCpu, requests: last.requests.length };
}

function wholeSection({ run: last, runs, requests }: Measured): BenchSection {
  const checks = last.checks.length;
  const wall = median(runs);
  const rate = checks / (wall / 1000);
  const s = last.summary;
  const timed = last.checks.filter((c) => TIMED.has(c.id) && c.status !== 'skip').map((c) => c.id);
  return {
    title: 'Conformance run',
    issue: 13,
    markdown: [
      `A full run of every check in the catalogue (${CHECKS.length} implemented; profile \`rfc\`, ${CONCURRENCY} requests at once) against the sandbox on`,
      '127.0.0.1 (100 seeded users), through the composed app: request engine, history in SQLite, the run kept in SQLite, secrets scrubbed.',
      `Median of ${ROUNDS} runs after ${WARM_UP} warm-up runs; ${requests} requests a run. Part of the wall time is waiting on purpose:`,
      `${timed.join(', ')} pace requests (25/s for 3 s), wait out a timestamp or measure latency.`,
      '',
      `Last run: ${checks} checks (${s.passed} passed, ${s.failed} failed, ${s.warned} warned, ${s.skipped} skipped).`,
      '',
      table(['path', 'wall ms (median)', 'min ms', 'checks/s'], [['conformance run (app)', fmt(wall, 1), fmt(Math.min(...runs), 1), fmt(rate, 1)]]),
    ].join('\n'),
    data: { checks, requests, runs, checksPerSecond: rate },
    targets: [{ name: 'whole catalogue under 20 s', met: wall < 20_000, detail: `${fmt(wall / 1000, 2)} s for ${checks} checks (${fmt(rate, 1)} checks/s)` }],
  };
}

function overheadSection(on: Measured, off: Measured): BenchSection {
  const row = (label: string, m: Measured) => [label, fmt(median(m.runs), 1), fmt(median(m.runCpu), 1), fmt(median(m.bare), 1), fmt(median(m.bareCpu), 1), `${fmt((median(m.runs) / median(m.bare) - 1) * 100, 1)} %`];
  const overhead = median(on.runs) / median(on.bare) - 1;
  const offOverhead = median(off.runs) / median(off.bare) - 1;
  return {
    title: 'Conformance runner overhead',
    issue: 13,
    markdown: [
      `The catalogue without the checks that wait on purpose (${[...TIMED].join(', ')}): ${on.run.checks.length} checks, ${on.requests} requests a run,`,
      `side by side with the exact requests of that run replayed with undici's bare \`request\` in the run's shape (each check's requests`,
      `one after another, ${CONCURRENCY * 2} checks and ${CONCURRENCY} requests at once, discovery first and cleanup last): what the same HTTP`,
      `work costs without the app. The sandbox runs in the same process for both. Median of ${ROUNDS} rounds after ${WARM_UP} warm-up rounds.`,
      '',
      table(
        ['run', 'app wall ms', 'app CPU ms', 'bare wall ms', 'bare CPU ms', 'overhead'],
        [row('history recording on (default)', on), row('history recording off', off)],
      ),
      '',
      'The app records every exchange in history (redacted, in SQLite with a full-text index over the bodies); with recording off the',
      'difference is the runner and the request engine alone.',
    ].join('\n'),
    data: { on, off, overhead, offOverhead },
    targets: [{ name: 'runner overhead under 15 % over the same requests bare', met: overhead < 0.15, detail: `${fmt(overhead * 100, 1)} % (history off: ${fmt(offOverhead * 100, 1)} %)` }],
  };
}
