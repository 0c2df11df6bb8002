import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretSpellings } from '@shared/redact/secret-scrubber';
import { startEchoServer, type EchoServer } from '../../../support/echo-server';
import { startCore } from './harness';

const CANARY = 'canary-7f3a9c51e2b84d06-SECRET';

/** Every file under `dir`, raw bytes. */
function allFiles(dir: string): { path: string; bytes: Buffer }[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

function leaks(text: string): string[] {
  return secretSpellings(CANARY).filter((form) => text.includes(form));
}

describe('a canary secret', () => {
  let server: EchoServer;
  let app: Awaited<ReturnType<typeof startCore>>;
  const exports: Record<string, string> = {};

  beforeAll(async () => {
    server = await startEchoServer((req) => {
      if (req.url.startsWith('/big')) {
        return { body: { echo: req, padding: `${'x'.repeat(3000)} ${req.headers.authorization} ${'y'.repeat(3000)}` } };
      }
      return {
        status: req.method === 'POST' ? 201 : 200,
        headers: { location: `${server.url}/Users/1?access_token=${CANARY}`, 'x-echo-auth': String(req.headers.authorization) },
        body: { echo: req, next: `${server.url}/Users?cursor=abc&token=${encodeURIComponent(CANARY)}` },
      };
    });
    app = await startCore({ sandbox: { baseUrl: server.url, token: CANARY, name: 'Echo' } });
    // the vault tells the scrubber every secret it holds
    app.core.scrubber.add(CANARY);
    await app.call('settings.update', { history: { inlineBodyBytes: 1024 } });
    const send = (spec: Partial<Parameters<typeof app.runner.send>[0]> & { path: string }) =>
      app.runner.send({ endpointId: 'sandbox', method: 'GET', headers: [], variables: {}, ...spec });
    await send({ path: `/Users?filter=${encodeURIComponent('userName eq "barbara@example.com"')}&access_token=${CANARY}` });
    await send({ method: 'POST', path: '/Users', body: JSON.stringify({ userName: 'barbara@example.com', password: 'Passw0rd!', note: `token ${CANARY}` }) });
    await send({ path: '/big', headers: [{ name: 'X-Api-Key', value: CANARY, enabled: true }] });
    app.core.history.flush();

    const ids = (await app.call('history.list', { limit: 10 })).entries.map((e) => e.id);
    expect(ids).toHaveLength(3);
    for (const format of ['har', 'markdown', 'json'] as const) {
      exports[format] = (await app.call('exchange.export', { source: { kind: 'history', ids }, format })).content;
    }
    const collection = await app.call('collections.create', { name: 'Canary' });
    const saved = await app.call('collections.saveRequest', {
      collectionId: collection.id,
      request: { name: 'Leaky', method: 'GET', path: `/Users?access_token=${CANARY}`, headers: [{ name: 'Authorization', value: `Bearer ${CANARY}`, enabled: true }], body: CANARY },
    });
    expect(saved.warnings.length).toBeGreaterThan(0);
    exports.postman = (await app.call('exchange.exportCollection', { collectionId: collection.id })).content;
    const run = await app.call('collections.run', { collectionId: collection.id, endpointId: 'sandbox' });
    exports.run = (await app.call('exchange.export', { source: { kind: 'run', runId: run.runId }, format: 'markdown' })).content;
    exports.detail = JSON.stringify(await app.call('history.get', { id: ids[0]! }));
    exports.preview = JSON.stringify(await app.call('exchange.preview', { source: { kind: 'history', ids } }));
  });
  afterAll(async () => {
    await app?.stop();
    await server?.close();
  });

  it('reached the server and came back in bodies, headers and URLs (so the test means something)', () => {
    expect(server.seen.some((r) => r.headers.authorization === `Bearer ${CANARY}`)).toBe(true);
    expect(server.seen.some((r) => r.url.includes(CANARY))).toBe(true);
    expect(server.seen.some((r) => r.body.includes(CANARY))).toBe(true);
  });

  it('is in no export format and nothing sent to the renderer', () => {
    for (const [name, text] of Object.entries(exports)) expect(leaks(text), name).toEqual([]);
    expect(exports.markdown).toContain('Bearer [REDACTED]');
    expect(exports.har).toContain('[REDACTED]');
  });

  it('is in no file under the data directory: database, its WAL, body files, collections, logs', async () => {
    const running = allFiles(app.dir);
    expect(running.some((f) => f.path.endsWith('history.sqlite-wal'))).toBe(true);
    expect(running.some((f) => f.path.includes(`${join('history', 'bodies')}`))).toBe(true);
    for (const file of running) expect(leaks(file.bytes.toString('latin1')), file.path).toEqual([]);
    await app.core.dispose();
    for (const file of allFiles(app.dir)) expect(leaks(file.bytes.toString('latin1')), file.path).toEqual([]);
    // the password of the created user is not kept either
    for (const file of allFiles(app.dir)) expect(file.bytes.toString('latin1').includes('Passw0rd!'), file.path).toBe(false);
  });
});
