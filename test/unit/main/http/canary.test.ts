import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireResult } from '@shared/api/wire';
import { secretSpellings } from '@shared/redact/secret-scrubber';
import { compose, type AppCore } from '../../../../src/main/compose';
import { listResponse, SCIM_JSON, startHttpServer, type TestServer } from './support/servers';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('a canary token', () => {
  const canary = `canary-${randomUUID()}`;
  const spellings = secretSpellings(canary);
  let dir: string;
  let core: AppCore;
  let api: TestServer;
  let elsewhere: TestServer;
  const answers: { command: string; text: string }[] = [];
  const events: string[] = [];

  const call = async <T = unknown>(command: string, payload: unknown): Promise<T> => {
    const result: WireResult = await core.router.dispatch(command, payload, { origin: 'test' });
    answers.push({ command, text: JSON.stringify(result) });
    if (!result.ok) throw new Error(`${command}: ${result.error.message}`);
    return result.value as T;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scim-canary-'));
    elsewhere = await startHttpServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ got: req.headers.authorization ?? null })));
    api = await startHttpServer((req, res, body) => {
      const auth = req.headers.authorization ?? '';
      const echo = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'], auth, body, url: req.url, token: auth.replace('Bearer ', '') };
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/scim/big') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`${auth}\n`.repeat(20_000));
      } else if (path === '/scim/fail') {
        res.writeHead(500, `Failed for ${auth.replace('Bearer ', '')}`, { 'content-type': SCIM_JSON }).end(JSON.stringify(echo));
      } else if (path === '/scim/away') {
        res.writeHead(302, { location: `${elsewhere.url}/x?t=${encodeURIComponent(auth)}` }).end();
      } else if (path === '/scim/Schemas' || path === '/scim/ResourceTypes') {
        res.writeHead(200, { 'content-type': SCIM_JSON }).end(listResponse([{ id: `urn:x:${auth}`, name: auth, attributes: [] }]));
      } else {
        res.writeHead(200, { 'content-type': SCIM_JSON, 'x-echo-auth': auth, 'set-cookie': `s=${auth}` }).end(JSON.stringify(echo));
      }
    });
    core = await compose({ host: 'web', dataDir: dir });
    core.events.subscribe((event) => events.push(JSON.stringify(event)));
  });

  afterAll(async () => {
    await api.close();
    await elsewhere.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('set as a bearer secret and echoed back by the server is never in a file, a log line, an answer or an event', async () => {
    const endpoint = await call<{ id: string }>('endpoints.create', { endpoint: { name: 'Canary', baseUrl: `${api.url}/scim`, auth: { kind: 'bearer' }, variables: { plain: 'not-secret' } } });
    await call('endpoints.setSecret', { endpointId: endpoint.id, field: 'token', value: canary });
    const send = (requestId: string, spec: Record<string, unknown>) => call<{ response?: { body: { blobId?: string } } }>('http.send', { requestId, spec: { endpointId: endpoint.id, method: 'GET', ...spec } });

    const plain = await send('c1', { path: '/Users' });
    expect(plain.response).toBeDefined();
    expect(api.seen.at(-1)?.headers.authorization).toBe(`Bearer ${canary}`);
    // the secret typed into a request (as a variable) is replaced too
    await send('c2', { method: 'POST', path: '/Users?t={{t}}', headers: [{ name: 'X-Copy', value: '{{t}}' }], body: '{"copy":"{{t}}"}', variables: { t: canary } });
    await send('c3', { path: '/fail' });
    await send('c4', { path: '/away' });
    expect(elsewhere.seen.at(-1)?.headers.authorization).toBeUndefined();

    // a body past the preview goes to the blob store; one past the cap to a file
    const big = await send('c5', { path: '/big' });
    const blobId = big.response?.body.blobId;
    expect(blobId).toBeDefined();
    await call('blobs.read', { id: blobId, start: 0 });
    await call('settings.update', { http: { bodyCapBytes: 4096 } });
    await send('c6', { path: '/big' });
    await call('settings.update', { http: { bodyCapBytes: 100 * 1024 * 1024 } });
    expect(readdirSync(join(dir, 'bodies')).length).toBe(1);

    await call('endpoints.test', { id: endpoint.id });
    await call('discovery.get', { endpointId: endpoint.id });
    await call('endpoints.list', {});
    await call('endpoints.get', { id: endpoint.id });
    await call('endpoints.duplicate', { id: endpoint.id });
    await call('vault.status', {});
    await call('app.info', {});
    await core.dispose();

    const leaks = (text: string) => spellings.some((form) => text.includes(form));
    expect(answers.length).toBeGreaterThan(15);
    expect(answers.filter((a) => leaks(a.text)).map((a) => a.command)).toEqual([]);
    expect(events.filter(leaks)).toEqual([]);
    const files = filesUnder(dir);
    expect(files.some((f) => f.endsWith('app.log'))).toBe(true);
    expect(files.filter((f) => leaks(readFileSync(f, 'latin1')) || leaks(readFileSync(f, 'utf8')))).toEqual([]);
    // the marker is where the secret was
    expect(answers.some((a) => a.text.includes('[REDACTED]'))).toBe(true);
  });
});
