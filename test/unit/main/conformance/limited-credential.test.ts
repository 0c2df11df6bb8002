import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppFailure } from '@shared/api/errors';
import { startSandbox, type SandboxServer } from '../../../../src/main/services/sandbox/sandbox';
import { harness, summary, type Harness } from './harness';

const TOKEN = 'sec04-full-token-3f9a1c';
const READ_ONLY = 'sec04-read-only-token-7d2e8b';

/** Sec04 (RFC 7644 §3.12): an authenticated caller who is not permitted gets 403, not 401. */
describe('a second, limited credential: the sandbox read-only token and check Sec04', () => {
  let t: Harness;
  let sandbox: SandboxServer;
  let full: string;
  let limited: string;

  beforeAll(async () => {
    t = await harness();
    sandbox = await startSandbox({ users: 3, token: TOKEN, readOnlyToken: READ_ONLY });
    full = await t.endpoint('full', sandbox.baseUrl, TOKEN);
    limited = await t.endpoint('read-only', sandbox.baseUrl, READ_ONLY);
  });

  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  const run = (limitedEndpointId?: string) =>
    t.core.conformance.run({ endpointId: full, profile: 'rfc', readOnly: false, only: ['Sec04'], concurrency: 2, ...(limitedEndpointId ? { limitedEndpointId } : {}) });
  const sec04 = async (limitedEndpointId?: string) => (await run(limitedEndpointId)).checks.find((c) => c.id === 'Sec04')!;
  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${sandbox.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

  it('the sandbox lets a read-only token read and search, and answers 403 with a SCIM Error to anything else', async () => {
    expect((await call('GET', '/Users?count=1', READ_ONLY)).status).toBe(200);
    expect((await call('POST', '/Users/.search', READ_ONLY, { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], count: 1 })).status).toBe(200);
    const create = await call('POST', '/Users', READ_ONLY, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'sec04-denied' });
    expect(create.status).toBe(403);
    expect(await create.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '403' });
    const list = (await (await call('GET', '/Users?filter=userName%20eq%20%22sec04-denied%22', TOKEN)).json()) as { totalResults: number };
    expect(list.totalResults).toBe(0);
    expect((await call('DELETE', '/Users/anything', READ_ONLY)).status).toBe(403);
  });

  it('passes when the server refuses the limited credential\'s write with 403', async () => {
    const check = await sec04(limited);
    expect(check.status, check.detail).toBe('pass');
    expect(check.detail).toMatch(/403 with a SCIM Error/);
    expect(check.exchanges.length).toBe(2);
    const opened = await t.core.router.dispatch('conformance.exchange', { exchangeId: check.exchanges[1]! }, { origin: 'test' });
    if (!opened.ok) throw new Error(opened.error.message);
    const { exchange } = opened.value as { exchange: { request: { method: string; headers: [string, string][] }; response?: { status: number } } };
    expect(exchange.request.method).toBe('POST');
    expect(exchange.response?.status).toBe(403);
    // sent with the limited endpoint's credential, kept redacted
    expect(exchange.request.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1]).toBe('Bearer [REDACTED]');
  });

  it('fails when the server answers 401 to an authenticated caller (planted defect forbidden-as-401)', async () => {
    sandbox.configure({ defects: ['forbidden-as-401'] });
    try {
      const check = await sec04(limited);
      expect(check.status, check.detail).toBe('fail');
      expect(check.detail).toMatch(/answered 401: the caller is authenticated, so the refusal is 403/);
      expect(check.fix).toMatch(/RFC 7644 §3\.12/);
    } finally {
      sandbox.configure({ defects: [] });
    }
  });

  it('is skipped, saying what it needs, without a limited credential', async () => {
    const check = await sec04();
    expect(check.status).toBe('skip');
    expect(check.detail).toMatch(/No limited credential was given.*--limited-bearer-env/);
  });

  it('is skipped when the "limited" credential may write, and the user it created is removed', async () => {
    const writer = await t.endpoint('also-full', sandbox.baseUrl, TOKEN);
    const result = await run(writer);
    const check = result.checks.find((c) => c.id === 'Sec04')!;
    expect(check.status, summary(result)).toBe('skip');
    expect(check.detail).toMatch(/may create users \(201\)/);
    expect(result.leftovers).toEqual([]);
    const left = (await (await call('GET', `/Users?filter=userName%20sw%20%22${result.prefix}%22`, TOKEN)).json()) as { totalResults: number };
    expect(left.totalResults).toBe(0);
  });

  it('is skipped when the limited credential is not accepted at all (401 even for a read)', async () => {
    const wrong = await t.endpoint('wrong', sandbox.baseUrl, 'not-a-token-of-this-server');
    const check = await sec04(wrong);
    expect(check.status).toBe('skip');
    expect(check.detail).toMatch(/refused as unauthenticated \(401\) even for a read/);
  });

  it('refuses a limited credential for another server, or the endpoint under test itself', async () => {
    const other = await startSandbox({ users: 0, token: TOKEN, readOnlyToken: READ_ONLY });
    try {
      const elsewhere = await t.endpoint('elsewhere', other.baseUrl, READ_ONLY);
      const error = await run(elsewhere).catch((e: unknown) => e);
      expect(isAppFailure(error) && error.error.kind).toBe('validation');
      expect((error as Error).message).toMatch(/points at .* not at the server under test/);
      const same = await run(full).catch((e: unknown) => e);
      expect((same as Error).message).toMatch(/must come from another endpoint/);
    } finally {
      await other.close();
    }
  });
});
