import type { ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from './support/certs';
import { createHarness, failureOf, type Harness } from './support/harness';
import { startHttpsServer, startSilentServer, type TestServer } from './support/servers';

const ok = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/scim+json' }).end('{"schemas":[]}');

describe('TLS', () => {
  let pki: TestPki;
  let h: Harness;
  let server: TestServer;
  let expired: TestServer;
  let mutual: TestServer;

  beforeAll(async () => {
    pki = makeTestPki();
    h = await createHarness();
    server = await startHttpsServer({ cert: pki.read(pki.serverCert), key: pki.read(pki.serverKey) }, (_req, res) => ok(res));
    expired = await startHttpsServer({ cert: pki.read(pki.expiredCert), key: pki.read(pki.expiredKey) }, (_req, res) => ok(res));
    mutual = await startHttpsServer(
      { cert: pki.read(pki.serverCert), key: pki.read(pki.serverKey), ca: pki.read(pki.caCert), requestCert: true, rejectUnauthorized: true },
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ client: peer.subject?.CN }));
      },
    );
  });

  afterAll(async () => {
    await h.dispose();
    await Promise.all([server.close(), expired.close(), mutual.close()]);
    pki.remove();
  });

  it('refuses a server whose CA is not trusted, naming the certificate and the fix', async () => {
    const id = await h.addEndpoint({ name: 'Untrusted', baseUrl: `${server.url}/scim` });
    const exchange = await h.engine.send('untrusted', h.spec(id, '/Users'));
    expect(exchange.error?.kind).toBe('tls');
    expect(server.seen).toHaveLength(0);
    const error = exchange.error as Extract<typeof exchange.error, { kind: 'tls' }>;
    expect(error.reason).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(error.message).toContain('SCIM Test CA');
    expect(error.certificate?.subject).toBe('CN=localhost');
    expect(error.hint).toMatch(/CA file/);
    // the certificate the server presented is shown with the failure
    expect(exchange.tls?.peerCertificate?.issuer).toBe('CN=SCIM Test CA');
  });

  it('trusts the server once its CA file is added, and captures the peer certificate', async () => {
    const id = await h.addEndpoint({ name: 'Custom CA', baseUrl: `${server.url}/scim`, tls: { caFile: pki.caCert, caMode: 'add' } });
    const exchange = await h.engine.send('custom-ca', h.spec(id, '/Users'));
    expect(exchange.error).toBeUndefined();
    expect(exchange.response?.status).toBe(200);
    expect(exchange.tls).toMatchObject({ verificationDisabled: false, peerCertificate: { subject: 'CN=localhost', issuer: 'CN=SCIM Test CA' } });
    expect(exchange.tls?.peerCertificate?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(exchange.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(exchange.timings.tls).toBeGreaterThan(0);
  });

  it('with "replace", trusts only the CA file (another CA does not do)', async () => {
    const id = await h.addEndpoint({ name: 'Wrong CA', baseUrl: `${server.url}/scim`, tls: { caFile: pki.otherCaCert, caMode: 'replace' } });
    const exchange = await h.engine.send('wrong-ca', h.spec(id, '/Users'));
    expect(exchange.error?.kind).toBe('tls');
  });

  it('connects with verification off, and says so on the exchange', async () => {
    const id = await h.addEndpoint({ name: 'No verify', baseUrl: `${server.url}/scim`, tls: { verify: false } });
    const exchange = await h.engine.send('no-verify', h.spec(id, '/Users'));
    expect(exchange.response?.status).toBe(200);
    expect(exchange.tls?.verificationDisabled).toBe(true);
  });

  it('reports an expired certificate with its expiry date', async () => {
    const id = await h.addEndpoint({ name: 'Expired', baseUrl: `${expired.url}/scim`, tls: { caFile: pki.caCert } });
    const exchange = await h.engine.send('expired', h.spec(id, '/Users'));
    expect(exchange.error).toMatchObject({ kind: 'tls', reason: 'CERT_HAS_EXPIRED' });
    expect(exchange.error?.message).toContain('2020-02-01');
    expect(expired.seen).toHaveLength(0);
  });

  it('reports a host name the certificate does not cover', async () => {
    // the certificate names 127.0.0.1 and localhost; serve it on another loopback address
    const elsewhere = await startHttpsServer({ cert: pki.read(pki.serverCert), key: pki.read(pki.serverKey) }, (_req, res) => ok(res), '127.0.0.2');
    const id = await h.addEndpoint({ name: 'Wrong name', baseUrl: `${elsewhere.url}/scim`, tls: { caFile: pki.caCert } });
    const exchange = await h.engine.send('altname', h.spec(id, '/Users'));
    await elsewhere.close();
    expect(exchange.error).toMatchObject({ kind: 'tls', reason: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    expect(exchange.error?.message).toContain('127.0.0.2');
  });

  it('says a client certificate is required when the server asks for one', async () => {
    const id = await h.addEndpoint({ name: 'mTLS without cert', baseUrl: `${mutual.url}/scim`, tls: { caFile: pki.caCert } });
    const exchange = await h.engine.send('mtls-missing', h.spec(id, '/Users'));
    expect(exchange.error, JSON.stringify(exchange.error)).toMatchObject({ kind: 'tls' });
    expect(exchange.error?.message).toMatch(/requires a client certificate/);
  });

  it('presents a PEM client certificate with an encrypted key (passphrase from the keychain)', async () => {
    const id = await h.addEndpoint(
      { name: 'mTLS PEM', baseUrl: `${mutual.url}/scim`, tls: { caFile: pki.caCert, clientCert: { kind: 'pem', certFile: pki.clientCert, keyFile: pki.clientKeyEncrypted } } },
      { passphrase: pki.passphrase },
    );
    const exchange = await h.engine.send('mtls-pem', h.spec(id, '/Users'));
    expect(exchange.error).toBeUndefined();
    expect(JSON.parse(exchange.response!.body.preview)).toEqual({ client: 'scim-inspector-test-client' });
  });

  it('presents a PFX client certificate', async () => {
    const id = await h.addEndpoint(
      { name: 'mTLS PFX', baseUrl: `${mutual.url}/scim`, tls: { caFile: pki.caCert, clientCert: { kind: 'pfx', pfxFile: pki.clientPfx } } },
      { passphrase: pki.passphrase },
    );
    const exchange = await h.engine.send('mtls-pfx', h.spec(id, '/Users'));
    expect(JSON.parse(exchange.response!.body.preview)).toEqual({ client: 'scim-inspector-test-client' });
  });

  it('says the passphrase is wrong instead of failing obscurely', async () => {
    const id = await h.addEndpoint(
      { name: 'mTLS bad pass', baseUrl: `${mutual.url}/scim`, tls: { caFile: pki.caCert, clientCert: { kind: 'pem', certFile: pki.clientCert, keyFile: pki.clientKeyEncrypted } } },
      { passphrase: 'not-the-passphrase' },
    );
    const error = await failureOf(h.engine.send('bad-pass', h.spec(id, '/Users')));
    expect(error).toMatchObject({ kind: 'tls', reason: 'wrong or missing passphrase' });
  });

  it('names a CA file that does not exist', async () => {
    const id = await h.addEndpoint({ name: 'Missing CA', baseUrl: `${server.url}/scim`, tls: { caFile: `${pki.dir}/nope.pem` } });
    const error = await failureOf(h.engine.send('missing-ca', h.spec(id, '/Users')));
    expect(error).toMatchObject({ kind: 'validation' });
    expect(error?.message).toContain('nope.pem');
  });

  it('times out a stalled TLS handshake with the tls phase', async () => {
    const silent = await startSilentServer();
    const id = await h.addEndpoint({ name: 'Stalled TLS', baseUrl: `https://127.0.0.1:${silent.port}/scim`, timeouts: { connectMs: 300 } });
    const exchange = await h.engine.send('stalled-tls', h.spec(id, '/Users'));
    expect(exchange.error).toMatchObject({ kind: 'timeout', phase: 'tls', afterMs: 300 });
    await silent.close();
  });
});
