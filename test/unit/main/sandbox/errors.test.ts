import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR, newUser, startTestSandbox, type TestSandbox } from './helpers';

describe('sandbox errors and auth (RFC 7644 §3.12, §2)', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 5, limits: { maxPayloadSize: 4096 } });
  });
  afterAll(() => t.close());

  const count = async () => ((await t.get('/Users?count=0')).body.totalResults as number);

  it('answers 401 with WWW-Authenticate (Bearer and Basic) and an Error body', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token' }, { authorization: 'Basic ' + Buffer.from('x:y').toString('base64') }, { authorization: 'Digest abc' }]) {
      const res = await fetch(`${t.sandbox.baseUrl}/Users`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/scim+json');
      const challenge = res.headers.get('www-authenticate') ?? '';
      expect(challenge).toMatch(/Bearer realm=/);
      expect(challenge).toMatch(/Basic realm=/);
      expect(await res.json()).toMatchObject({ schemas: [ERROR], status: '401' });
    }
  });

  it('accepts Basic with an existing userName and the token as password', async () => {
    const owner = (await t.get('/Users?count=1')).body.Resources[0].userName as string;
    const res = await fetch(`${t.sandbox.baseUrl}/Users?count=1`, { headers: { authorization: `Basic ${Buffer.from(`${owner}:${t.sandbox.token}`).toString('base64')}` } });
    expect(res.status).toBe(200);
  });

  it('answers a malformed JSON body with 400 invalidSyntax saying where, and changes nothing', async () => {
    const before = await count();
    const res = await t.call('POST', '/Users', '{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "x",, }');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidSyntax' });
    expect(res.body.detail).toMatch(/line 1, column \d+/);
    expect((await t.call('POST', '/Users', '[1,2]')).status).toBe(400);
    expect((await t.call('POST', '/Users', '')).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('answers a body over maxPayloadSize with 413, and changes nothing', async () => {
    const before = await count();
    const res = await t.call('POST', '/Users', newUser('too.big', { nickName: 'x'.repeat(5000) }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '413' });
    expect(res.body.detail).toMatch(/maxPayloadSize \(4096 bytes\)/);
    expect(await count()).toBe(before);
    // the connection stays usable for the next request
    expect((await t.get('/Users?count=0')).status).toBe(200);
  });

  it('answers a wrong content type with 415, and changes nothing', async () => {
    const before = await count();
    const res = await t.call('POST', '/Users', JSON.stringify(newUser('wrong.type')), { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '415' });
    expect(await count()).toBe(before);
    const form = await t.call('POST', '/Users', 'userName=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
  });

  it('answers 404 for unknown endpoints and ids, 405 with Allow for unsupported methods', async () => {
    expect((await t.get('/Widgets')).status).toBe(404);
    expect((await t.get('/Users/no-such-id')).body).toMatchObject({ schemas: [ERROR], status: '404' });
    const outside = await fetch(`${t.sandbox.baseUrl.replace('/scim/v2', '')}/Users`, { headers: { authorization: `Bearer ${t.sandbox.token}` } });
    expect(outside.status).toBe(404);
    const put = await t.call('PUT', '/Users', newUser('x'));
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expect((await t.call('DELETE', '/Bulk')).status).toBe(405);
  });

  it('answers 405 to writes on the discovery endpoints, and 403 to filters there', async () => {
    for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/Schemas', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User', '/ResourceTypes/User']) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const res = await t.call(method, path, method === 'DELETE' ? undefined : { schemas: [] });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get('allow')).toBe('GET');
        expect(res.body.status).toBe('405');
      }
    }
    expect((await t.get('/Schemas?filter=id%20pr')).status).toBe(403);
  });

  it('answers 406 when the client accepts neither SCIM nor JSON', async () => {
    expect((await t.get('/Users?count=1', { accept: 'text/html' })).status).toBe(406);
    expect((await t.get('/Users?count=1', { accept: 'application/scim+json' })).status).toBe(200);
    expect((await t.get('/Users?count=1', { accept: 'application/json, text/plain' })).status).toBe(200);
  });
});
