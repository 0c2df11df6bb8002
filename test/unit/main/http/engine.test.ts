import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, failureOf, type Harness } from './support/harness';
import { freePort, listResponse, SCIM_JSON, startHttpServer, type TestServer } from './support/servers';

const TOKEN = 'engine-token-3f9a1c77e2';
/** a known secret that the request carries and the server sends back everywhere it can */
const LEAKED = 'leaked-secret-77b1c0de4f';

describe('request engine', () => {
  let h: Harness;
  let server: TestServer;
  let other: TestServer;
  let endpointId: string;

  beforeAll(async () => {
    h = await createHarness();
    other = await startHttpServer((req, res) => res.writeHead(200, { 'content-type': SCIM_JSON }).end(JSON.stringify({ where: 'other', url: req.url })));
    server = await startHttpServer((req, res, body) => {
      const url = new URL(req.url ?? '/', 'http://x');
      switch (url.pathname) {
        case '/scim/Users':
          res.writeHead(200, { 'content-type': SCIM_JSON, 'X-Trace': 'abc', 'set-cookie': 'session=s1' });
          res.end(listResponse([{ id: '1', userName: 'ana' }]));
          return;
        case '/scim/echo':
          res.writeHead(201, { 'content-type': SCIM_JSON });
          res.end(JSON.stringify({ method: req.method, body, headers: req.headers }));
          return;
        case '/scim/leak':
          res.writeHead(200, `OK ${LEAKED}`, { 'content-type': `application/json; x=${LEAKED}`, 'X-Echo': `v=${LEAKED}` });
          res.end(JSON.stringify({ echoed: body, url: req.url }));
          return;
        case '/scim/hop':
          res.writeHead(302, { location: '/scim/Users' }).end();
          return;
        case '/scim/away':
          res.writeHead(307, { location: `${other.url}/landing` }).end();
          return;
        case '/scim/see-other':
          res.writeHead(303, { location: '/scim/echo' }).end();
          return;
        case '/scim/slow-headers':
          setTimeout(() => res.writeHead(200).end('late'), 2_000).unref();
          return;
        case '/scim/slow-body':
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('start…');
          setTimeout(() => res.end('late'), 2_000).unref();
          return;
        case '/scim/big': {
          const size = Number(url.searchParams.get('size'));
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size) });
          res.end(Buffer.alloc(size, 0x61));
          return;
        }
        case '/scim/chunked': {
          res.writeHead(200, { 'content-type': 'text/plain' });
          let sent = 0;
          const tick = setInterval(() => {
            res.write(Buffer.alloc(64 * 1024, 0x62));
            if (++sent === 8) {
              clearInterval(tick);
              res.end();
            }
          }, 60);
          return;
        }
        default:
          res.writeHead(404, { 'content-type': SCIM_JSON }).end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' }));
      }
    });
    endpointId = await h.addEndpoint(
      { name: 'Local', baseUrl: `${server.url}/scim`, auth: { kind: 'bearer' }, variables: { tenant: 't-42' }, headers: [{ name: 'X-Tenant', value: '{{tenant}}', enabled: true }] },
      { token: TOKEN },
    );
  });

  afterAll(async () => {
    await h.dispose();
    await server.close();
    await other.close();
  });

  it('sends with the endpoint auth, default headers and variables, and captures the exchange', async () => {
    const exchange = await h.engine.send('r1', h.spec(endpointId, '/Users?filter=userName eq "ana"'));
    const seen = server.seen.at(-1)!;
    expect(seen.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen.headers['x-tenant']).toBe('t-42');
    expect(seen.headers.accept).toContain('application/scim+json');
    expect(seen.url).toBe('/scim/Users?filter=userName%20eq%20%22ana%22');

    expect(exchange.response?.status).toBe(200);
    expect(exchange.response?.httpVersion).toBe('1.1');
    expect(exchange.response?.remoteAddress).toBe(`127.0.0.1:${server.port}`);
    expect(exchange.response?.headers).toContainEqual(['X-Trace', 'abc']);
    expect(exchange.response?.headers).toContainEqual(['set-cookie', '[REDACTED]']);
    expect(JSON.parse(exchange.response!.body.preview).Resources[0].userName).toBe('ana');
    expect(exchange.response?.body.truncated).toBe(false);
    // request headers as written on the wire, the token replaced by a marker
    const sent = new Map(exchange.request.headers.map(([name, value]) => [name.toLowerCase(), value]));
    expect(sent.get('authorization')).toBe('Bearer [REDACTED]');
    expect(sent.get('host')).toBe(`127.0.0.1:${server.port}`);
    expect(sent.get('x-tenant')).toBe('t-42');
    expect(JSON.stringify(exchange)).not.toContain(TOKEN);
    expect(exchange.timings.total).toBeGreaterThan(0);
    expect(exchange.timings.firstByte).toBeGreaterThanOrEqual(0);
    expect(exchange.tls).toBeUndefined();
    expect(h.recorded.at(-1)?.exchange.id).toBe(exchange.id);
  });

  it('replaces a known secret in the URL, headers, status text, content types and bodies of both sides', async () => {
    h.scrubber.add(LEAKED);
    const exchange = await h.engine.send(
      'leak',
      h.spec(endpointId, '/leak?k={{s}}', { method: 'POST', body: '{"s":"{{s}}"}', variables: { s: LEAKED }, headers: [{ name: 'Content-Type', value: 'application/json; k={{s}}', enabled: true }, { name: 'X-Copy', value: '{{s}}', enabled: true }] }),
    );
    expect(server.seen.at(-1)?.headers['x-copy']).toBe(LEAKED);
    expect(JSON.stringify(exchange)).not.toContain(LEAKED);
    expect(exchange.request.url).toMatch(/\/leak\?k=\[REDACTED\]$/);
    expect(exchange.request.headers).toContainEqual(['X-Copy', '[REDACTED]']);
    expect(exchange.request.body).toMatchObject({ preview: '{"s":"[REDACTED]"}', contentType: 'application/json; k=[REDACTED]' });
    expect(exchange.response).toMatchObject({ statusText: 'OK [REDACTED]', body: { contentType: 'application/json; x=[REDACTED]' } });
    expect(exchange.response?.headers).toContainEqual(['X-Echo', 'v=[REDACTED]']);
    expect(JSON.parse(exchange.response!.body.preview)).toEqual({ echoed: '{"s":"[REDACTED]"}', url: '/scim/leak?k=[REDACTED]' });
    h.scrubber.remove(LEAKED);
  });

  it('scrubs a secret learned after the same request was sent from the next exchange\'s request headers', async () => {
    const later = 'learned-after-first-send-7f3a';
    const spec = h.spec(endpointId, '/Users', { headers: [{ name: 'X-Later', value: later, enabled: true }] });
    const first = await h.engine.send('before', spec);
    expect(first.request.headers).toContainEqual(['X-Later', later]);
    h.scrubber.add(later);
    const second = await h.engine.send('after', spec);
    expect(server.seen.at(-1)?.headers['x-later']).toBe(later);
    expect(second.request.headers).toContainEqual(['X-Later', '[REDACTED]']);
    expect(JSON.stringify(second)).not.toContain(later);
    h.scrubber.remove(later);
  });

  it('reports connection phases on a new connection and leaves them out on a reused one', async () => {
    await h.engine.send('warm', h.spec(endpointId, '/Users'));
    const reused = await h.engine.send('again', h.spec(endpointId, '/Users'));
    expect(reused.timings.connect).toBeUndefined();

    const fresh = await h.addEndpoint({ name: 'Fresh', baseUrl: `http://localhost:${server.port}/scim` }, {});
    const first = await h.engine.send('fresh', h.spec(fresh, '/Users'));
    expect(first.timings.connect).toBeGreaterThanOrEqual(0);
    expect(first.timings.dns).toBeGreaterThanOrEqual(0);
  });

  it('sends a body with variables and the SCIM content type', async () => {
    const exchange = await h.engine.send('post', h.spec(endpointId, '/echo', { method: 'POST', body: '{"userName":"{{who}}"}', variables: { who: 'kenji' } }));
    const echoed = JSON.parse(exchange.response!.body.preview);
    expect(echoed.body).toBe('{"userName":"kenji"}');
    expect(echoed.headers['content-type']).toBe('application/scim+json');
    expect(exchange.request.body?.preview).toBe('{"userName":"kenji"}');
  });

  it('stops before sending when a variable is unresolved, naming it', async () => {
    const before = server.seen.length;
    const error = await failureOf(h.engine.send('unresolved', h.spec(endpointId, '/Users/{{userId}}', { headers: [{ name: 'X-Other', value: '{{nope}}', enabled: true }] })));
    expect(error.kind).toBe('validation');
    expect(error.message).toContain('{{userId}}');
    expect(error.message).toContain('{{nope}}');
    expect(server.seen.length).toBe(before);
  });

  it('follows a same-origin redirect with credentials', async () => {
    const exchange = await h.engine.send('hop', h.spec(endpointId, '/hop'));
    expect(exchange.response?.status).toBe(200);
    expect(exchange.redirects).toEqual([{ status: 302, url: `${server.url}/scim/hop` }]);
    expect(exchange.request.url).toBe(`${server.url}/scim/Users`);
    expect(server.seen.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('never forwards Authorization to another origin', async () => {
    const exchange = await h.engine.send('away', h.spec(endpointId, '/away'));
    expect(exchange.response?.status).toBe(200);
    expect(other.seen.at(-1)?.url).toBe('/landing');
    expect(other.seen.at(-1)?.headers.authorization).toBeUndefined();
    expect(exchange.request.headers.some(([name]) => name.toLowerCase() === 'authorization')).toBe(false);
  });

  it('turns a POST into a GET on 303 See Other', async () => {
    const exchange = await h.engine.send('303', h.spec(endpointId, '/see-other', { method: 'POST', body: '{}' }));
    expect(JSON.parse(exchange.response!.body.preview).method).toBe('GET');
  });

  it('refuses an absolute URL on another origin', async () => {
    const error = await failureOf(h.engine.send('abs', h.spec(endpointId, `${other.url}/steal`)));
    expect(error?.kind).toBe('validation');
  });

  it('times out waiting for headers with the headers phase', async () => {
    const id = await h.addEndpoint({ name: 'Slow headers', baseUrl: `${server.url}/scim`, timeouts: { headersMs: 300 } });
    const exchange = await h.engine.send('slow-h', h.spec(id, '/slow-headers'));
    expect(exchange.error).toMatchObject({ kind: 'timeout', phase: 'headers', afterMs: 300 });
    expect(exchange.response).toBeUndefined();
  });

  it('times out receiving the body with the body phase', async () => {
    const id = await h.addEndpoint({ name: 'Slow body', baseUrl: `${server.url}/scim`, timeouts: { bodyMs: 300 } });
    const exchange = await h.engine.send('slow-b', h.spec(id, '/slow-body'));
    expect(exchange.error).toMatchObject({ kind: 'timeout', phase: 'body', afterMs: 300 });
  });

  it('cancels a request in flight', async () => {
    const sending = h.engine.send('to-cancel', h.spec(endpointId, '/slow-headers'));
    await new Promise((r) => setTimeout(r, 100));
    expect(h.engine.cancel('to-cancel')).toBe(true);
    const exchange = await sending;
    expect(exchange.error?.kind).toBe('cancelled');
    expect(h.engine.cancel('to-cancel')).toBe(false);
  });

  it('reports a refused connection and an unknown host', async () => {
    const port = await freePort();
    const refused = await h.addEndpoint({ name: 'Nothing there', baseUrl: `http://127.0.0.1:${port}/scim` });
    const exchange = await h.engine.send('refused', h.spec(refused, '/Users'));
    expect(exchange.error).toMatchObject({ kind: 'connect', code: 'ECONNREFUSED', address: `127.0.0.1:${port}` });

    const unknown = await h.addEndpoint({ name: 'No such host', baseUrl: 'http://no-such-host.invalid/scim', proxy: { mode: 'none' } });
    const dns = await h.engine.send('dns', h.spec(unknown, '/Users'));
    expect(dns.error).toMatchObject({ kind: 'dns', host: 'no-such-host.invalid' });
  });

  it('keeps a body larger than the preview as a blob, and cuts one over the cap into a file', async () => {
    h.http.previewBytes = 1024;
    const large = await h.engine.send('large', h.spec(endpointId, '/big?size=5000'));
    expect(large.response?.body).toMatchObject({ size: 5000, truncated: true });
    expect(large.response?.body.preview.length).toBe(1024);
    expect(h.blobs.info(large.response!.body.blobId!).size).toBe(5000);

    h.http.bodyCapBytes = 4096;
    const capped = await h.engine.send('capped', h.spec(endpointId, '/big?size=20000'));
    const body = capped.response!.body;
    expect(body.cappedAt).toBe(4096);
    expect(body.size).toBe(4096);
    expect(body.savedTo).toMatch(/bodies/);
    expect(existsSync(body.savedTo!)).toBe(true);
    expect(readFileSync(body.savedTo!).length).toBe(4096);
    h.http.previewBytes = 256 * 1024;
    h.http.bodyCapBytes = 100 * 1024 * 1024;
  });

  it('reports progress for a slow download', async () => {
    h.progress.length = 0;
    await h.engine.send('chunky', h.spec(endpointId, '/chunked'));
    const events = h.progress.filter((p) => p.requestId === 'chunky');
    expect(events.some((p) => p.phase === 'receiving' && p.receivedBytes > 0)).toBe(true);
    expect(events.at(-1)).toMatchObject({ phase: 'done', receivedBytes: 8 * 64 * 1024 });
  });
});
