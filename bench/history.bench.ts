import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import type { DatabaseSync } from 'node:sqlite';
import { defaultSettings } from '@shared/model/settings';
import type { SavedRequest } from '@shared/model/collection';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { CollectionsService, type TreeNode } from '../src/main/services/collections/collections-service';
import { openDatabase } from '../src/main/services/history/database';
import { HistoryRedaction } from '../src/main/services/history/entry-row';
import { HistoryStore } from '../src/main/services/history/history-store';
import { createMemoryLogger } from '../src/main/services/log/logger';
import type { CompletedExchange } from '../src/main/services/exchange-sink';
import { syntheticExchange } from '../test/fixtures/synthetic-exchange';
import { fmt, median, percentile, table } from './lib/measure';
import type { BenchSection } from './lib/section';

const TOTAL = 100_000;
/** rows inserted by both paths into fresh databases for the rate comparison */
const COMPARED = 20_000;
/** rounds of the rate comparison (median ratio) */
const ROUNDS = 3;
/** entries handed over per turn of the event loop (a burst of sends); the bare path commits the same batches */
const BATCH = 100;
const BODY_BYTES = 2048;

/**
 * The exchanges recorded: the synthetic SCIM traffic, and every 5th one carrying credentials the
 * vault does not hold (a `password` in the request body, `?access_token=` in the URL, a token the
 * engine met in a typed Authorization header and the server echoed), so the rule set does real work.
 */
function exchange(i: number): CompletedExchange {
  const completed = syntheticExchange(i, { bodyBytes: BODY_BYTES });
  if (i % 5 !== 0) return completed;
  const typed = `typed-token-${i}-0123456789`;
  const { exchange: ex } = completed;
  const requestBody = encoder.encode(JSON.stringify({ userName: `person${i}@example.com`, password: `Secret-${i}-pw!` }));
  return {
    exchange: {
      ...ex,
      request: { ...ex.request, url: `${ex.request.url}?access_token=url-token-${i}-abcdef`, body: { size: requestBody.byteLength, preview: '', truncated: false } },
    },
    requestBody,
    responseBody: encoder.encode(`${decoder.decode(completed.responseBody!).slice(0, -2)},\n  "echo": "Bearer ${typed}"\n}`),
    secrets: [`Bearer ${typed}`, typed],
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function dirSize(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const stat = statSync(join(dir, name));
    if (stat.isFile()) total += stat.size;
  }
  return total;
}

/**
 * The recording path as the request engine drives it: `record()` per exchange, the store writes on the
 * next turn. The exchanges are built before the clock starts, as the bare path's rows are: building them
 * is the engine's work, not recording's.
 */
async function recordRange(store: HistoryStore, from: number, to: number, batch: number = BATCH): Promise<number> {
  let elapsed = 0;
  for (let i = from; i < to; i += batch) {
    const exchanges: CompletedExchange[] = [];
    for (let k = i; k < Math.min(to, i + batch); k++) exchanges.push(exchange(k));
    const start = performance.now();
    for (const completed of exchanges) store.record(completed);
    await turn();
    elapsed += performance.now() - start;
  }
  const start = performance.now();
  store.flush();
  return elapsed + performance.now() - start;
}

/** The floor: the same rows (already redacted and serialised, for free) inserted with one prepared statement. */
function bareInsert(db: DatabaseSync, count: number): number {
  const redaction = new HistoryRedaction(new SecretScrubber());
  const insert = db.prepare(`INSERT INTO entries (uid, started_at, endpoint_id, endpoint_name, method, url, status, error_kind, duration_ms,
    req_bytes, res_bytes, req_body, res_body, req_file, res_file, meta, stored_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let elapsed = 0;
  for (let i = 0; i < count; i += BATCH) {
    const rows = [];
    for (let k = i; k < Math.min(count, i + BATCH); k++) rows.push(redaction.row(exchange(k), 256 * 1024));
    const start = performance.now();
    db.exec('BEGIN');
    for (const r of rows) {
      insert.run(r.uid, r.startedAt, r.endpointId, r.endpointName, r.method, r.url, r.status, r.errorKind, r.durationMs, r.requestBytes, r.responseBytes, r.request.inline, r.response.inline, null, null, r.meta, 1);
    }
    db.exec('COMMIT');
    elapsed += performance.now() - start;
  }
  return elapsed;
}

function timed<T>(fn: () => T): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

async function collectionOpen(dir: string): Promise<{ samples: number[]; requests: number }> {
  const options = { dir: join(dir, 'collections'), registryFile: join(dir, 'collection-folders.json'), scrubber: new SecretScrubber(), log: createMemoryLogger(), watch: false };
  const writer = new CollectionsService(options);
  await writer.init();
  const collection = await writer.create({ name: 'Large' });
  const request = (f: number, r: number): SavedRequest => ({
    version: 1,
    name: `Request ${f}-${r}`,
    method: r % 2 ? 'GET' : 'POST',
    path: `/Users/{{userId}}?attributes=userName,emails&n=${r}`,
    headers: [{ name: 'Accept', value: 'application/scim+json', enabled: true }],
    ...(r % 2 ? {} : { body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `user${f}-${r}`, active: true }, null, 2) }),
    assertions: [],
    captures: [{ variable: 'userId', from: 'body', path: 'id' }],
  });
  const nodes: TreeNode[] = Array.from({ length: 30 }, (_, f) => ({ kind: 'folder', name: `Folder ${f}`, children: Array.from({ length: 100 }, (_, r) => ({ kind: 'request', request: request(f, r) })) }));
  await writer.writeTree(collection.id, '', nodes);
  const samples: number[] = [];
  let requests = 0;
  for (let run = 0; run < 5; run++) {
    // a new service each time: nothing cached, as when the app starts
    const reader = new CollectionsService(options);
    await reader.init();
    const start = performance.now();
    const loaded = await reader.get(collection.id);
    samples.push(performance.now() - start);
    requests = loaded.items.filter((i) => i.kind === 'request').length;
    if (loaded.problems.length) throw new Error(`unexpected problems: ${loaded.problems[0]!.message}`);
  }
  return { samples, requests };
}

export default async function run(): Promise<BenchSection> {
  const load = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'bench-history-'));
  const settings = { ...defaultSettings().history, maxEntries: 10_000_000, maxAgeDays: 1_000_000, maxBytes: 1024 ** 4 };
  const newStore = (name: string) => {
    const scrubber = new SecretScrubber();
    // a vault with secrets, as in use: the scrubber checks every body for them
    for (let i = 0; i < 5; i++) scrubber.add(`vault-secret-${i}-${'x'.repeat(24)}`);
    return new HistoryStore({ dir: join(dir, name), scrubber, settings: () => settings, log: createMemoryLogger() });
  };

  // rounds into fresh databases, the two paths one after the other, each store closed before the next
  // round (its quiet-time indexing must not run inside another's timing)
  const rounds: { oursMs: number; bareMs: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const ours = newStore(`ours-${round}`);
    const oursMs = await recordRange(ours, 0, COMPARED);
    await ours.close();
    const bareDb = openDatabase(join(dir, `bare-${round}`));
    const bareMs = bareInsert(bareDb, COMPARED);
    bareDb.close();
    rounds.push({ oursMs, bareMs });
  }
  const oursMs = median(rounds.map((r) => r.oursMs));
  const bareMs = median(rounds.map((r) => r.bareMs));
  const ratio = median(rounds.map((r) => r.oursMs / r.bareMs));
  const store = newStore('ours');
  const restMs = await recordRange(store, 0, TOTAL);
  const oursRate = (COMPARED * 1000) / oursMs;
  const bareRate = (COMPARED * 1000) / bareMs;

  // search: a value found in one body among 100 000, a word in every body, and a filtered search
  const pick = (k: number) => Math.floor(((k * 7919) % 1000) / 1000 * TOTAL);
  const unique = Array.from({ length: 200 }, (_, k) => timed(() => {
    const page = store.list({ text: `marker${pick(k)}x`, limit: 50 });
    if (page.entries.length !== 1) throw new Error(`search for marker${pick(k)}x found ${page.entries.length}`);
  }));
  const common = Array.from({ length: 50 }, () => timed(() => store.list({ text: 'lorem', limit: 100 })));
  const filtered = Array.from({ length: 50 }, () => timed(() => store.list({ text: 'example', methods: ['PATCH'], statusClasses: ['4xx'], limit: 100 })));
  const newest = Array.from({ length: 500 }, () => timed(() => store.list({ limit: 100 })));
  let cursor: number | undefined;
  const deep: number[] = [];
  for (let p = 0; p < 200; p++) {
    deep.push(timed(() => (cursor = store.list({ limit: 100, ...(cursor !== undefined ? { cursor } : {}) }).nextCursor)));
  }
  const count = store.stats().count;
  await store.close();
  const bytes = dirSize(join(dir, 'ours'));
  const perEntry = bytes / count;

  const open = await collectionOpen(join(dir, 'col'));
  rmSync(dir, { recursive: true, force: true });

  const searchMedian = median(unique);
  const newestMedian = median(newest);
  const openMedian = median(open.samples);
  return {
    title: 'History and collections',
    issue: 7,
    markdown: [
      `${TOTAL.toLocaleString('en-US')} history entries with ~${BODY_BYTES.toLocaleString('en-US')}-byte JSON response bodies (SCIM users), \`node:sqlite\` in WAL mode with an FTS5 index over URL, method, status and bodies.`,
      '',
      `Insert rate, first ${COMPARED.toLocaleString('en-US')} rows into a fresh database each, ${ROUNDS} rounds (the two paths one after the other; medians, and the median of the rounds' ratios). Ours: \`HistoryStore.record()\` per exchange (the write-time redaction: secret headers, the credential rule set over URL, headers and bodies, 5 vault secrets and the credentials the engine met, in every string; serialisation, queue; every 5th exchange carries a \`password\` in its body, an \`?access_token=\` in its URL and a typed token echoed in the response), ${BATCH} exchanges per event-loop turn, written by the store in one transaction per turn. Bare: the same rows, already redacted and serialised outside the timer, inserted with one prepared statement in transactions of ${BATCH}, into the same schema. Neither path tokenizes bodies for the full-text index while it writes: the store indexes once writes are quiet (a search catches up first), so the index work is the same for both and outside both timings.`,
      '',
      table(
        ['path', 'rows/s', 'µs per row'],
        [
          ['SCIM Inspector recording path', fmt(oursRate, 0), fmt((oursMs * 1000) / COMPARED, 1)],
          ['bare node:sqlite insert', fmt(bareRate, 0), fmt((bareMs * 1000) / COMPARED, 1)],
        ],
      ),
      '',
      `Ratio: **${fmt(ratio)}×** the bare insert time (rounds: ${rounds.map((r) => `${fmt(r.oursMs / r.bareMs)}×`).join(', ')}). Recording all ${TOTAL.toLocaleString('en-US')} entries of the read tests below took ${fmt(restMs / 1000, 1)} s (${fmt((TOTAL * 1000) / restMs, 0)} rows/s).`,
      `Machine load average when the run started: ${fmt(load, 2)} on ${cpus().length} cores (absolute rates move with it; the ratio compares paths measured side by side).`,
      '',
      `Reads with ${count.toLocaleString('en-US')} entries:`,
      '',
      table(
        ['query', 'median ms', 'p95 ms'],
        [
          ['search a value from one body (`marker123x`), 200 different values', fmt(searchMedian, 3), fmt(percentile(unique, 95), 3)],
          ['search a word in every body (`lorem`), first 100', fmt(median(common), 3), fmt(percentile(common, 95), 3)],
          ['search + method + status class filters, first 100', fmt(median(filtered), 3), fmt(percentile(filtered, 95), 3)],
          ['newest page (100)', fmt(newestMedian, 3), fmt(percentile(newest, 95), 3)],
          ['pages 1–200 by keyset cursor (100 each)', fmt(median(deep), 3), fmt(percentile(deep, 95), 3)],
        ],
      ),
      '',
      `Storage: ${fmt(bytes / 1024 / 1024, 1)} MiB on disk after a checkpoint, **${fmt(perEntry, 0)} bytes per entry** (≈${fmt(BODY_BYTES + 700, 0)} bytes of content each; the rest is the full-text index).`,
      '',
      `Opening a collection of ${open.requests.toLocaleString('en-US')} requests in 30 folders (one \`*.request.json\` each), cold, 5 runs: median **${fmt(openMedian, 1)} ms** (p95 ${fmt(percentile(open.samples, 95), 1)} ms). Bruno's own benchmark reports 85–195 s for 3 000 requests.`,
    ].join('\n'),
    data: {
      total: TOTAL,
      compared: COMPARED,
      insert: { oursMs, bareMs, oursRate, bareRate, ratio, rounds },
      search: { unique: median(unique), common: median(common), filtered: median(filtered) },
      newestPage: newestMedian,
      deepPages: median(deep),
      bytesPerEntry: perEntry,
      collectionOpenMs: openMedian,
    },
    targets: [
      { name: 'recording path under 2× a bare insert', met: ratio < 2, detail: `${fmt(ratio)}× (${fmt(oursRate, 0)} vs ${fmt(bareRate, 0)} rows/s)` },
      { name: 'search median under 50 ms (100 000 entries)', met: searchMedian < 50, detail: `${fmt(searchMedian, 2)} ms` },
      { name: 'newest page median under 5 ms', met: newestMedian < 5, detail: `${fmt(newestMedian, 3)} ms` },
      { name: 'open a 3 000-request collection under 1 s', met: openMedian < 1000, detail: `${fmt(openMedian, 1)} ms` },
    ],
  };
}
