import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVIATION_HEADER } from '../../../../src/main/services/sandbox/service';
import { SCIM, USER, newUser, startTestSandbox, type TestSandbox } from './helpers';

describe('sandbox: requests that used to break it', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 30 });
  });
  afterAll(() => t.close());

  it('answers a 5,000-term POST /.search filter correctly', async () => {
    const users = (await t.get('/Users?count=30')).body.Resources as { userName: string; id: string }[];
    const names = [users[3]!.userName, users[17]!.userName];
    for (const join of ['or', 'and']) {
      const terms = Array.from({ length: 5000 }, (_, i) => `userName eq "${i === 100 ? names[0] : i === 4000 ? names[1] : `nobody.${i}`}"`);
      const res = await t.call('POST', '/Users/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: terms.join(` ${join} `) });
      expect(res.status).toBe(200);
      expect(res.body.totalResults).toBe(join === 'or' ? 2 : 0);
    }
    const mixed = Array.from({ length: 6000 }, (_, i) => (i % 3 === 0 ? 'title pr' : `userName ne "x${i}"`)).join(' and ');
    const root = await t.call('POST', '/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: mixed });
    expect(root.status).toBe(200);
    expect(root.body.totalResults).toBe(users.filter((u) => (u as { title?: string }).title).length);
  });

  it('refuses a body that is not valid UTF-8 with 400 invalidSyntax saying where, and stores nothing', async () => {
    const before = (await t.get('/Users?count=0')).body.totalResults as number;
    const text = JSON.stringify(newUser('utf8.check', { displayName: 'Zoë XX' }), null, 1);
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.indexOf('XX');
    bytes[at] = 0xe0; // a three-byte lead without its continuation bytes
    const res = await fetch(`${t.sandbox.baseUrl}/Users`, { method: 'POST', headers: { authorization: `Bearer ${t.sandbox.token}`, 'content-type': SCIM }, body: bytes });
    const body = (await res.json()) as Record<string, string>;
    expect(res.status).toBe(400);
    expect(body.scimType).toBe('invalidSyntax');
    const line = text.slice(0, text.indexOf('XX')).split('\n').length;
    expect(body.detail).toContain(`byte ${at}`);
    expect(body.detail).toContain(`line ${line}`);
    expect((await t.get('/Users?count=0')).body.totalResults).toBe(before);
    // an overlong encoding and a lone surrogate encoded in UTF-8 are refused too
    for (const bad of [Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80])]) {
      const body2 = Buffer.concat([Buffer.from(`{"schemas":["${USER}"],"userName":"`), bad, Buffer.from('"}')]);
      const r = await fetch(`${t.sandbox.baseUrl}/Users`, { method: 'POST', headers: { authorization: `Bearer ${t.sandbox.token}`, 'content-type': SCIM }, body: body2 });
      expect(r.status).toBe(400);
    }
  });

  it('answers every paging value with JSON integers: a huge startIndex gives an empty page, not 1e+24', async () => {
    for (const startIndex of ['1000000000000000000000000', '9'.repeat(400), '9007199254740993']) {
      const res = await t.get(`/Users?startIndex=${startIndex}&count=5`);
      expect(res.status).toBe(200);
      expect(res.text).not.toMatch(/e\+|Infinity/);
      expect(Number.isSafeInteger(res.body.startIndex)).toBe(true);
      expect(res.body).toMatchObject({ totalResults: 30, itemsPerPage: 0, Resources: [] });
    }
    const search = await t.call('POST', '/Users/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], startIndex: 1e24, count: 1e24 });
    expect(search.status).toBe(200);
    expect(search.text).not.toMatch(/e\+/);
    expect(Number.isSafeInteger(search.body.startIndex)).toBe(true);
    const huge = await t.get(`/Users?count=${'9'.repeat(40)}`);
    expect(huge.body.itemsPerPage).toBe(30);
    const negative = await t.get(`/Users?startIndex=-${'9'.repeat(40)}&count=-${'9'.repeat(40)}`);
    expect(negative.body).toMatchObject({ startIndex: 1, itemsPerPage: 0 });
  });

  it('reads cursor count=0 as "only totalResults" and a negative count as 0 (RFC 9865 §2)', async () => {
    for (const count of ['0', '-1', '-70']) {
      const res = await t.get(`/Users?cursor&count=${count}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ totalResults: 30, itemsPerPage: 0, Resources: [] });
      expect(res.body.nextCursor).toBeUndefined();
      expect(res.body.previousCursor).toBeUndefined();
    }
    const first = await t.get('/Users?cursor&count=5');
    const zero = await t.get(`/Users?cursor=${first.body.nextCursor}&count=0`);
    expect(zero.body).toMatchObject({ totalResults: 30, itemsPerPage: 0 });
    // a cursor is still checked when no resources are asked for
    expect((await t.get('/Users?cursor=forged&count=0')).body.scimType).toBe('invalidCursor');
    const body = await t.call('POST', '/Users/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], cursor: '', count: -3 });
    expect(body.body).toMatchObject({ totalResults: 30, itemsPerPage: 0 });
  });

  it('answers a request target that is not a URL path with 400, not 500', async () => {
    const { request } = await import('node:http');
    const statusOf = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: t.sandbox.port, path, headers: { authorization: `Bearer ${t.sandbox.token}` } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const broken = await statusOf('//[');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ scimType: 'invalidSyntax' });
    expect(JSON.parse(broken.body).detail).toMatch(/request target/);
    expect((await statusOf('/scim/v2/Users/%E0')).status).toBe(400);
    expect((await statusOf('/scim/v2/Users/abc%')).status).toBe(400);
  });
});

describe('sandbox: an unquoted dateTime in a filter', () => {
  it('is refused in strict mode and answered chronologically in lenient mode, with the deviation reported', async () => {
    const t = await startTestSandbox({ users: 0 });
    try {
      const early = (await t.call('POST', '/Users', newUser('early.bird'))).body;
      // meta.created is set by the server: compare against the first user's instant written in another zone
      const created = new Date(early.meta.created as string);
      await new Promise((r) => setTimeout(r, 20));
      const late = (await t.call('POST', '/Users', newUser('late.riser'))).body;
      const shifted = new Date(created.getTime() - 7 * 3600_000).toISOString().replace('Z', '-07:00');
      const filter = encodeURIComponent(`meta.created gt ${shifted}`);
      const strict = await t.get(`/Users?filter=${filter}`);
      expect(strict.status).toBe(400);
      expect(strict.body.scimType).toBe('invalidFilter');
      t.sandbox.configure({ lenient: true });
      const lenient = await t.get(`/Users?filter=${filter}`);
      expect(lenient.status).toBe(200);
      expect((lenient.body.Resources as { id: string }[]).map((r) => r.id)).toEqual([late.id]);
      expect(lenient.headers.get(DEVIATION_HEADER)).toMatch(/unquoted dateTime/);
    } finally {
      await t.close();
    }
  });
});
