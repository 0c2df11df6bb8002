import { brotliCompressSync, deflateSync, gzipSync, zstdCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness';
import { SCIM_JSON, startHttpServer, type TestServer } from './support/servers';

const DOCUMENT = JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', userName: 'coded@example.com', note: 'x'.repeat(2000) });
const CODERS: Record<string, (input: Buffer) => Buffer> = {
  gzip: (b) => gzipSync(b),
  deflate: (b) => deflateSync(b),
  br: (b) => brotliCompressSync(b),
  zstd: (b) => zstdCompressSync(b),
};

describe('response bodies: content codings and cut connections', () => {
  let h: Harness;
  let server: TestServer;
  let endpointId: string;

  beforeAll(async () => {
    h = await createHarness();
    server = await startHttpServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const coding = url.searchParams.get('coding') ?? '';
      if (url.pathname === '/bomb') {
        // 8 MiB of zeros: a few KiB on the wire
        const coded = gzipSync(Buffer.alloc(8 * 1024 * 1024));
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip', 'content-length': String(coded.length) }).end(coded);
        return;
      }
      if (url.pathname === '/cut') {
        res.writeHead(200, { 'content-type': SCIM_JSON, 'content-length': '5000' });
        res.write('{"Resources": [', () => setTimeout(() => req.socket.destroy(), 20));
        return;
      }
      if (url.pathname === '/broken') {
        res.writeHead(200, { 'content-type': SCIM_JSON, 'content-encoding': coding }).end(`this is not ${coding} at all`);
        return;
      }
      if (url.pathname === '/echo-auth') {
        const coded = gzipSync(Buffer.from(JSON.stringify({ youSent: req.headers.authorization })));
        res.writeHead(200, { 'content-type': SCIM_JSON, 'content-encoding': 'gzip' }).end(coded);
        return;
      }
      if (url.pathname === '/unknown') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'x-custom' }).end('kept as sent');
        return;
      }
      if (url.pathname === '/twice') {
        res.writeHead(200, { 'content-type': SCIM_JSON, 'content-encoding': 'deflate, gzip' }).end(gzipSync(deflateSync(Buffer.from(DOCUMENT))));
        return;
      }
      const coded = CODERS[coding]!(Buffer.from(DOCUMENT));
      res.writeHead(200, { 'content-type': SCIM_JSON, 'Content-Encoding': coding, 'content-length': String(coded.length) }).end(coded);
    });
    endpointId = await h.addEndpoint({ name: 'Coded', baseUrl: server.url, auth: { kind: 'none' } }, {});
  });

  afterAll(async () => {
    await h.dispose();
    await server.close();
  });

  it('asks for compressed answers as fetch did', async () => {
    await h.engine.send('ask', h.spec(endpointId, '/plain?coding=gzip'));
    expect(server.seen.at(-1)!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  for (const coding of Object.keys(CODERS)) {
    it(`decodes a ${coding} body for display and keeps the wire headers`, async () => {
      const exchange = await h.engine.send(`coded-${coding}`, h.spec(endpointId, `/doc?coding=${coding}`));
      expect(exchange.error).toBeUndefined();
      expect(JSON.parse(exchange.response!.body.preview)).toEqual(JSON.parse(DOCUMENT));
      expect(exchange.response!.body.size).toBe(Buffer.byteLength(DOCUMENT));
      expect(exchange.response!.headers).toContainEqual(['Content-Encoding', coding]);
    });
  }

  it('replaces a secret found inside a coded body once it is decoded', async () => {
    const token = 'coded-canary-5e1f0a9c3b7d';
    const secured = await h.addEndpoint({ name: 'Coded secured', baseUrl: server.url, auth: { kind: 'bearer' } }, { token });
    const exchange = await h.engine.send('echo-auth', h.spec(secured, '/echo-auth'));
    expect(JSON.parse(exchange.response!.body.preview)).toEqual({ youSent: 'Bearer [REDACTED]' });
    expect(JSON.stringify(exchange)).not.toContain(token);
  });

  it('undoes codings applied one over the other, last applied first', async () => {
    const exchange = await h.engine.send('twice', h.spec(endpointId, '/twice'));
    expect(exchange.error).toBeUndefined();
    expect(JSON.parse(exchange.response!.body.preview).userName).toBe('coded@example.com');
  });

  it('keeps a body in a coding it does not know as received', async () => {
    const exchange = await h.engine.send('unknown', h.spec(endpointId, '/unknown'));
    expect(exchange.response!.body.preview).toBe('kept as sent');
  });

  for (const coding of Object.keys(CODERS)) {
    it(`says which coding failed when a ${coding} body does not decode`, async () => {
      const exchange = await h.engine.send(`broken-${coding}`, h.spec(endpointId, `/broken?coding=${coding}`));
      expect(exchange.response).toBeUndefined();
      expect(exchange.error).toMatchObject({ kind: 'network' });
      expect(exchange.error!.message).toContain(`says Content-Encoding: ${coding}, but its body could not be decoded (`);
    });
  }

  it('reports a connection dropped half way through the body, not a short body', async () => {
    const exchange = await h.engine.send('cut', h.spec(endpointId, '/cut'));
    expect(exchange.response).toBeUndefined();
    expect(exchange.error).toMatchObject({ kind: 'network' });
    expect(exchange.error!.message).toContain('closed the connection before the answer was complete');
  });

  it('applies the body cap to the decoded bytes, so a small body that inflates past it is cut', async () => {
    h.http.bodyCapBytes = 1024 * 1024;
    try {
      const exchange = await h.engine.send('bomb', h.spec(endpointId, '/bomb'));
      expect(exchange.error).toBeUndefined();
      expect(exchange.response!.body).toMatchObject({ size: 1024 * 1024, cappedAt: 1024 * 1024 });
    } finally {
      h.http.bodyCapBytes = 100 * 1024 * 1024;
    }
  });
});
