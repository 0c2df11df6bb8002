import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '../../../../src/main/services/endpoints/connection-test';
import { startScimmyServer, type ScimmyServer } from '../../../peers/scimmy-server';
import { makeTestPki, type TestPki } from '../http/support/certs';
import { createHarness, type Harness } from '../http/support/harness';
import { freePort, startHttpServer, startHttpsServer, type TestServer } from '../http/support/servers';

describe('Test connection', () => {
  let h: Harness;
  let scimmy: ScimmyServer;
  let html: TestServer;
  let secure: TestServer;
  let pki: TestPki;

  beforeAll(async () => {
    h = await createHarness();
    scimmy = await startScimmyServer({ users: 1 });
    html = await startHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>'));
    pki = makeTestPki();
    secure = await startHttpsServer({ cert: pki.read(pki.serverCert), key: pki.read(pki.serverKey) }, (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/scim+json' }).end(JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'], patch: { supported: true } })),
    );
  });

  afterAll(async () => {
    await h.dispose();
    await Promise.all([scimmy.close(), html.close(), secure.close()]);
    pki.remove();
  });

  it('finds a SCIM service provider and says what it supports and how long it took', async () => {
    const id = await h.addEndpoint({ name: 'SCIMMY', baseUrl: scimmy.baseUrl, auth: { kind: 'bearer' } }, { token: scimmy.token });
    const result = await testConnection(h.engine, h.endpoints.endpoint(id));
    expect(result.ok).toBe(true);
    expect(result.url).toBe(`${scimmy.baseUrl}/ServiceProviderConfig`);
    expect(result.findings).toContainEqual(expect.objectContaining({ level: 'ok', area: 'scim', message: expect.stringMatching(/^SCIM service provider found\. Supports: .*patch/) }));
    expect(result.findings).toContainEqual(expect.objectContaining({ area: 'auth', message: expect.stringMatching(/answered with these credentials/) }));
    expect(result.findings).toContainEqual(expect.objectContaining({ area: 'timing', message: expect.stringMatching(/ms in total/) }));
    expect(result.exchange?.response?.status).toBe(200);
  });

  it('says the credentials were rejected', async () => {
    const id = await h.addEndpoint({ name: 'SCIMMY wrong token', baseUrl: scimmy.baseUrl, auth: { kind: 'bearer' } }, { token: 'wrong-token' });
    const result = await testConnection(h.engine, h.endpoints.endpoint(id));
    expect(result.ok).toBe(false);
    expect(result.findings).toContainEqual(expect.objectContaining({ level: 'error', area: 'auth', message: expect.stringMatching(/rejected the credentials \(401\)/) }));
  });

  it('calls a missing secret an authentication problem, not a network one', async () => {
    const id = await h.addEndpoint({ name: 'SCIMMY no token', baseUrl: scimmy.baseUrl, auth: { kind: 'bearer' } });
    const result = await testConnection(h.engine, h.endpoints.endpoint(id));
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([expect.objectContaining({ level: 'error', area: 'auth', message: expect.stringMatching(/has no bearer token set: nothing was sent/) })]);
  });

  it('recognises an HTML page where SCIM was expected', async () => {
    const id = await h.addEndpoint({ name: 'Login page', baseUrl: `${html.url}/scim` });
    const result = await testConnection(h.engine, h.endpoints.endpoint(id));
    expect(result.ok).toBe(false);
    expect(result.findings).toContainEqual(expect.objectContaining({ level: 'error', area: 'scim', message: expect.stringMatching(/HTML page/) }));
  });

  it('explains a server that cannot be reached, and an untrusted certificate', async () => {
    const gone = await h.addEndpoint({ name: 'Gone', baseUrl: `http://127.0.0.1:${await freePort()}/scim` });
    const down = await testConnection(h.engine, h.endpoints.endpoint(gone));
    expect(down).toMatchObject({ ok: false, error: { kind: 'connect' } });
    expect(down.findings[0]).toMatchObject({ level: 'error', area: 'network', message: expect.stringMatching(/refused the connection.*Is the server running/) });

    const untrusted = await h.addEndpoint({ name: 'Untrusted', baseUrl: `${secure.url}/scim` });
    const tls = await testConnection(h.engine, h.endpoints.endpoint(untrusted));
    expect(tls.findings[0]).toMatchObject({ level: 'error', area: 'tls', message: expect.stringMatching(/SCIM Test CA.*not trusted/) });
  });

  it('reports the certificate, and warns when verification is off', async () => {
    const trusted = await h.addEndpoint({ name: 'Trusted', baseUrl: `${secure.url}/scim`, tls: { caFile: pki.caCert } });
    const ok = await testConnection(h.engine, h.endpoints.endpoint(trusted));
    expect(ok.findings).toContainEqual(expect.objectContaining({ level: 'ok', area: 'tls', message: expect.stringMatching(/certificate CN=localhost issued by CN=SCIM Test CA, valid for \d+ more days/) }));
    expect(ok.findings).toContainEqual(expect.objectContaining({ level: 'warning', area: 'tls', message: expect.stringMatching(/expires in \d+ days/) }));

    const off = await h.addEndpoint({ name: 'Verify off', baseUrl: `${secure.url}/scim`, tls: { verify: false } });
    const warned = await testConnection(h.engine, h.endpoints.endpoint(off));
    expect(warned.findings).toContainEqual(expect.objectContaining({ level: 'warning', area: 'tls', message: expect.stringMatching(/verification is OFF/) }));
  });
});
