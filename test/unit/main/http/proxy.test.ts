import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from './support/certs';
import { createHarness, type Harness } from './support/harness';
import { startConnectProxy, type TestProxy } from './support/proxy';
import { freePort, startHttpServer, startHttpsServer, startSilentServer, type TestServer } from './support/servers';

/** A host name that does not resolve: only the test proxy knows where it is. */
const HIDDEN = 'scim.proxy.test';

describe('proxies', () => {
  let pki: TestPki;
  let plain: TestServer;
  let secure: TestServer;
  let proxy: TestProxy;
  let h: Harness;

  beforeAll(async () => {
    pki = makeTestPki();
    plain = await startHttpServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ host: req.headers.host })));
    secure = await startHttpsServer({ cert: pki.read(pki.serverCert), key: pki.read(pki.serverKey) }, (_req, res) => res.writeHead(200).end('{"secure":true}'));
    proxy = await startConnectProxy({ resolve: (host, port) => ({ host: host === HIDDEN ? '127.0.0.1' : host, port }) });
    h = await createHarness({ env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: 'direct.proxy.test' } });
  });

  afterAll(async () => {
    await h.dispose();
    await Promise.all([plain.close(), secure.close(), proxy.close()]);
    pki.remove();
  });

  it('tunnels through a manual proxy (the target name resolves only at the proxy)', async () => {
    const id = await h.addEndpoint({ name: 'Via proxy', baseUrl: `http://${HIDDEN}:${plain.port}/scim`, proxy: { mode: 'manual', url: proxy.url } });
    const exchange = await h.engine.send('manual', h.spec(id, '/Users'));
    expect(exchange.error).toBeUndefined();
    expect(proxy.tunnels).toContain(`${HIDDEN}:${plain.port}`);
    expect(JSON.parse(exchange.response!.body.preview).host).toBe(`${HIDDEN}:${plain.port}`);
    expect(exchange.response?.remoteAddress).toBe(`127.0.0.1:${proxy.port} (proxy ${proxy.url})`);
  });

  it('applies the custom CA through the proxy', async () => {
    const id = await h.addEndpoint({ name: 'TLS via proxy', baseUrl: `https://localhost:${secure.port}/scim`, proxy: { mode: 'manual', url: proxy.url }, tls: { caFile: pki.caCert } });
    const before = secure.seen.length;
    const exchange = await h.engine.send('tls-proxy', h.spec(id, '/Users'));
    expect(exchange.error).toBeUndefined();
    expect(proxy.tunnels).toContain(`localhost:${secure.port}`);
    expect(secure.seen.length).toBe(before + 1);
    expect(exchange.tls?.peerCertificate?.issuer).toBe('CN=SCIM Test CA');

    const untrusted = await h.addEndpoint({ name: 'TLS via proxy, no CA', baseUrl: `https://localhost:${secure.port}/scim`, proxy: { mode: 'manual', url: proxy.url } });
    const refused = await h.engine.send('tls-proxy-untrusted', h.spec(untrusted, '/Users'));
    expect(refused.error).toMatchObject({ kind: 'tls', reason: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY in env mode', async () => {
    const id = await h.addEndpoint({ name: 'Env proxy', baseUrl: `http://${HIDDEN}:${plain.port}/scim` });
    const tunnels = proxy.tunnels.length;
    const exchange = await h.engine.send('env', h.spec(id, '/Users'));
    expect(exchange.response?.status).toBe(200);
    expect(proxy.tunnels.length).toBe(tunnels + 1);

    // NO_PROXY sends it direct, where the name does not resolve
    const bypass = await h.addEndpoint({ name: 'No proxy for', baseUrl: `http://direct.proxy.test:${plain.port}/scim` });
    const direct = await h.engine.send('env-bypass', h.spec(bypass, '/Users'));
    expect(direct.error).toMatchObject({ kind: 'dns', host: 'direct.proxy.test' });
    expect(proxy.tunnels.length).toBe(tunnels + 1);
  });

  it('never sends loopback targets through the environment proxy, and "none" ignores it', async () => {
    const tunnels = proxy.tunnels.length;
    const loopback = await h.addEndpoint({ name: 'Loopback', baseUrl: `${plain.url}/scim` });
    expect((await h.engine.send('loop', h.spec(loopback, '/Users'))).response?.status).toBe(200);
    const none = await h.addEndpoint({ name: 'No proxy', baseUrl: `http://${HIDDEN}:${plain.port}/scim`, proxy: { mode: 'none' } });
    expect((await h.engine.send('none', h.spec(none, '/Users'))).error?.kind).toBe('dns');
    expect(proxy.tunnels.length).toBe(tunnels);
  });

  it('authenticates to the proxy with the user name and the password from the keychain', async () => {
    const guarded = await startConnectProxy({ requireAuthorization: `Basic ${Buffer.from('proxy-user:proxy-pass-9').toString('base64')}` });
    const id = await h.addEndpoint({ name: 'Proxy auth', baseUrl: `${plain.url}/scim`, proxy: { mode: 'manual', url: guarded.url, username: 'proxy-user' } }, { proxyPassword: 'proxy-pass-9' });
    expect((await h.engine.send('proxy-auth', h.spec(id, '/Users'))).response?.status).toBe(200);

    const without = await h.addEndpoint({ name: 'Proxy no auth', baseUrl: `${plain.url}/scim`, proxy: { mode: 'manual', url: guarded.url } });
    const refused = await h.engine.send('proxy-407', h.spec(without, '/Users'));
    expect(refused.error).toMatchObject({ kind: 'connect', code: 'PROXY_AUTH_REQUIRED' });
    await guarded.close();
  });

  it('times out a proxy that never answers CONNECT in the connect phase', async () => {
    const silent = await startSilentServer();
    const id = await h.addEndpoint({ name: 'Dead proxy', baseUrl: `${plain.url}/scim`, proxy: { mode: 'manual', url: `http://127.0.0.1:${silent.port}` }, timeouts: { connectMs: 300 } });
    const exchange = await h.engine.send('dead-proxy', h.spec(id, '/Users'));
    expect(exchange.error).toMatchObject({ kind: 'timeout', phase: 'connect', afterMs: 300 });
    expect(exchange.error?.message).toContain('through the proxy');
    await silent.close();
  });

  it('says when the proxy itself refuses the connection', async () => {
    const port = await freePort();
    const id = await h.addEndpoint({ name: 'Proxy down', baseUrl: `${plain.url}/scim`, proxy: { mode: 'manual', url: `http://127.0.0.1:${port}` } });
    const exchange = await h.engine.send('proxy-down', h.spec(id, '/Users'));
    expect(exchange.error).toMatchObject({ kind: 'connect', code: 'ECONNREFUSED' });
    expect(exchange.error?.message).toContain('proxy');
  });
});
