import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type AppCore } from '../../../../../src/main/compose';
import { startWebHost, type WebHost } from '../../../../../src/main/hosts/web/server';
import { tempDir } from '../../../../support/temp-dir';
import { rawExchange, requestHead } from './raw-socket';

const MB = 1024 * 1024;

describe('the web host under bad requests', () => {
  const dir = tempDir();
  let core: AppCore;
  let host: WebHost;
  let own: Record<string, string>;
  let cookie: string;

  beforeAll(async () => {
    const staticDir = join(dir.path, 'renderer');
    mkdirSync(staticDir, { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>SCIM Inspector</title>');
    // a file stat says is there but that fails when read (on Linux, reading /proc/self/mem at 0 is EIO)
    if (process.platform === 'linux') symlinkSync('/proc/self/mem', join(staticDir, 'unreadable.js'));
    core = await compose({ host: 'web', dataDir: join(dir.path, 'data'), sandbox: false } as Parameters<typeof compose>[0]);
    host = await startWebHost({ core, staticDir });
    own = { host: `127.0.0.1:${host.port}` };
    const trade = await rawExchange(host.port, requestHead('GET', `/?token=${host.token}`, own));
    cookie = /set-cookie: ([^;\r\n]+)/i.exec(trade.text)![1]!;
  });
  afterAll(async () => {
    await host.close();
    await core.dispose();
    dir.cleanup();
  });

  const stillServing = async () => {
    const info = await rawExchange(host.port, requestHead('POST', '/api/app.info', { ...own, cookie, 'content-type': 'application/json', 'content-length': '2' }) + '{}');
    expect(info.status).toBe(200);
    expect(info.text).toContain('"ok":true');
  };

  it('answers a request target that is not a path with 400 and a message, and keeps serving', async () => {
    for (const target of ['//[', '//[::1', 'http://[/', '//evil.example/api/app.info', '*']) {
      const answer = await rawExchange(host.port, requestHead('GET', target, own));
      expect(answer.status, target).toBe(400);
      expect(answer.text).toMatch(/request target .* is not/);
    }
    await stillServing();
  });

  it('answers paths that are not valid percent-encoding with 400 (with the cookie) or 401 (without), and keeps serving', async () => {
    for (const path of ['/api/%E0', '/api/blobs/x%E0', '/api/app.info%', '/api/%C0%AF']) {
      const withCookie = await rawExchange(host.port, requestHead('GET', path, { ...own, cookie }));
      expect(withCookie.status, path).toBe(400);
      expect(withCookie.text).toContain('not valid percent-encoding');
      expect((await rawExchange(host.port, requestHead('GET', path, own))).status).toBe(401);
    }
    expect((await rawExchange(host.port, requestHead('GET', '/%E0', { ...own, cookie }))).status).toBe(400);
    await stillServing();
  });

  it('reads a cookie that is not valid percent-encoding as no cookie (401), and keeps serving', async () => {
    const name = cookie.split('=')[0]!;
    const answer = await rawExchange(host.port, requestHead('POST', '/api/app.info', { ...own, cookie: `${name}=%E0%; other=%`, 'content-type': 'application/json', 'content-length': '2' }) + '{}');
    expect(answer.status).toBe(401);
    await stillServing();
  });

  it('lets only the cookie authorize /api: not ?token= on any method, not an Authorization header', async () => {
    const json = { ...own, 'content-type': 'application/json', 'content-length': '2' };
    expect((await rawExchange(host.port, requestHead('POST', `/api/app.info?token=${host.token}`, json) + '{}')).status).toBe(401);
    expect((await rawExchange(host.port, requestHead('GET', `/api/events?token=${host.token}`, own))).status).toBe(401);
    expect((await rawExchange(host.port, requestHead('GET', `/api/blobs/x?token=${host.token}`, own))).status).toBe(401);
    expect((await rawExchange(host.port, requestHead('POST', '/api/app.info', { ...json, authorization: `Bearer ${host.token}` }) + '{}')).status).toBe(401);
    // a page load other than GET does not trade the token either
    expect((await rawExchange(host.port, requestHead('HEAD', `/?token=${host.token}`, own))).status).toBe(401);
    expect((await rawExchange(host.port, requestHead('POST', `/?token=${host.token}`, { ...own, 'content-length': '0' }))).status).toBe(401);
    // the cookie alone still works for /api, and a GET page load still trades the token
    await stillServing();
    expect((await rawExchange(host.port, requestHead('GET', `/?token=${host.token}`, own))).status).toBe(303);
  });

  it('answers a body over the limit with 413 before closing: declared, streamed chunked, and behind Expect: 100-continue', async () => {
    const limit = 64 * MB;
    const headers = { ...own, cookie, 'content-type': 'application/json' };
    async function* spaces(total: number) {
      const chunk = Buffer.alloc(MB, 0x20);
      for (let sent = 0; sent < total; sent += MB) yield total - sent >= MB ? chunk : chunk.subarray(0, total - sent);
    }
    // declared over the limit: answered from the headers while the body is still being sent
    const declared = await rawExchange(host.port, requestHead('POST', '/api/app.info', { ...headers, 'content-length': String(limit + 1) }), { body: spaces(limit + 1), timeoutMs: 20_000 });
    expect(declared.status).toBe(413);
    // the rest of the body was read and dropped, so the connection ends with a close, not a reset
    expect(declared.ended).toBe('closed');
    expect(declared.text).toMatch(/connection: close/i);
    expect(declared.text).toContain(`over the bridge's limit of ${limit} bytes`);

    // chunked, so the size is only known once it is passed
    async function* chunked(total: number) {
      const chunk = Buffer.alloc(MB, 0x20);
      for (let sent = 0; sent < total; sent += MB) yield Buffer.concat([Buffer.from(`${MB.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
      yield Buffer.from('0\r\n\r\n');
    }
    const streamed = await rawExchange(host.port, requestHead('POST', '/api/app.info', { ...headers, 'transfer-encoding': 'chunked' }), { body: chunked(limit + 2 * MB), timeoutMs: 20_000 });
    expect(streamed.status).toBe(413);
    expect(streamed.ended).toBe('closed');

    // Expect: 100-continue: refused before a byte of the body is sent
    const expecting = await rawExchange(host.port, requestHead('POST', '/api/app.info', { ...headers, 'content-length': String(limit + 1), expect: '100-continue' }));
    expect(expecting.status).toBe(413);
    expect(expecting.text).not.toContain('100 Continue');
    // within the limit, Expect: 100-continue gets its 100 and then the answer
    const small = await rawExchange(host.port, requestHead('POST', '/api/app.info', { ...headers, 'content-length': '2', expect: '100-continue' }) + '{}');
    expect(small.text).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
    await stillServing();
  });

  it.runIf(process.platform === 'linux')('ends the answer, not the host, when a file fails while it is read', async () => {
    const answer = await rawExchange(host.port, requestHead('GET', '/unreadable.js', { ...own, cookie }));
    expect(answer.text).not.toContain('/proc');
    await stillServing();
  });

  it('answers a body that is not UTF-8 with 400 saying where', async () => {
    const body = Buffer.concat([Buffer.from('{"id": "'), Buffer.from([0xff]), Buffer.from('"}')]);
    const answer = await rawExchange(host.port, Buffer.concat([Buffer.from(requestHead('POST', '/api/blobs.read', { ...own, cookie, 'content-type': 'application/json', 'content-length': String(body.length) })), body]));
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('not valid UTF-8 at byte 8 (line 1, column 9)');
  });

  it('shows a browser that opens the app without its token a page saying what to do; /api keeps JSON', async () => {
    const html = { ...own, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    const missing = await rawExchange(host.port, requestHead('GET', '/', html));
    expect(missing.status).toBe(401);
    expect(missing.text).toMatch(/content-type: text\/html/i);
    expect(missing.text).toContain('npm run web');
    expect(missing.text).toContain('?token=');
    expect(missing.text).not.toContain(host.token);
    // nothing but its own inline style may run or load
    const csp = /content-security-policy: ([^\r\n]+)/i.exec(missing.text)![1]!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/style-src 'sha256-/);
    expect(missing.text).not.toMatch(/<script|src=|href=/i);
    const wrong = await rawExchange(host.port, requestHead('GET', '/some/route?token=stale', html));
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('not the one this web host was started with');
    const api = await rawExchange(host.port, requestHead('GET', '/api/events', html));
    expect(api.status).toBe(401);
    expect(api.text).toMatch(/content-type: application\/json/i);
    // a client that does not ask for HTML keeps the JSON answer
    expect((await rawExchange(host.port, requestHead('GET', '/', own))).text).toMatch(/content-type: application\/json/i);
  });
});
