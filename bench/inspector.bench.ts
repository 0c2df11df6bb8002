import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { compose } from '../src/main/compose';
import { startWebHost } from '../src/main/hosts/web/server';
import { fmt, median, table } from './lib/measure';
import type { BenchSection } from './lib/section';
import { repoRoot } from './lib/paths';

const root = repoRoot;

/** What the callbacks given to `page.evaluate` see (they run in the page; this file is typed for Node). */
interface PageGlobals {
  document: {
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
    querySelectorAll(selector: string): Iterable<{ textContent: string | null; click(): void }>;
  };
  requestAnimationFrame(callback: () => void): number;
  harness: {
    ready: boolean;
    bodiesIn?: string;
    longTasks: { start: number; duration: number }[];
    clear(): void;
    send(path: string): Promise<{ sentAt: number; receivedAt: number; size: number; blobId?: string }>;
  };
}
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

function user(i: number) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    id: `2819c223-7f76-453a-919d-${String(i).padStart(12, '0')}`,
    externalId: `ext-${i}`,
    userName: `user${i}@example.com`,
    name: { formatted: `Given${i} Family${i}`, familyName: `Family${i}`, givenName: `Given${i}` },
    displayName: `Given${i} Family${i}`,
    active: i % 7 !== 0,
    emails: [{ value: `user${i}@example.com`, type: 'work', primary: true }],
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: String(100000 + i), department: ['R&D', 'Sales', 'Ops'][i % 3] },
    meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z', lastModified: '2024-06-01T00:00:00Z', location: `https://scim.example.com/Users/${i}`, version: `W/"${i}"` },
  };
}

function listOf(count: number): Buffer {
  const resources = Array.from({ length: count }, (_, i) => user(i));
  return Buffer.from(JSON.stringify({ schemas: [LIST], totalResults: count, itemsPerPage: count, startIndex: 1, Resources: resources }));
}

/** A SCIM-ish server: /Users (10 000 users at once) and /Big (about 50 MB, streamed in 1 MiB pieces over about 2 s). */
async function startServer(): Promise<{ baseUrl: string; bigSize: number; tenThousandSize: number; close(): Promise<void> }> {
  const tenThousand = listOf(10_000);
  let big = listOf(10_000);
  for (let n = 10_000; big.length < 50 * 1024 * 1024; n += 10_000) big = listOf(Math.round(n * ((50 * 1024 * 1024) / big.length)) + 1);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/scim/Users') {
      res.writeHead(200, { 'content-type': 'application/scim+json', 'content-length': tenThousand.length }).end(tenThousand);
      return;
    }
    if (path === '/scim/Big') {
      res.writeHead(200, { 'content-type': 'application/scim+json', 'content-length': big.length });
      let at = 0;
      const step = 1024 * 1024;
      const next = () => {
        if (at >= big.length) return void res.end();
        res.write(big.subarray(at, at + step));
        at += step;
        setTimeout(next, 40);
      };
      next();
      return;
    }
    res.writeHead(404, { 'content-type': 'application/scim+json' }).end('{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/scim`, bigSize: big.length, tenThousandSize: tenThousand.length, close: () => new Promise((r) => server.close(() => r())) };
}

/** Waits in the page until `selector` is in the document, clicking a "Show the body" button if one asks first. */
async function untilShown(page: Page, selector: string): Promise<number> {
  return page.evaluate(
    (sel) =>
      new Promise<number>((resolveShown) => {
        const check = () => {
          const page = globalThis as unknown as PageGlobals;
          const ask = [...page.document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Show the body'));
          if (ask) ask.click();
          if (page.document.querySelector(sel)) resolveShown(performance.now());
          else page.requestAnimationFrame(check);
        };
        check();
      }),
    selector,
  );
}

const FIRST_ROW = '[role="table"] [role="row"][aria-rowindex="2"]';
const FIRST_LINE = '.ins-lines .ins-line .ins-line-text:not(:empty)';

export interface HarnessSetup {
  page: Page;
  scim: Awaited<ReturnType<typeof startServer>>;
  errors: string[];
  close(): Promise<void>;
}

/** Builds the harness, starts the SCIM server, a core and the web host, and opens the page in Chromium. */
export async function openHarness(options: { minify?: boolean } = {}): Promise<HarnessSetup> {
  const work = mkdtempSync(join(tmpdir(), 'bench-inspector-'));
  const staticDir = join(work, 'harness');
  // the bench runner's dev server set NODE_ENV=development; the app ships React's production build
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({
    root: join(root, 'bench', 'inspector-harness'),
    configFile: false,
    logLevel: 'error',
    mode: 'production',
    plugins: [react()],
    resolve: { alias: { '@shared': join(root, 'src/shared') } },
    build: { outDir: staticDir, emptyOutDir: true, minify: options.minify ?? true, chunkSizeWarningLimit: 8000 },
  }).finally(() => {
    process.env.NODE_ENV = nodeEnv;
  });
  const scim = await startServer();
  const core = await compose({ host: 'web', dataDir: join(work, 'data'), builtInEndpoints: () => [{ id: 'bench', name: 'Bench', baseUrl: scim.baseUrl, token: 'bench-token' }] });
  const host = await startWebHost({ core, staticDir });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  await page.goto(host.url);
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).harness?.ready === true).catch((error: unknown) => {
    throw new Error(`the harness page did not get ready: ${errors.join('; ') || String(error)}`);
  });
  return {
    page,
    scim,
    errors,
    async close() {
      await browser.close();
      await host.close();
      await core.dispose();
      await scim.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export default async function run(): Promise<BenchSection> {
  const { page, scim, errors, close } = await openHarness();
  try {
    const bodiesIn = await page.evaluate(() => (globalThis as unknown as PageGlobals).harness.bodiesIn);

    // 10 000 users to table: from the answer reaching the page to the first row on screen
    const toTable: number[] = [];
    const tableTasks: number[] = [];
    for (let i = 0; i < 6; i++) {
      await page.evaluate(() => (globalThis as unknown as PageGlobals).harness.clear());
      const sent = await page.evaluate(() => (globalThis as unknown as PageGlobals).harness.send('/Users'));
      const shownAt = await untilShown(page, FIRST_ROW);
      const longest = await page.evaluate((from) => Math.max(0, ...(globalThis as unknown as PageGlobals).harness.longTasks.filter((t) => t.start >= from).map((t) => t.duration)), sent.receivedAt);
      // the first run warms the caches (Monaco is not involved; the worker and the chunks load once)
      if (i > 0) {
        toTable.push(shownAt - sent.receivedAt);
        tableTasks.push(longest);
      }
    }
    const rowCount = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelector('[role="table"]')?.getAttribute('aria-rowcount'));

    // 50 MB arriving: every long task from the send until the table and the body's first lines are on screen
    const bigRuns: { longest: number; count: number; arrival: number; toTable: number; toBody: number }[] = [];
    let bigBlob: string | undefined;
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => (globalThis as unknown as PageGlobals).harness.clear());
      const sent = await page.evaluate(() => (globalThis as unknown as PageGlobals).harness.send('/Big'));
      const tableAt = await untilShown(page, FIRST_ROW);
      await page.getByRole('tab', { name: 'Body' }).click();
      const bodyAt = await untilShown(page, FIRST_LINE);
      const tasks = await page.evaluate((from) => (globalThis as unknown as PageGlobals).harness.longTasks.filter((t) => t.start >= from), sent.sentAt);
      bigBlob = sent.blobId;
      bigRuns.push({
        longest: Math.max(0, ...tasks.map((t) => t.duration)),
        count: tasks.length,
        arrival: sent.receivedAt - sent.sentAt,
        toTable: tableAt - sent.receivedAt,
        toBody: bodyAt - sent.receivedAt,
      });
    }

    // the naive way, for scale: the same 50 MB parsed and laid out on the main thread
    const naive = await page.evaluate(async (blobId) => {
      const text = await (await fetch(`/api/blobs/${encodeURIComponent(blobId ?? '')}`)).text();
      const start = performance.now();
      const value: unknown = JSON.parse(text);
      const parsed = performance.now();
      JSON.stringify(value, null, 2);
      return { parse: parsed - start, layout: performance.now() - parsed };
    }, bigBlob).catch(() => undefined);

    const worstBig = Math.max(...bigRuns.map((r) => r.longest));
    const medianTable = median(toTable);
    return {
      title: 'Response inspector',
      issue: 6,
      markdown: [
        'The response inspector alone on a page (`bench/inspector-harness`), served by the real web host and reading bodies through its bridge, in headless Chromium',
        '(`/usr/bin/chromium`). A local server answers with 10 000 users at once, and with a ListResponse of about 50 MB sent in 1 MiB pieces, 40 ms apart.',
        'Long tasks are the browser’s own `PerformanceObserver` `longtask` entries (tasks over 50 ms).',
        '',
        table(
          ['measure', 'median', 'runs'],
          [
            [`10 000-row ListResponse (${fmt(scim.tenThousandSize / 1048576, 1)} MB) to table: answer in the page → first row on screen`, `${fmt(medianTable, 0)} ms`, toTable.map((t) => fmt(t, 0)).join(', ')],
            ['  longest main-thread task meanwhile', `${fmt(median(tableTasks), 0)} ms`, tableTasks.map((t) => fmt(t, 0)).join(', ')],
            [`50 MB (${fmt(scim.bigSize / 1048576, 1)} MB) response: arrival`, `${fmt(median(bigRuns.map((r) => r.arrival)), 0)} ms`, bigRuns.map((r) => fmt(r.arrival, 0)).join(', ')],
            ['  answer → table on screen (body read in the worker from the bridge, parsed, rows cut)', `${fmt(median(bigRuns.map((r) => r.toTable)), 0)} ms`, bigRuns.map((r) => fmt(r.toTable, 0)).join(', ')],
            ['  answer → formatted body’s first lines on screen', `${fmt(median(bigRuns.map((r) => r.toBody)), 0)} ms`, bigRuns.map((r) => fmt(r.toBody, 0)).join(', ')],
            ['  longest main-thread task from send to body on screen', `${fmt(median(bigRuns.map((r) => r.longest)), 0)} ms`, bigRuns.map((r) => `${fmt(r.longest, 0)} (${r.count} long tasks)`).join(', ')],
          ],
        ),
        '',
        naive ? `For scale, the naive way on the main thread: \`JSON.parse\` of the 50 MB takes ${fmt(naive.parse, 0)} ms and \`JSON.stringify(value, null, 2)\` ${fmt(naive.layout, 0)} ms, each one task.` : '',
        `Rows in the table: ${rowCount ? Number(rowCount) - 1 : 'unknown'}. Bodies were parsed in: ${bodiesIn ?? 'unknown'}.${errors.length ? ` Page errors: ${errors.join('; ')}` : ''}`,
      ].join('\n'),
      data: { toTable, tableTasks, bigRuns, naive, bigSize: scim.bigSize, tenThousandSize: scim.tenThousandSize },
      targets: [
        { name: '10 000-row ListResponse to table under 1 s', met: medianTable < 1000, detail: `${fmt(medianTable, 0)} ms median` },
        { name: 'no main-thread task over 200 ms while a 50 MB response arrives', met: worstBig < 200, detail: `longest ${fmt(worstBig, 0)} ms over ${bigRuns.length} runs` },
      ],
    };
  } finally {
    await close();
  }
}
