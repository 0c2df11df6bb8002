import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import type { RequestSpec } from '@shared/model/request-spec';
import { defaultSettings } from '@shared/model/settings';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { BlobStore } from '../src/main/services/blobs/blob-store';
import { EndpointsService } from '../src/main/services/endpoints/endpoints-service';
import { HttpEngine } from '../src/main/services/http/engine';
import { createMemoryLogger } from '../src/main/services/log/logger';
import { startSandbox } from '../src/main/services/sandbox/sandbox';
import { SessionStore } from '../src/main/services/vault/secret-store';
import { Vault } from '../src/main/services/vault/vault';
import { fmt, latencies, median, percentile, rssMiB, table } from './lib/measure';
import type { BenchSection } from './lib/section';

const COUNT = 2000;
const ROUNDS = 10;
const MEMORY_COUNT = 10_000;

/**
 * The request engine's own cost: the full path (endpoint lookup, variables, bearer auth, the
 * endpoint's pool, capture of headers/timings/connection, body read, blob, redaction, exchange)
 * against a bare `fetch` of the same URL with the same token, both against the sandbox on loopback.
 */
export default async function run(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  const sandbox = await startSandbox({ users: 100 });
  const scrubber = new SecretScrubber();
  const log = createMemoryLogger(scrubber);
  // the Sandbox is a built-in endpoint: its token comes from memory, so no keychain is involved
  const vault = new Vault({ keychain: new SessionStore(), scrubber, log });
  const endpoints = new EndpointsService({
    path: join(dir, 'endpoints.json'),
    vault,
    scrubber,
    log,
    builtIns: () => [{ id: 'sandbox', name: 'Sandbox', baseUrl: sandbox.baseUrl, token: sandbox.token }],
  });
  // previews of 1 KiB: every answer (≈17 KiB) goes through the blob store, bounded at 16 MiB
  const http = { ...defaultSettings().http, previewBytes: 1024 };
  const blobs = new BlobStore({ budgetBytes: 16 * 1024 * 1024 });
  const engine = new HttpEngine({ endpoints, settings: () => http, blobs, scrubber, log, bodiesDir: join(dir, 'bodies'), env: {} });
  // a session that has used a few endpoints knows a few secrets: every body is searched for each
  for (let i = 0; i < 4; i++) scrubber.add(randomBytes(24).toString('base64url'));

  const spec: RequestSpec = { endpointId: 'sandbox', method: 'GET', path: '/Users?startIndex={{start}}&count={{count}}', headers: [{ name: 'X-Trace', value: 'bench-{{count}}', enabled: true }], body: undefined, variables: { start: '1', count: '10' } };
  const url = `${sandbox.baseUrl}/Users?startIndex=1&count=10`;
  const headers = { authorization: `Bearer ${sandbox.token}`, accept: 'application/scim+json', 'x-trace': 'bench-10' };

  const viaEngine = async () => {
    const { exchange } = await engine.execute(spec, { record: false });
    if (exchange.response?.status !== 200) throw new Error(`engine: ${exchange.error?.message ?? exchange.response?.status}`);
  };
  // the same engine with the default settings: bodies under 256 KiB travel inline, not as blobs
  const defaults = defaultSettings().http;
  const inline = new HttpEngine({ endpoints, settings: () => defaults, blobs, scrubber, log, bodiesDir: join(dir, 'bodies'), env: {} });
  const viaInline = async () => {
    const { exchange } = await inline.execute(spec, { record: false });
    if (exchange.response?.status !== 200) throw new Error(`engine: ${exchange.error?.message ?? exchange.response?.status}`);
  };
  const bare = async () => {
    const response = await fetch(url, { headers });
    await response.text();
    if (response.status !== 200) throw new Error(`bare: ${response.status}`);
  };
  // the HTTP client the engine is built on, bare, on a pool of its own: what the engine's own work costs
  const pool = new Agent();
  const bareRequest = async () => {
    const response = await request(url, { headers, dispatcher: pool });
    await response.body.arrayBuffer();
    if (response.statusCode !== 200) throw new Error(`bare request: ${response.statusCode}`);
  };

  // alternate blocks so drift (GC, CPU frequency, other load) hits both alike; CPU time is counted
  // too, as it suffers less from other processes on a shared machine than wall time does
  const ours: number[] = [];
  const peer: number[] = [];
  const inlined: number[] = [];
  const lower: number[] = [];
  const cpu = { ours: 0, peer: 0, inlined: 0, lower: 0 };
  const load = loadavg()[0]!;
  const block = async (fn: () => Promise<void>, into: number[], key: keyof typeof cpu) => {
    const before = process.cpuUsage();
    into.push(...(await latencies(fn, COUNT / ROUNDS, 20)));
    const used = process.cpuUsage(before);
    cpu[key] += (used.user + used.system) / 1000;
  };
  for (let round = 0; round < ROUNDS; round++) {
    await block(viaEngine, ours, 'ours');
    await block(bare, peer, 'peer');
    await block(viaInline, inlined, 'inlined');
    await block(bareRequest, lower, 'lower');
  }
  const per = COUNT + 20 * ROUNDS;
  const cpuPer = { ours: cpu.ours / per, peer: cpu.peer / per, inlined: cpu.inlined / per, lower: cpu.lower / per };

  const samples: { after: number; rss: number }[] = [];
  for (let i = 1; i <= MEMORY_COUNT; i++) {
    await viaEngine();
    if (i % 1000 === 0) samples.push({ after: i, rss: rssMiB() });
  }

  await engine.close();
  await inline.close();
  await pool.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });

  const added = median(ours) - median(peer);
  const ratio = median(ours) / median(peer);
  const first = samples[0]!.rss;
  const last = samples.at(-1)!.rss;
  const secondHalf = samples.slice(samples.length / 2);
  const growthLate = secondHalf.at(-1)!.rss - secondHalf[0]!.rss;
  return {
    title: 'Request engine overhead',
    issue: 5,
    markdown: [
      `${COUNT} sequential \`GET /Users?startIndex=1&count=10\` (a SCIM ListResponse of about 17 KiB) to the embedded sandbox on 127.0.0.1,`,
      'through the full engine (built-in endpoint, `{{variables}}` in path and header, bearer auth, the endpoint\'s undici pool with our',
      'connector, capture of wire headers, timings and connection, body read, blob store (1 KiB previews, so every body is a blob),',
      'header redaction and secret scrubbing with 5 known secrets, the HttpExchange) versus Node\'s bare `fetch` of the same URL with the',
      `same headers, in alternating blocks of ${COUNT / ROUNDS}. A fourth client is undici's \`request\` bare, on a pool of its own: the HTTP`,
      'API the engine is built on, so the engine\'s own work is visible too.',
      '',
      table(
        ['client', 'median ms', 'p95 ms', 'p99 ms'],
        [
          ['SCIM Inspector engine', fmt(median(ours), 3), fmt(percentile(ours, 95), 3), fmt(percentile(ours, 99), 3)],
          ['bare fetch', fmt(median(peer), 3), fmt(percentile(peer, 95), 3), fmt(percentile(peer, 99), 3)],
          ['engine, default settings (17 KiB body inline, no blob)', fmt(median(inlined), 3), fmt(percentile(inlined, 95), 3), fmt(percentile(inlined, 99), 3)],
          ['bare undici `request` (the engine\'s HTTP layer)', fmt(median(lower), 3), fmt(percentile(lower, 95), 3), fmt(percentile(lower, 99), 3)],
        ],
      ),
      '',
      `Added per request over bare fetch (median): **${fmt(added, 3)} ms**; ratio **${fmt(ratio, 3)}×**.`,
      `Default settings: added ${fmt(median(inlined) - median(peer), 3)} ms, ratio ${fmt(median(inlined) / median(peer), 3)}×.`,
      `Over bare undici \`request\`, the engine's own work: added ${fmt(median(ours) - median(lower), 3)} ms, ratio ${fmt(median(ours) / median(lower), 3)}×.`,
      `CPU time per request (client and sandbox share the process): engine ${fmt(cpuPer.ours, 3)} ms, default settings ${fmt(cpuPer.inlined, 3)} ms, bare fetch ${fmt(cpuPer.peer, 3)} ms (${fmt(cpuPer.ours / cpuPer.peer, 3)}× and ${fmt(cpuPer.inlined / cpuPer.peer, 3)}×), bare \`request\` ${fmt(cpuPer.lower, 3)} ms.`,
      '',
      'The engine sends with undici\'s `request` API on the endpoint\'s pool rather than with `fetch` (through ky or not). Fetch\'s',
      `WHATWG layer (Request, Response and Headers objects, web streams) over that same API took ${fmt(median(peer) - median(lower), 3)} ms a request in this run`,
      `(bare fetch minus bare \`request\`), ${median(peer) - median(lower) > median(ours) - median(lower) ? 'more' : 'less'} than all of the engine's own work (secret search over every body, blob, redaction,`,
      'capture, the exchange record). The engine decodes gzip/deflate/br/zstd bodies itself, as fetch did. ky still makes the OAuth token request.',
      `Machine load average when the run started: ${fmt(load, 2)} on ${cpus().length} cores.`,
      '',
      `Resident memory over ${MEMORY_COUNT.toLocaleString('en-US')} more requests through the engine (blob store bounded at 16 MiB):`,
      '',
      table(['after requests', 'RSS MiB'], samples.map((s) => [s.after.toLocaleString('en-US'), fmt(s.rss, 1)])),
    ].join('\n'),
    data: { count: COUNT, load, cpuPerRequest: cpuPer, engine: { median: median(ours), p95: percentile(ours, 95) }, inline: { median: median(inlined), p95: percentile(inlined, 95) }, bare: { median: median(peer), p95: percentile(peer, 95) }, bareRequest: { median: median(lower), p95: percentile(lower, 95) }, added, ratio, rss: samples },
    targets: [
      { name: 'engine adds under 1 ms per request (median)', met: added < 1, detail: `${fmt(added, 3)} ms` },
      { name: 'engine / bare fetch under 1.10 (median)', met: ratio < 1.1, detail: `${fmt(ratio, 3)}×` },
      { name: 'resident memory flat over 10 000 requests', met: growthLate < 16, detail: `${fmt(first, 1)} → ${fmt(last, 1)} MiB; ${fmt(growthLate, 1)} MiB over the last ${secondHalf.length * 1000 - 1000} requests` },
    ],
  };
}
