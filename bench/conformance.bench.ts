import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import type { ConformanceRun } from '@shared/model/conformance';
import { CATALOGUE, CHECKS } from '@shared/scim/checks';
import type { CheckDefinition, ScenarioCheck } from '@shared/scim/checks/types';
import { pass } from '@shared/scim/checks/verdicts';
import { compose } from '../src/main/compose';
import { ConformanceService } from '../src/main/services/conformance/conformance-service';
import { ConformanceRunner } from '../src/main/services/conformance/runner';
import { RunStore } from '../src/main/services/conformance/run-store';
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
      return { method: exchange.request.method, url: exchange.request.url, headers, body: requestBody ? Buffer.from(requestBody) : undefined };
    });
}

/** The same requests, in the same order, `concurrency` at a time, with undici's `request` and nothing else. */
async function replay(requests: Recorded[], concurrency: number, dispatcher: Agent): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++]!;
      const answer = await request(r.url, { method: r.method as 'GET', headers: r.headers, body: r.body, dispatcher });
      await answer.body.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - started;
}

/**
 * Checks shaped like the catalogue's (for the runner at catalogue scale while the catalogue is being
 * written): a third read with a filter over the shared users, a third create, read back and delete a
 * user of their own, a third create a user and PATCH it, then read it back. Every id of the catalogue.
 */
function syntheticChecks(): CheckDefinition[] {
  return CATALOGUE.map((entry, i): ScenarioCheck => {
    const kind = i % 3;
    if (kind === 0)
      return {
        id: entry.id,
        mutates: false,
        async run({ client, fixtures }) {
          const shared = await fixtures.sharedUsers();
          const answer = await client.send({ method: 'GET', path: `/Users?filter=${encodeURIComponent(`userName sw "${shared.prefix ?? ''}"`)}&count=10` });
          return pass(`${answer.status}`);
        },
      };
    if (kind === 1)
      return {
        id: entry.id,
        mutates: true,
        async run({ client, fixtures }) {
          const user = await fixtures.createUser();
          await client.send({ method: 'GET', path: `/Users/${user.id}` });
          const gone = await client.send({ method: 'DELETE', path: `/Users/${user.id}` });
          if (gone.status === 204) fixtures.untrack(user.endpoint, user.id);
          return pass('created, read, deleted');
        },
      };
    return {
      id: entry.id,
      mutates: true,
      async run({ client, fixtures }) {
        const user = await fixtures.createUser();
        await client.send({ method: 'PATCH', path: `/Users/${user.id}`, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: 'Engineer' }] } });
        await client.send({ method: 'GET', path: `/Users/${user.id}` });
        return pass('patched and read back');
      },
    };
  });
}

/**
 * A full conformance run (every check in CHECKS, rfc profile) against the sandbox on loopback, through
 * the composed app (request engine, history in SQLite, the run kept in SQLite, redaction), side by
 * side with the exact requests of that run sent bare with undici at the same concurrency: the
 * difference is what the runner itself costs (planning, fixtures, judging, scheduling, recording).
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
  const options = { endpointId: 'bench', profile: 'rfc' as const, readOnly: false, only: [], concurrency: CONCURRENCY };
  const real = await measure(() => core.conformance.run(options), () => (sink = []), () => replayable(sink, sandbox.token), dispatcher);
  const checks = syntheticChecks();
  const runner = new ConformanceRunner({ engine: core.engine, endpoint: () => ({ baseUrl: sandbox.baseUrl, name: 'bench', authKind: 'bearer' }), containsCredential: (text) => core.scrubber.contains(text), checks, version: 'bench', log: core.log });
  const store = new RunStore({ dir: join(dir, 'synthetic-runs'), scrubber: core.scrubber, log: core.log });
  const synthetic = new ConformanceService({ runner, store, history: core.history, scrubber: core.scrubber, checks });
  const scaled = await measure(() => synthetic.run(options), () => (sink = []), () => replayable(sink, sandbox.token), dispatcher);
  // the same again with history off: how much of the difference is recording every exchange (SQLite, FTS5 over bodies)
  await core.router.dispatch('settings.update', { history: { enabled: false } }, { origin: 'bench' });
  const unrecorded = await measure(() => synthetic.run(options), () => (sink = []), () => replayable(sink, sandbox.token), dispatcher);

  await dispatcher.close();
  store.close();
  await core.dispose();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
  const scaledSection = section(scaled, 'Conformance runner at catalogue scale', `${CATALOGUE.length} synthetic checks shaped like the catalogue's (filters over shared users, create/read/delete, create/PATCH/read; \`bench/conformance.bench.ts\`)`, 'synthetic catalogue');
  const off = unrecorded;
  const offOverhead = median(off.runs) / median(off.bare) - 1;
  scaledSection.markdown += [
    '',
    '',
    'Where the difference goes: the same synthetic run with history recording turned off (the app records every exchange in SQLite',
    'with a full-text index over the bodies; a run is 3 requests per check on average):',
    '',
    table(
      ['path', 'wall ms (median)', 'CPU ms (median)', 'overhead over bare'],
      [
        ['synthetic run, history on', fmt(median(scaled.runs), 1), fmt(median(scaled.runCpu), 1), `${fmt((median(scaled.runs) / median(scaled.bare) - 1) * 100, 1)} %`],
        ['synthetic run, history off', fmt(median(off.runs), 1), fmt(median(off.runCpu), 1), `${fmt(offOverhead * 100, 1)} %`],
        ['same requests, bare undici', fmt(median(off.bare), 1), fmt(median(off.bareCpu), 1), '—'],
      ],
    ),
  ].join('\n');
  scaledSection.data.historyOff = { runs: off.runs, bare: off.bare, runCpu: off.runCpu, bareCpu: off.bareCpu, overhead: offOverhead };
  return [section(real, 'Conformance run', `every check in the catalogue (${CHECKS.length} implemented`), scaledSection];
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
  await replay(warm.requests, CONCURRENCY, dispatcher);
  for (let i = 1; i < WARM_UP; i++) {
    warm = await runOnce();
    await replay(warm.requests, CONCURRENCY, dispatcher);
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
    bare.push(await replay(last.requests, CONCURRENCY, dispatcher));
    const used = process.cpuUsage(cpu);
    bareCpu.push((used.user + used.system) / 1000);
  }

  return { run: last.run, runs, bare, runCpu, bareCpu, requests: last.requests.length };
}

function section({ run: lastRun, runs, bare, runCpu, bareCpu, requests }: Measured, title: string, what: string, label = 'whole catalogue'): BenchSection {
  const last = { run: lastRun };
  const checks = last.run.checks.length;
  const judged = checks - last.run.summary.skipped;
  const wall = median(runs);
  const peer = median(bare);
  const overhead = wall / peer - 1;
  const rate = checks / (wall / 1000);
  const s = last.run.summary;
  return {
    title,
    issue: 13,
    markdown: [
      `A full run of ${what}, profile \`rfc\`, ${CONCURRENCY} requests at once) against the sandbox on`,
      '127.0.0.1 (100 seeded users), through the composed app: request engine, history in SQLite, the run kept in SQLite, secrets scrubbed.',
      `The peer is the exact list of requests that run sent (${requests}), replayed in the same order with undici's bare \`request\`,`,
      `${CONCURRENCY} at a time: what the same HTTP work costs without the runner. Median of ${ROUNDS} rounds after ${WARM_UP} warm-up rounds; each round replays`,
      'the requests of its own run. The replay has no dependencies between requests (a check waits for its create before its read), so the',
      'comparison charges the runner for its ordering as well as for its own work.',
      '',
      `Last run: ${checks} checks (${s.passed} passed, ${s.failed} failed, ${s.warned} warned, ${s.skipped} skipped), ${judged} judged.`,
      '',
      table(
        ['path', 'wall ms (median)', 'min ms', 'CPU ms (median)', 'checks/s'],
        [
          ['conformance run (app)', fmt(wall, 1), fmt(Math.min(...runs), 1), fmt(median(runCpu), 1), fmt(rate, 1)],
          ['same requests, bare undici', fmt(peer, 1), fmt(Math.min(...bare), 1), fmt(median(bareCpu), 1), '—'],
        ],
      ),
      '',
      `Runner overhead over the bare requests: **${fmt(overhead * 100, 1)} %** (wall time, medians).`,
    ].join('\n'),
    data: { checks, judged, requests, runs, bare, runCpu, bareCpu, overhead, checksPerSecond: rate },
    targets: [
      { name: `${label} under 20 s`, met: wall < 20_000, detail: `${fmt(wall / 1000, 2)} s for ${checks} checks (${fmt(rate, 1)} checks/s)` },
      { name: `${label}: runner overhead under 15 % over the same requests bare`, met: overhead < 0.15, detail: `${fmt(overhead * 100, 1)} % (${fmt(wall, 1)} vs ${fmt(peer, 1)} ms)` },
    ],
  };
}
