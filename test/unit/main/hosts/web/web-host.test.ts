import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type AppCore } from '../../../../../src/main/compose';
import { startWebHost, type WebHost } from '../../../../../src/main/hosts/web/server';
import { tempDir } from '../../../../support/temp-dir';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch, so the Host and Origin headers are exactly what the test says. */
function raw(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the web host', () => {
  const dir = tempDir();
  let core: AppCore;
  let host: WebHost;
  let own: Record<string, string>;
  /** the session cookie, got the way a browser gets it: by opening the printed URL */
  let cookie: string;

  beforeAll(async () => {
    const staticDir = join(dir.path, 'renderer');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>SCIM Inspector</title>');
    writeFileSync(join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
    core = await compose({ host: 'web', dataDir: join(dir.path, 'data'), sandbox: false } as Parameters<typeof compose>[0]);
    host = await startWebHost({ core, staticDir });
    own = { host: `127.0.0.1:${host.port}` };
    const trade = await raw(host.port, `/?token=${host.token}`, { headers: own });
    cookie = String(trade.headers['set-cookie']).split(';')[0]!;
  });
  afterAll(async () => {
    await host.close();
    await core.dispose();
    dir.cleanup();
  });

  const api = (command: string, body: string, headers: Record<string, string> = {}) =>
    raw(host.port, `/api/${command}`, { method: 'POST', body, headers: { ...own, 'content-type': 'application/json', cookie, ...headers } });

  it('prints a URL with the token on 127.0.0.1', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers 401 without the token, for the API and for the page', async () => {
    const apiRes = await raw(host.port, '/api/app.info', { method: 'POST', body: '{}', headers: { ...own, 'content-type': 'application/json' } });
    expect(apiRes.status).toBe(401);
    expect(JSON.parse(apiRes.body)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect((await raw(host.port, '/', { headers: own })).status).toBe(401);
    expect((await raw(host.port, '/?token=wrong', { headers: own })).status).toBe(401);
  });

  it('answers 403 to a foreign Host (DNS rebinding) even with the token', async () => {
    const res = await api('app.info', '{}', { host: `evil.example:${host.port}` });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ error: { kind: 'forbidden' } });
  });

  it('answers 403 to a foreign Origin even with the token', async () => {
    expect((await api('app.info', '{}', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('app.info', '{}', { origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(403);
    expect((await api('app.info', '{}', { origin: `http://localhost:${host.port}` })).status).toBe(200);
  });

  it('trades the token in the URL for an HttpOnly SameSite=Strict cookie, which then works alone', async () => {
    const first = await raw(host.port, `/?token=${host.token}`, { headers: own });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0]!;
    const page = await raw(host.port, '/', { headers: { ...own, cookie: pair } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('SCIM Inspector');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const info = await raw(host.port, '/api/app.info', { method: 'POST', body: '{}', headers: { ...own, cookie: pair, 'content-type': 'application/json' } });
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { host: 'web', name: 'SCIM Inspector' } });
  });

  it('answers app.info with version, host, data directory and capabilities', async () => {
    const res = await api('app.info', '{}');
    const value = JSON.parse(res.body).value;
    expect(value.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(value.dataDir).toBe(join(dir.path, 'data'));
    expect(value.capabilities).toHaveProperty('keychain');
  });

  it('answers 400 with the error union for malformed JSON, saying where', async () => {
    const res = await api('app.info', '{"a": 1,,}');
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.error.kind).toBe('validation');
    expect(body.error.message).toMatch(/not valid JSON.*line 1, column 9/);
  });

  it('answers 400 naming the field for a body that fails the schema', async () => {
    const res = await api('blobs.read', '{"id": ""}');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.issues[0].path).toBe('id');
  });

  it('refuses other content types and methods', async () => {
    expect((await api('app.info', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await raw(host.port, '/api/app.info', { headers: { ...own, cookie } })).status).toBe(405);
  });

  it('serves stored bodies by id with Range', async () => {
    const blob = core.blobs.put(Buffer.from('0123456789abcdef'), 'text/plain');
    const auth = { ...own, cookie };
    const whole = await raw(host.port, `/api/blobs/${blob.id}`, { headers: auth });
    expect(whole.status).toBe(200);
    expect(whole.body).toBe('0123456789abcdef');
    const part = await raw(host.port, `/api/blobs/${blob.id}`, { headers: { ...auth, range: 'bytes=4-7' } });
    expect(part.status).toBe(206);
    expect(part.body).toBe('4567');
    expect(part.headers['content-range']).toBe('bytes 4-7/16');
    const suffix = await raw(host.port, `/api/blobs/${blob.id}`, { headers: { ...auth, range: 'bytes=-3' } });
    expect(suffix.body).toBe('def');
    expect((await raw(host.port, `/api/blobs/${blob.id}`, { headers: { ...auth, range: 'bytes=99-' } })).status).toBe(416);
    expect((await raw(host.port, '/api/blobs/nope', { headers: auth })).status).toBe(404);
  });

  it('streams events as server-sent events', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { ...own, cookie } }, (res) => {
        expect(res.headers['content-type']).toMatch(/text\/event-stream/);
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes(': connected')) core.events.emit('app.notice', { level: 'info', message: 'hello from main' });
          if (text.includes('hello from main')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: app.notice');
    expect(received).toContain('"message":"hello from main"');
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await raw(host.port, '/..%2f..%2fdata/settings.json', { headers: { ...own, cookie } });
    expect(res.status).toBe(403);
  });
});
