import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fmt, median, percentile, table } from './lib/measure';
import type { BenchSection } from './lib/section';
import { getJson, runLoad, sequential, type LoadResult } from './sandbox/load';
import { buildServers, startProcess, type ServerProcess } from './sandbox/processes';
import { repoRoot } from './lib/paths';

const USERS = 10_000;
const LARGE = 100_000;
const TOKEN = 'bench-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const LOAD = { concurrency: 4, durationMs: 4000, minRequests: 4 };
/** SCIMMY takes about a minute per unfiltered page at 10 000 users here: it pages through a sample and extrapolates */
const PEER_PAGE_SAMPLE = [1, 5001];
const progress = (text: string) => process.stderr.write(`  sandbox bench: ${text}\n`);

interface Server {
  name: string;
  origin: string;
  /** path prefix of the SCIM base URL */
  base: string;
  process: ServerProcess;
}

function split(baseUrl: string): { origin: string; base: string } {
  const url = new URL(baseUrl);
  return { origin: url.origin, base: url.pathname };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The sandbox's users, page by page (this also proves paging works end to end). */
async function fetchAllUsers(server: Server): Promise<Json[]> {
  const users: Json[] = [];
  for (let start = 1; ; start += 1000) {
    const page = await getJson(server.origin, `${server.base}/Users?startIndex=${start}&count=1000`, auth);
    users.push(...(page.Resources as Json[]));
    if (users.length >= (page.totalResults as number)) return users;
  }
}

/** Pages through the users with count=100, one request after the other: all pages, or a sample extrapolated to all. */
async function pageThrough(server: Server, total: number, sample?: number[]): Promise<{ ms: number; requests: number; seen: number; extrapolated: boolean }> {
  const starts = sample ?? Array.from({ length: Math.ceil(total / 100) }, (_, i) => 1 + i * 100);
  const started = performance.now();
  let seen = 0;
  for (const start of starts) {
    const page = await getJson(server.origin, `${server.base}/Users?startIndex=${start}&count=100`, auth);
    seen += (page.Resources as unknown[]).length;
  }
  const elapsed = performance.now() - started;
  const pages = Math.ceil(total / 100);
  return { ms: (elapsed / starts.length) * pages, requests: starts.length, seen, extrapolated: starts.length < pages };
}

const row = (name: string, r: LoadResult) => [name, fmt(r.rps), fmt(median(r.latencies), 2), fmt(percentile(r.latencies, 95), 2), String(r.requests), Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(' ')];

/** The sandbox against SCIMMY (scimmy + scimmy-routers on Express 4), same users, same queries, over loopback HTTP. */
export default async function run(): Promise<BenchSection> {
  const loadStart = loadavg();
  // inside the project, so the bundles resolve express and scimmy from node_modules
  const scratch = resolve(repoRoot, '.tmp');
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, 'bench-sandbox-'));
  const servers: ServerProcess[] = [];
  try {
    const built = await buildServers(join(dir, 'out'));
    const sandboxProcess = await startProcess(built.sandbox, ['--users', String(USERS), `--token=${TOKEN}`]);
    servers.push(sandboxProcess);
    const sandbox: Server = { name: 'SCIM Inspector sandbox', ...split(/SCIM sandbox: (\S+)/.exec(sandboxProcess.line)![1]!), process: sandboxProcess };
    const users = await fetchAllUsers(sandbox);
    const file = join(dir, 'users.json');
    writeFileSync(file, JSON.stringify(users));
    const scimmyProcess = await startProcess(built.scimmy, [file, TOKEN]);
    servers.push(scimmyProcess);
    const scimmy: Server = { name: 'SCIMMY 1.3.5 (Express 4)', ...split(/SCIMMY: (\S+)/.exec(scimmyProcess.line)![1]!), process: scimmyProcess };

    const familyFilter = `/Users?filter=${encodeURIComponent('name.familyName co "sen"')}&count=50`;
    const userNames = users.filter((_, i) => i % 37 === 0).map((u) => u.userName as string);
    const ids = users.filter((_, i) => i % 41 === 0).map((u) => u.id as string);
    const queries: { name: string; path: (i: number) => string }[] = [
      { name: '`filter=name.familyName co "sen"&count=50`', path: () => familyFilter },
      { name: '`filter=userName eq "…"`', path: (i) => `/Users?filter=${encodeURIComponent(`userName eq "${userNames[i % userNames.length]}"`)}` },
      { name: '`GET /Users/{id}`', path: (i) => `/Users/${ids[i % ids.length]}` },
    ];

    // same answers first: a fast wrong server would prove nothing
    const agreement: string[][] = [];
    for (const server of [sandbox, scimmy]) {
      const filtered = await getJson(server.origin, `${server.base}${familyFilter}`, auth);
      const one = await getJson(server.origin, `${server.base}${queries[1]!.path(3)}`, auth);
      agreement.push([server.name, String(filtered.totalResults), String(filtered.itemsPerPage), String((filtered.Resources as unknown[]).length), String(one.totalResults)]);
    }

    const results: { query: string; ours: LoadResult; peer: LoadResult }[] = [];
    for (const query of queries) {
      progress(query.name);
      const ours = await runLoad(sandbox.origin, auth, (i) => `${sandbox.base}${query.path(i)}`, LOAD);
      const peer = await runLoad(scimmy.origin, auth, (i) => `${scimmy.base}${query.path(i)}`, LOAD);
      results.push({ query: query.name, ours, peer });
    }
    progress('paging');
    const pagingOurs = await pageThrough(sandbox, USERS);
    const pagingPeer = await pageThrough(scimmy, USERS, PEER_PAGE_SAMPLE);
    const rss10k = { ours: sandbox.process.rssMiB(), peer: scimmy.process.rssMiB() };
    for (const s of servers.splice(0)) await s.stop();

    progress(`${LARGE} users`);
    // the large tenant: only the sandbox (SCIMMY lists take seconds already at 10 000 users)
    const started = performance.now();
    const largeProcess = await startProcess(built.sandbox, ['--users', String(LARGE), `--token=${TOKEN}`]);
    servers.push(largeProcess);
    const startSeconds = (performance.now() - started) / 1000;
    const large: Server = { name: 'sandbox 100k', ...split(/SCIM sandbox: (\S+)/.exec(largeProcess.line)![1]!), process: largeProcess };
    const largeNames = (await fetchSome(large)).map((u) => u.userName as string);
    const eq = await sequential(large.origin, auth, (i) => `${large.base}/Users?filter=${encodeURIComponent(`userName eq "${largeNames[i % largeNames.length]}"`)}`, 2000);
    const largeFiltered = await runLoad(large.origin, auth, () => `${large.base}${familyFilter}`, { ...LOAD, durationMs: 3000 });
    const rssLarge = large.process.rssMiB();

    const filtered = results[0]!;
    const ratio = filtered.ours.rps / filtered.peer.rps;
    const eqLatency = eq.roundTrip;
    const eqMedian = median(eqLatency);
    const markdown = [
      `Both servers run in their own Node process (bundled with Vite), serve the same ${USERS.toLocaleString('en-US')} users (the sandbox's seed, copied into SCIMMY's store as the sandbox represents them) and get the same requests over loopback HTTP from a closed-loop load generator (undici, ${LOAD.concurrency} keep-alive connections, ≥ ${LOAD.durationMs / 1000} s per query).`,
      '',
      `The machine is shared: load average ${loadStart.map((l) => l.toFixed(1)).join(' / ')} at the start and ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end, on ${cpus().length} cores. Absolute times move with it; the ratios compare servers measured side by side.`,
      '',
      'Answers compared before timing:',
      '',
      table(['server', 'familyName co "sen": totalResults', 'itemsPerPage', 'Resources', 'userName eq: totalResults'], agreement),
      '',
      table(
        ['query', 'server', 'requests/s', 'median ms', 'p95 ms', 'requests', 'statuses'],
        results.flatMap((r) => [
          [r.query, ...row('sandbox', r.ours)],
          ['', ...row('SCIMMY', r.peer)],
        ]),
      ),
      '',
      table(
        ['paging through all users (`count=100`, sequential)', 'ms per full pass', 'pages requested', 'users seen', 'pages/s'],
        [
          ['sandbox', fmt(pagingOurs.ms, 0), String(pagingOurs.requests), String(pagingOurs.seen), fmt((USERS / 100 / pagingOurs.ms) * 1000)],
          ['SCIMMY', `${fmt(pagingPeer.ms, 0)}${pagingPeer.extrapolated ? ' (extrapolated)' : ''}`, String(pagingPeer.requests), String(pagingPeer.seen), fmt((USERS / 100 / pagingPeer.ms) * 1000, 3)],
        ],
      ),
      '',
      `SCIMMY's full pass is extrapolated from ${PEER_PAGE_SAMPLE.length} pages (startIndex ${PEER_PAGE_SAMPLE.join(' and ')}): each unfiltered page costs it about as much as listing all users.`,
      '',
      `Filtered list: **${fmt(ratio)}×** SCIMMY's requests per second. Resident memory after the runs at ${USERS.toLocaleString('en-US')} users: sandbox ${fmt(rss10k.ours, 0)} MiB, SCIMMY ${fmt(rss10k.peer, 0)} MiB.`,
      '',
      `At ${LARGE.toLocaleString('en-US')} users (sandbox alone; started and seeded in ${fmt(startSeconds, 1)} s): \`userName eq\` over ${eqLatency.length} sequential requests: median **${fmt(eqMedian, 3)} ms**, p95 ${fmt(percentile(eqLatency, 95), 3)} ms, p99 ${fmt(percentile(eqLatency, 99), 3)} ms, of which the server itself (its Server-Timing) median ${fmt(median(eq.server), 3)} ms; the \`co\` filtered list ${fmt(largeFiltered.rps)} requests/s (median ${fmt(median(largeFiltered.latencies), 1)} ms); resident memory **${fmt(rssLarge, 0)} MiB**.`,
    ].join('\n');
    return {
      title: 'Sandbox SCIM server against SCIMMY',
      issue: 4,
      markdown,
      data: {
        users: USERS,
        load: LOAD,
        queries: results.map((r) => ({
          query: r.query,
          ours: { rps: r.ours.rps, median: median(r.ours.latencies), p95: percentile(r.ours.latencies, 95), requests: r.ours.requests },
          scimmy: { rps: r.peer.rps, median: median(r.peer.latencies), p95: percentile(r.peer.latencies, 95), requests: r.peer.requests },
        })),
        paging: { ours: pagingOurs, scimmy: pagingPeer },
        rssMiB: { users10k: rss10k, users100k: rssLarge },
        large: { users: LARGE, startSeconds, eqMedian, eqP95: percentile(eqLatency, 95), eqServerMedian: median(eq.server), filteredRps: largeFiltered.rps },
        loadAverage: { start: loadStart, end: loadavg() },
        agreement,
      },
      targets: [
        { name: 'filtered list ≥ 10× SCIMMY requests/s', met: ratio >= 10, detail: `${fmt(filtered.ours.rps)} vs ${fmt(filtered.peer.rps)} requests/s (${fmt(ratio)}×)` },
        { name: '`userName eq` median < 2 ms at 100 000 users', met: eqMedian < 2, detail: `${fmt(eqMedian, 3)} ms` },
        { name: 'resident memory at 100 000 users reported', met: Number.isFinite(rssLarge), detail: `${fmt(rssLarge, 0)} MiB` },
      ],
    };
  } finally {
    for (const s of servers) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fetchSome(server: Server): Promise<Json[]> {
  const page = await getJson(server.origin, `${server.base}/Users?startIndex=1&count=1000&attributes=userName`, auth);
  const later = await getJson(server.origin, `${server.base}/Users?startIndex=90001&count=1000&attributes=userName`, auth);
  return [...(page.Resources as Json[]), ...(later.Resources as Json[])].filter((_, i) => i % 7 === 0);
}
