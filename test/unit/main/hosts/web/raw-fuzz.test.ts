import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type AppCore } from '../../../../../src/main/compose';
import { startWebHost, type WebHost } from '../../../../../src/main/hosts/web/server';
import { startSandbox, type SandboxServer } from '../../../../../src/main/services/sandbox/sandbox';
import { tempDir } from '../../../../support/temp-dir';
import { fuzzRequests, type FuzzRequest, type FuzzTarget } from './http-fuzz';
import { rawExchange, requestHead } from './raw-socket';

const REQUESTS = 10_000;
/** requests written back to back on one connection (HTTP/1.1 pipelining) */
const BATCH = 50;
const PARALLEL = 4;

interface Tally {
  sent: number;
  batches: number;
  answered: number;
  statuses: Map<number, number>;
  /** batches where fewer answers came than well-framed requests were sent */
  short: string[];
  hung: number;
}

/** Sends one batch on a fresh connection and counts the answers until the server closes it. */
function sendBatch(port: number, host: string, batch: FuzzRequest[], tally: Tally): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    // a last, ordinary request that asks the server to close: every batch ends, whatever came before
    const closing = Buffer.from(requestHead('GET', '/', { host }), 'latin1');
    const timer = setTimeout(() => {
      tally.hung++;
      socket.destroy();
    }, 15_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      // a status line follows the previous body directly (bodies need not end in CRLF); no body here echoes one
      const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) [A-Z]/g)].map((m) => Number(m[1]));
      for (const status of statuses) tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
      const informational = statuses.filter((s) => s < 200).length;
      tally.answered += statuses.length - informational;
      const framed = batch.filter((r) => r.framed).length;
      const answers = statuses.length - informational;
      if (answers < framed) {
        const around = batch.slice(Math.max(0, answers - 1), answers + 1).map((r) => JSON.stringify(r.bytes.toString('latin1').slice(0, 300)));
        tally.short.push(`${framed} framed, ${answers} answers; last answered, first unanswered: ${around.join(' | ')}`);
      }
      resolve();
    });
    socket.write(Buffer.concat([...batch.map((r) => r.bytes), closing]));
  });
}

/**
 * 10,000 hostile requests: well-framed ones pipelined in batches, each one that breaks the framing on a
 * connection of its own (node:http answers a parse error with 400 and drops the connection, and with
 * it the answers still owed to requests pipelined before it).
 */
async function fuzz(port: number, target: FuzzTarget, seed: number): Promise<Tally> {
  const next = fuzzRequests(seed, target);
  const tally: Tally = { sent: 0, batches: 0, answered: 0, statuses: new Map(), short: [], hung: 0 };
  const batches: FuzzRequest[][] = [];
  let current: FuzzRequest[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const request = next();
    if (!request.framed) {
      batches.push([request]);
      continue;
    }
    current.push(request);
    if (current.length === BATCH) {
      batches.push(current);
      current = [];
    }
  }
  if (current.length > 0) batches.push(current);
  tally.sent = batches.reduce((n, b) => n + b.length, 0);
  tally.batches = batches.length;
  let index = 0;
  const worker = async () => {
    while (index < batches.length) await sendBatch(port, target.host, batches[index++]!, tally);
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return tally;
}

function summary(tally: Tally): string {
  return `${tally.sent} sent in ${tally.batches} connections, ${tally.answered} answered; statuses ${JSON.stringify(Object.fromEntries(tally.statuses))}`;
}

describe('raw-socket fuzzing: the web host and the sandbox keep serving', () => {
  const dir = tempDir();
  let core: AppCore;
  let host: WebHost;
  let sandbox: SandboxServer;
  let cookie: string;

  beforeAll(async () => {
    const staticDir = join(dir.path, 'renderer');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>SCIM Inspector</title>');
    writeFileSync(join(staticDir, 'assets', 'app-1.js'), 'void 0');
    core = await compose({ host: 'web', dataDir: join(dir.path, 'data'), sandbox: false } as Parameters<typeof compose>[0]);
    host = await startWebHost({ core, staticDir });
    const trade = await rawExchange(host.port, requestHead('GET', `/?token=${host.token}`, { host: `127.0.0.1:${host.port}` }));
    cookie = /set-cookie: ([^;\r\n]+)/i.exec(trade.text)![1]!;
    sandbox = await startSandbox({ users: 50 });
  });
  afterAll(async () => {
    await sandbox.close();
    await host.close();
    await core.dispose();
    dir.cleanup();
  });

  it('the web host answers 10,000 malformed requests without a 500 or a hang, then serves the app', async () => {
    const hostHeader = `127.0.0.1:${host.port}`;
    const tally = await fuzz(host.port, { host: hostHeader, auth: { cookie }, prefixes: ['/', '/api/', '/api/blobs/', '/assets/', '//'], words: ['app.info', 'blobs.read', 'endpoints.list', 'settings.get', 'index.html', 'app-1.js', 'nope'] }, 20260512);
    expect(tally.sent).toBe(REQUESTS);
    expect(tally.hung, summary(tally)).toBe(0);
    expect(tally.short.slice(0, 8), summary(tally)).toEqual([]);
    expect(tally.statuses.get(500) ?? 0, summary(tally)).toBe(0);
    // the requests got past parsing into the host's own answers, not only node:http's 400s
    for (const status of [200, 303, 400, 401, 404, 405]) expect(tally.statuses.get(status) ?? 0, `${status}: ${summary(tally)}`).toBeGreaterThan(0);

    const info = await rawExchange(host.port, requestHead('POST', '/api/app.info', { host: hostHeader, cookie, 'content-type': 'application/json', 'content-length': '2' }) + '{}');
    expect(info.status).toBe(200);
    expect(info.text).toContain('"name":"SCIM Inspector"');
    expect((await rawExchange(host.port, requestHead('GET', '/', { host: hostHeader, cookie }))).status).toBe(200);
  });

  it('the sandbox answers 10,000 malformed requests without a 500 or a hang, then serves SCIM', async () => {
    const hostHeader = `127.0.0.1:${sandbox.port}`;
    const tally = await fuzz(
      sandbox.port,
      {
        host: hostHeader,
        auth: { authorization: `Bearer ${sandbox.token}` },
        prefixes: ['/scim/v2/', '/scim/v2/Users/', '/scim/v2/Groups/', '/scim/v2/Schemas/', '/', '/scim/'],
        words: ['Users', 'Groups', '.search', 'Me', 'Bulk', 'ServiceProviderConfig', 'Schemas', 'ResourceTypes', 'x'],
      },
      20260513,
    );
    expect(tally.sent).toBe(REQUESTS);
    expect(tally.hung, summary(tally)).toBe(0);
    expect(tally.short.slice(0, 8), summary(tally)).toEqual([]);
    expect(tally.statuses.get(500) ?? 0, summary(tally)).toBe(0);
    for (const status of [200, 400, 401, 404]) expect(tally.statuses.get(status) ?? 0, `${status}: ${summary(tally)}`).toBeGreaterThan(0);

    const res = await fetch(`${sandbox.baseUrl}/Users?count=1`, { headers: { authorization: `Bearer ${sandbox.token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { totalResults: number }).totalResults).toBeGreaterThan(0);
  });
});
