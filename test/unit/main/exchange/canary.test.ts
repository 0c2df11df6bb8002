import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretSpellings } from '@shared/redact/secret-scrubber';
import { startEchoServer, type EchoServer } from '../../../support/echo-server';
import { startCore } from './harness';

const CANARY = 'canary-7f3a9c51e2b84d06-SECRET';
const API_KEY = 'apikey-0b9d6e21c47a5f38';

/** Every file under `dir`, raw bytes. */
function allFiles(dir: string): { path: string; bytes: Buffer }[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

const leaks = (text: string) => [...secretSpellings(CANARY), ...secretSpellings(API_KEY)].filter((form) => text.includes(form));

describe('a canary secret in the vault, sent by the engine, echoed in bodies, headers and URLs', () => {
  let server: EchoServer;
  let app: Awaited<ReturnType<typeof startCore>>;
  const outputs: Record<string, string> = {};

  beforeAll(async () => {
    server = await startEchoServer((req) => {
      const token = String(req.headers.authorization ?? '').replace('Bearer ', '');
      if (req.url.includes('/big')) return { body: { echo: req, padding: `${'x'.repeat(3000)} ${token} ${'y'.repeat(3000)}` } };
      return {
        status: req.method === 'POST' ? 201 : 200,
        headers: { location: `${server.url}/scim/Users/1?access_token=${token}`, 'x-echo-auth': token },
        body: { echo: req, next: `${server.url}/scim/Users?cursor=abc&token=${encodeURIComponent(token)}&key=${String(req.headers['x-tenant-key'] ?? '')}` },
      };
    });
    app = await startCore();
    const { call } = app;
    await call('settings.update', { history: { inlineBodyBytes: 1024 } });
    // the secrets go into the vault (the real keychain of the test session), as the user would set them
    const bearer = await call('endpoints.create', { endpoint: { name: 'Echo', baseUrl: `${server.url}/scim`, auth: { kind: 'bearer' } } });
    await call('endpoints.setSecret', { endpointId: bearer.id, field: 'token', value: CANARY });
    const keyed = await call('endpoints.create', { endpoint: { name: 'Keyed', baseUrl: `${server.url}/scim`, auth: { kind: 'api-key', headerName: 'X-Tenant-Key' } } });
    await call('endpoints.setSecret', { endpointId: keyed.id, field: 'apiKey', value: API_KEY });
    const send = (requestId: string, spec: Record<string, unknown>) => call('http.send', { requestId, spec: { endpointId: bearer.id, method: 'GET', ...spec } as never });
    await send('r1', { path: `/Users?filter=${encodeURIComponent('userName eq "barbara@example.com"')}` });
    await send('r2', { method: 'POST', path: '/Users', body: JSON.stringify({ userName: 'barbara@example.com', password: 'Passw0rd!' }) });
    await send('r3', { path: '/big' });
    await call('http.send', { requestId: 'r4', spec: { endpointId: keyed.id, method: 'GET', path: '/Groups' } });
    app.core.history.flush();

    const ids = (await call('history.list', { limit: 10 })).entries.map((e) => e.id);
    expect(ids).toHaveLength(4);
    for (const format of ['har', 'markdown', 'json'] as const) {
      outputs[format] = (await call('exchange.export', { source: { kind: 'history', ids }, format })).content;
    }
    outputs.preview = JSON.stringify(await call('exchange.preview', { source: { kind: 'history', ids } }));
    outputs.detail = JSON.stringify(await Promise.all(ids.map((id) => call('history.get', { id }))));
    outputs.list = JSON.stringify(await call('history.list', { text: 'echo', limit: 10 }));

    // a collection: a request typed with the secret in it, run through the engine, exported
    const collection = await call('collections.create', { name: 'Canary' });
    const saved = await call('collections.saveRequest', {
      collectionId: collection.id,
      request: {
        name: 'Leaky',
        method: 'POST',
        path: `/Users?access_token=${CANARY}`,
        headers: [{ name: 'Authorization', value: `Bearer ${CANARY}`, enabled: true }],
        body: CANARY,
        // assertions show what came back: the echoed token must not show through them either
        assertions: [
          { from: 'body', path: 'echo.headers.authorization', op: 'equals', value: 'no' },
          { from: 'header', path: 'x-echo-auth', op: 'equals', value: 'no' },
          { from: 'body', path: 'next', op: 'contains', value: CANARY },
        ],
      },
    });
    expect(saved.warnings.length).toBeGreaterThan(0);
    outputs.collection = JSON.stringify(await call('collections.get', { collectionId: collection.id }));
    outputs.postman = (await call('exchange.exportCollection', { collectionId: collection.id })).content;
    const run = await call('collections.run', { collectionId: collection.id, endpointId: bearer.id });
    expect(run.steps[0], JSON.stringify(run.steps[0])).toMatchObject({ status: 201 });
    outputs.run = JSON.stringify(run);
    expect(run.steps[0]!.assertions.slice(0, 2).map((a) => a.passed)).toEqual([false, false]);
    for (const format of ['har', 'markdown', 'json'] as const) {
      outputs[`run-${format}`] = (await call('exchange.export', { source: { kind: 'run', runId: run.runId }, format })).content;
    }
  });
  afterAll(async () => {
    await app?.stop();
    await server?.close();
  });

  it('reached the server and came back in bodies, headers and URLs (so the test means something)', () => {
    expect(server.seen.some((r) => r.headers.authorization === `Bearer ${CANARY}`)).toBe(true);
    expect(server.seen.some((r) => r.headers['x-tenant-key'] === API_KEY)).toBe(true);
    expect(server.seen.filter((r) => r.headers.authorization === `Bearer ${CANARY}`).length).toBeGreaterThanOrEqual(4);
  });

  it('is in no export format and in nothing the renderer gets', () => {
    for (const [name, text] of Object.entries(outputs)) expect(leaks(text), name).toEqual([]);
    const har = JSON.parse(outputs.har!) as { log: { entries: { request: { headers: { name: string; value: string }[] } }[] } };
    expect(har.log.entries[0]!.request.headers.find((h) => h.name.toLowerCase() === 'authorization')?.value).toBe('Bearer [REDACTED]');
    expect(har.log.entries[3]!.request.headers.find((h) => h.name.toLowerCase() === 'x-tenant-key')?.value).toBe('[REDACTED]');
    expect(JSON.parse(outputs.preview!).preview.secretHeaders).toContainEqual({ name: 'x-tenant-key', count: 1 });
  });

  it('is in no file under the data directory: database, its WAL, body files, collections, logs', async () => {
    const running = allFiles(app.dir);
    expect(running.some((f) => f.path.endsWith('history.sqlite-wal'))).toBe(true);
    expect(running.some((f) => f.path.includes(join('history', 'bodies')))).toBe(true);
    for (const file of running) expect(leaks(file.bytes.toString('latin1')), file.path).toEqual([]);
    await app.core.dispose();
    const after = allFiles(app.dir);
    for (const file of after) expect(leaks(file.bytes.toString('latin1')), file.path).toEqual([]);
    // the password of the created user is not kept either
    for (const file of after) expect(file.bytes.toString('latin1').includes('Passw0rd!'), file.path).toBe(false);
  });
});

