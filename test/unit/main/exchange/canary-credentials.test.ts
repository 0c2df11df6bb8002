import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName, RequestInput, ResponseOf } from '@shared/api/contract';
import type { WireResult } from '@shared/api/wire';
import { secretSpellings } from '@shared/redact/secret-scrubber';
import { startEchoServer, type EchoServer } from '../../../support/echo-server';
import { startCore } from './harness';

/**
 * Issue 12's canary suite: every kind of credential, planted through the composed app against a real
 * HTTP server on 127.0.0.1 that echoes what it gets, must be found nowhere: not in the data
 * directory (SQLite, WAL, body files, collections, logs), not in any export format, not in any
 * answer or event the page receives.
 */

const canary = (kind: string) => `canary-${kind}-${randomUUID().slice(0, 13)}`;
const b64 = (text: string) => Buffer.from(text).toString('base64');

const BEARER = canary('bearer');
/** user names of every length mod 3: base64(user:password) aligns the password differently for each */
const BASIC_USERS = ['', 'b', 'bo', 'bob', 'anna'];
/** Basic passwords with characters that spell differently in JSON, URLs, forms and UTF-8 */
const BASIC = BASIC_USERS.map((user) => ({ user, password: `${canary(`basic${user.length}`)} "/+é` }));
const API_KEY = canary('apikey');
const OAUTH_FORM_SECRET = `${canary('client-form')} &+/ x`;
const OAUTH_BASIC_SECRET = `${canary('client-basic')}:é/+`;
const OAUTH_ACCESS = canary('oauth-access');
const URL_TOKEN = canary('url-access-token');
const TYPED_TOKEN = canary('typed-bearer');
const FORM_PASSWORD = canary('form-password');
const JSON_PASSWORD = canary('broken-json-password');
const PATCH_PASSWORD = canary('patch-password');

const CANARIES = [BEARER, ...BASIC.map((b) => b.password), API_KEY, OAUTH_FORM_SECRET, OAUTH_BASIC_SECRET, OAUTH_ACCESS, URL_TOKEN, TYPED_TOKEN, FORM_PASSWORD, JSON_PASSWORD, PATCH_PASSWORD];

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((name) => join(dir, name)).filter((path) => statSync(path).isFile());
}

describe('the canary suite: every credential kind, planted and echoed, found nowhere', () => {
  let server: EchoServer;
  let app: Awaited<ReturnType<typeof startCore>>;
  const answers: { command: string; text: string }[] = [];
  const events: string[] = [];
  const outputs: Record<string, string> = {};
  let needles: string[] = [];
  let filesWhileRunning: { path: string; text: string }[] = [];

  async function call<K extends CommandName>(command: K, payload: RequestInput<K>): Promise<ResponseOf<K>> {
    const result: WireResult = await app.core.router.dispatch(command, payload, { origin: 'test' });
    answers.push({ command, text: JSON.stringify(result) });
    if (!result.ok) throw Object.assign(new Error(`${command}: ${result.error.message}`), { error: result.error });
    return result.value as ResponseOf<K>;
  }
  /** a command that is meant to fail: its answer is kept and searched too */
  async function failing<K extends CommandName>(command: K, payload: RequestInput<K>): Promise<string> {
    const result: WireResult = await app.core.router.dispatch(command, payload, { origin: 'test' });
    answers.push({ command, text: JSON.stringify(result) });
    expect(result.ok, `${command} should fail`).toBe(false);
    return JSON.stringify(result);
  }

  beforeAll(async () => {
    server = await startEchoServer((req) => {
      const path = new URL(req.url, 'http://x').pathname;
      if (path.endsWith('/oauth/token')) {
        const form = new URLSearchParams(req.body);
        const basic = String(req.headers.authorization ?? '');
        const good = form.get('client_secret') === OAUTH_FORM_SECRET || basic === `Basic ${b64(`${encodeURIComponent('client-b')}:${encodeURIComponent(OAUTH_BASIC_SECRET)}`)}`;
        if (!good || path.includes('/refuse/')) {
          // a token endpoint that says what it got: the client secret comes back in its answer
          return { status: 401, body: { error: 'invalid_client', error_description: `got ${basic} and ${req.body}` } };
        }
        return { body: { access_token: OAUTH_ACCESS, token_type: 'Bearer', expires_in: 3600 } };
      }
      const auth = String(req.headers.authorization ?? req.headers['x-tenant-key'] ?? '');
      return {
        status: req.method === 'POST' ? 201 : 200,
        headers: { 'x-echo-auth': auth, location: `${server.url}/scim/Users/1?${new URL(req.url, 'http://x').search.slice(1)}` },
        // past history's inline limit the body goes to a file of its own
        body: { echo: req, note: `you sent ${auth} and ${req.body}`, ...(path.endsWith('/big') ? { padding: 'x'.repeat(3000) } : {}) },
      };
    });
    app = await startCore();
    app.core.events.subscribe((event) => events.push(JSON.stringify(event)));
    await call('settings.update', { history: { inlineBodyBytes: 1024 } });
    const base = `${server.url}/scim`;
    const create = async (name: string, auth: RequestInput<'endpoints.create'>['endpoint']['auth'], secret?: [RequestInput<'endpoints.setSecret'>['field'], string]) => {
      const view = await call('endpoints.create', { endpoint: { name, baseUrl: base, auth } });
      if (secret) await call('endpoints.setSecret', { endpointId: view.id, field: secret[0], value: secret[1] });
      return view.id;
    };
    const send = (endpointId: string, spec: Partial<RequestInput<'http.send'>['spec']> = {}) =>
      call('http.send', { requestId: randomUUID(), spec: { endpointId, method: 'GET', path: '/Users', ...spec } as RequestInput<'http.send'>['spec'] });

    // credentials the vault holds, sent by the engine
    const bearer = await create('Bearer', { kind: 'bearer' }, ['token', BEARER]);
    await send(bearer);
    for (const { user, password } of BASIC) {
      const id = await create(`Basic ${user.length}`, { kind: 'basic', username: user }, ['password', password]);
      await send(id);
      await send(id, { method: 'POST', path: '/big', body: JSON.stringify({ userName: user, password }) });
    }
    const keyed = await create('Keyed', { kind: 'api-key', headerName: 'X-Tenant-Key' }, ['apiKey', API_KEY]);
    await send(keyed);
    const oauthForm = await create('OAuth form', { kind: 'oauth2-client-credentials', tokenUrl: `${server.url}/oauth/token`, clientId: 'client-f', clientAuth: 'body' }, ['clientSecret', OAUTH_FORM_SECRET]);
    await send(oauthForm);
    const oauthBasic = await create('OAuth basic', { kind: 'oauth2-client-credentials', tokenUrl: `${server.url}/oauth/token`, clientId: 'client-b', clientAuth: 'basic' }, ['clientSecret', OAUTH_BASIC_SECRET]);
    await send(oauthBasic);
    // token endpoints that refuse and echo the client secret, sent in a form and in Basic
    for (const [clientAuth, secret] of [['body', OAUTH_FORM_SECRET], ['basic', OAUTH_BASIC_SECRET]] as const) {
      const refused = await create(`OAuth refused ${clientAuth}`, { kind: 'oauth2-client-credentials', tokenUrl: `${server.url}/refuse/oauth/token`, clientId: 'client-r', clientAuth }, ['clientSecret', secret]);
      expect(await failing('http.send', { requestId: randomUUID(), spec: { endpointId: refused, method: 'GET', path: '/Users' } as RequestInput<'http.send'>['spec'] })).toContain('invalid_client');
    }

    // credentials the vault does not hold: typed by the user, found by where they stand
    const open = await create('Open', { kind: 'none' });
    await send(open, { path: `/Users?filter=${encodeURIComponent('userName eq "bjensen"')}&access_token=${URL_TOKEN}` });
    await send(open, { headers: [{ name: 'Authorization', value: `Bearer ${TYPED_TOKEN}`, enabled: true }] });
    await send(open, { path: '/big', headers: [{ name: 'Authorization', value: `Bearer ${TYPED_TOKEN}`, enabled: true }] });
    await send(open, { method: 'POST', path: '/login', headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded', enabled: true }], body: `username=bob&password=${encodeURIComponent(FORM_PASSWORD)}` });
    await send(open, { method: 'POST', path: '/Users', body: `{"userName":"bjensen","password":"${JSON_PASSWORD}",` });
    await send(open, {
      method: 'PATCH',
      path: '/Users/1',
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'password', value: PATCH_PASSWORD }] }),
    });

    // the other ways an exchange reaches the page: connection test, discovery
    await call('endpoints.test', { id: BASIC.length > 3 ? bearer : open });
    await call('discovery.get', { endpointId: oauthBasic });
    await call('endpoints.list', {});

    // a collection: a request with a typed credential header, run against a Basic endpoint
    const collection = await call('collections.create', { name: 'Canary run' });
    await call('collections.saveRequest', {
      collectionId: collection.id,
      request: { name: 'List', method: 'GET', path: '/Users', headers: [{ name: 'Authorization', value: `Bearer ${TYPED_TOKEN}`, enabled: true }] },
    });
    const run = await call('collections.run', { collectionId: collection.id, endpointId: open });
    expect(run.steps[0]?.status).toBe(200);
    await call('collections.get', { collectionId: collection.id });

    app.core.history.flush();
    const ids = (await call('history.list', { limit: 100 })).entries.map((e) => e.id);
    expect(ids.length).toBeGreaterThanOrEqual(15);
    for (const id of ids) {
      const entry = await call('history.get', { id });
      for (const body of [entry.exchange.request.body, entry.exchange.response?.body]) if (body?.blobId) await call('blobs.read', { id: body.blobId, start: 0 });
    }
    for (const format of ['har', 'markdown', 'json'] as const) outputs[format] = (await call('exchange.export', { source: { kind: 'history', ids }, format })).content;
    outputs.runHar = (await call('exchange.export', { source: { kind: 'run', runId: run.runId }, format: 'har' })).content;
    outputs.preview = JSON.stringify(await call('exchange.preview', { source: { kind: 'history', ids } }));
    outputs.search = JSON.stringify(await call('history.list', { text: 'canary', limit: 100 }));

    // every spelling of every canary, and every credential header value as the server got it
    const wire = server.seen.flatMap((r) => [r.headers.authorization, r.headers['x-tenant-key']].filter((v): v is string => typeof v === 'string'));
    needles = [...new Set([...CANARIES.flatMap(secretSpellings), ...wire, ...wire.map((v) => v.replace(/^\w+ /, '')), ...BASIC.map(({ user, password }) => b64(`${user}:${password}`))])];
    filesWhileRunning = filesUnder(app.dir).map((path) => ({ path, text: readFileSync(path, 'latin1') }));
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await server?.close();
  });

  const hits = (text: string) => needles.filter((needle) => text.includes(needle));

  it('planted every credential on the wire (so the search means something)', () => {
    const auth = server.seen.map((r) => String(r.headers.authorization ?? ''));
    expect(auth).toContain(`Bearer ${BEARER}`);
    for (const { user, password } of BASIC) expect(auth).toContain(`Basic ${b64(`${user}:${password}`)}`);
    expect(auth).toContain(`Bearer ${OAUTH_ACCESS}`);
    expect(auth).toContain(`Bearer ${TYPED_TOKEN}`);
    expect(auth).toContain(`Basic ${b64(`client-b:${encodeURIComponent(OAUTH_BASIC_SECRET)}`)}`);
    expect(server.seen.some((r) => r.headers['x-tenant-key'] === API_KEY)).toBe(true);
    expect(server.seen.some((r) => new URLSearchParams(r.body).get('client_secret') === OAUTH_FORM_SECRET)).toBe(true);
    expect(server.seen.some((r) => r.url.includes(`access_token=${URL_TOKEN}`))).toBe(true);
    expect(server.seen.some((r) => r.body.includes(JSON_PASSWORD) && r.body.endsWith(','))).toBe(true);
    expect(server.seen.some((r) => r.body.includes(encodeURIComponent(FORM_PASSWORD)))).toBe(true);
  });

  it('is in no answer and no event the page receives', () => {
    expect(answers.length).toBeGreaterThan(40);
    expect(answers.filter((a) => hits(a.text).length > 0).map((a) => `${a.command}: ${hits(a.text).join(', ')}`)).toEqual([]);
    expect(events.filter((e) => hits(e).length > 0)).toEqual([]);
  });

  it('is in no export format, and each export says what it replaced', () => {
    for (const [name, text] of Object.entries(outputs)) expect(hits(text), name).toEqual([]);
    expect(outputs.markdown).toMatch(/URL parameter `access_token`/);
    const json = JSON.parse(outputs.json!) as { redaction: { replacements: { kind: string; name?: string; where: string; count: number }[] } };
    const kinds = new Set(json.redaction.replacements.map((r) => r.kind));
    for (const kind of ['secret-header', 'url-parameter', 'form-field', 'json-member', 'echoed-credential']) expect(kinds, kind).toContain(kind);
    const har = JSON.parse(outputs.har!) as { log: { comment: string } };
    expect(har.log.comment).toMatch(/access_token/);
  });

  it('is in no file under the data directory: database, WAL, body files, collections, logs', async () => {
    expect(filesWhileRunning.some((f) => f.path.endsWith('history.sqlite-wal'))).toBe(true);
    expect(filesWhileRunning.some((f) => f.path.includes(join('history', 'bodies')))).toBe(true);
    expect(filesWhileRunning.some((f) => f.path.endsWith('.request.json'))).toBe(true);
    expect(filesWhileRunning.some((f) => f.path.endsWith('app.log'))).toBe(true);
    for (const file of filesWhileRunning) expect(hits(file.text), file.path).toEqual([]);
    await app.core.dispose();
    for (const path of filesUnder(app.dir)) {
      expect(hits(readFileSync(path, 'latin1')), path).toEqual([]);
      expect(hits(readFileSync(path, 'utf8')), path).toEqual([]);
    }
  });
});
