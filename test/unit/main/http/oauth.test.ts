import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, failureOf, type Harness } from './support/harness';
import { startConnectProxy, type TestProxy } from './support/proxy';
import { startHttpServer, type TestServer } from './support/servers';

const CLIENT_SECRET = 'client-secret-7d1e0b';

describe('OAuth 2.0 client credentials', () => {
  let h: Harness;
  let tokenServer: TestServer;
  let api: TestServer;
  let issued: string[];
  let forms: URLSearchParams[];
  /** tokens the API accepts */
  let valid: Set<string>;
  let expiresIn: number;
  /** the API accepts the tokens the token endpoint issues */
  let apiTrustsIssuer: boolean;

  beforeAll(async () => {
    h = await createHarness();
    tokenServer = await startHttpServer((req, res, body) => {
      const form = new URLSearchParams(body);
      forms.push(form);
      const basic = req.headers.authorization?.startsWith('Basic ') ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString() : undefined;
      const secret = form.get('client_secret') ?? basic?.split(':')[1];
      if (form.get('grant_type') !== 'client_credentials' || secret !== CLIENT_SECRET) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_client', error_description: 'bad client credentials' }));
        return;
      }
      const token = `access-${issued.length + 1}-${Math.random().toString(36).slice(2)}`;
      issued.push(token);
      if (apiTrustsIssuer) valid.add(token);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: expiresIn }));
    });
    api = await startHttpServer((req, res) => {
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (!valid.has(token)) {
        res.writeHead(401, { 'content-type': 'application/scim+json' }).end('{"status":"401"}');
        return;
      }
      // echoes the token back: it must never reach the renderer
      res.writeHead(200, { 'content-type': 'application/scim+json', 'x-seen-token': token }).end(JSON.stringify({ token }));
    });
  });

  beforeEach(() => {
    issued = [];
    forms = [];
    valid = new Set();
    expiresIn = 3600;
    apiTrustsIssuer = true;
  });

  afterAll(async () => {
    await h.dispose();
    await Promise.all([tokenServer.close(), api.close()]);
  });

  const endpoint = (extra: Record<string, unknown> = {}) =>
    h.addEndpoint(
      { name: 'OAuth', baseUrl: `${api.url}/scim`, auth: { kind: 'oauth2-client-credentials', tokenUrl: `${tokenServer.url}/token`, clientId: 'inspector', scope: 'scim.read', audience: 'https://scim.example', ...extra } },
      { clientSecret: CLIENT_SECRET },
    );

  it('fetches a token once and reuses it until it expires', async () => {
    const id = await endpoint();
    const first = await h.engine.send('o1', h.spec(id, '/Users'));
    const second = await h.engine.send('o2', h.spec(id, '/Users'));
    expect(first.response?.status).toBe(200);
    expect(second.response?.status).toBe(200);
    expect(issued).toHaveLength(1);
    expect(forms[0]?.get('client_id')).toBe('inspector');
    expect(forms[0]?.get('scope')).toBe('scim.read');
    expect(forms[0]?.get('audience')).toBe('https://scim.example');
    // the access token is a secret too: scrubbed from what leaves the engine
    expect(JSON.stringify(second)).not.toContain(issued[0]);
    expect(second.response?.headers).toContainEqual(['x-seen-token', '[REDACTED]']);
  });

  it('fetches a new token when the cached one has expired', async () => {
    expiresIn = 1;
    const id = await endpoint();
    await h.engine.send('e1', h.spec(id, '/Users'));
    await new Promise((r) => setTimeout(r, 700));
    await h.engine.send('e2', h.spec(id, '/Users'));
    expect(issued).toHaveLength(2);
  });

  it('on a 401, fetches a new token once and sends again', async () => {
    const id = await endpoint();
    await h.engine.send('r1', h.spec(id, '/Users'));
    valid.clear(); // the server revoked it
    const exchange = await h.engine.send('r2', h.spec(id, '/Users'));
    expect(exchange.response?.status).toBe(200);
    expect(issued).toHaveLength(2);
    expect(api.seen.at(-1)?.headers.authorization).toBe(`Bearer ${issued[1]}`);
  });

  it('gives up after one new token when the server keeps answering 401', async () => {
    const id = await endpoint();
    await h.engine.send('k1', h.spec(id, '/Users'));
    const before = api.seen.length;
    valid.clear();
    apiTrustsIssuer = false;
    const exchange = await h.engine.send('k2', h.spec(id, '/Users'));
    expect(exchange.response?.status).toBe(401);
    expect(api.seen.length - before).toBe(2);
    expect(issued).toHaveLength(2);
  });

  it('sends the client secret with HTTP Basic when chosen', async () => {
    const id = await endpoint({ clientAuth: 'basic' });
    expect((await h.engine.send('b1', h.spec(id, '/Users'))).response?.status).toBe(200);
    expect(forms[0]?.get('client_secret')).toBeNull();
    expect(tokenServer.seen.at(-1)?.headers.authorization).toMatch(/^Basic /);
  });

  it('reports a refused client without sending anything to the API', async () => {
    const id = await h.addEndpoint({ name: 'Bad client', baseUrl: `${api.url}/scim`, auth: { kind: 'oauth2-client-credentials', tokenUrl: `${tokenServer.url}/token`, clientId: 'inspector' } }, { clientSecret: 'wrong' });
    const before = api.seen.length;
    const error = await failureOf(h.engine.send('bad', h.spec(id, '/Users')));
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain('invalid_client');
    expect(api.seen.length).toBe(before);
  });

  it('sends the token request through the endpoint proxy too', async () => {
    const proxy: TestProxy = await startConnectProxy({ resolve: (host, port) => ({ host: host === 'auth.proxy.test' ? '127.0.0.1' : host, port }) });
    const id = await h.addEndpoint(
      { name: 'OAuth via proxy', baseUrl: `${api.url}/scim`, proxy: { mode: 'manual', url: proxy.url }, auth: { kind: 'oauth2-client-credentials', tokenUrl: `http://auth.proxy.test:${tokenServer.port}/token`, clientId: 'inspector' } },
      { clientSecret: CLIENT_SECRET },
    );
    const exchange = await h.engine.send('via-proxy', h.spec(id, '/Users'));
    expect(exchange.response?.status).toBe(200);
    expect(proxy.tunnels).toContain(`auth.proxy.test:${tokenServer.port}`);
    await proxy.close();
  });
});
