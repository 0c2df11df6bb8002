import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, patchOp, startTestSandbox, type TestSandbox } from './helpers';

describe('sandbox ETags (RFC 7644 §3.14)', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 0 });
  });
  afterAll(() => t.close());

  it('answers If-None-Match with the current version by 304, and with another by 200', async () => {
    const created = await t.call('POST', '/Users', newUser('etag.get'));
    const etag = created.headers.get('etag')!;
    const same = await t.get(`/Users/${created.body.id}`, { 'if-none-match': etag });
    expect(same.status).toBe(304);
    expect(same.text).toBe('');
    expect(same.headers.get('etag')).toBe(etag);
    expect((await t.get(`/Users/${created.body.id}`, { 'if-none-match': 'W/"other"' })).status).toBe(200);
    expect((await t.get(`/Users/${created.body.id}`, { 'if-none-match': `"x", ${etag}` })).status).toBe(304);
  });

  it('refuses PUT, PATCH and DELETE with a stale If-Match (412), and accepts the current one or *', async () => {
    const created = await t.call('POST', '/Users', newUser('etag.write'));
    const v1 = created.headers.get('etag')!;
    const put = await t.call('PUT', `/Users/${created.body.id}`, newUser('etag.write', { title: 'v2' }), { 'if-match': v1 });
    expect(put.status).toBe(200);
    const v2 = put.headers.get('etag')!;
    expect(v2).not.toBe(v1);
    for (const [method, body] of [
      ['PUT', newUser('etag.write', { title: 'stale' })],
      ['PATCH', patchOp({ op: 'replace', path: 'title', value: 'stale' })],
      ['DELETE', undefined],
    ] as const) {
      const stale = await t.call(method, `/Users/${created.body.id}`, body, { 'if-match': v1 });
      expect(stale.status, method).toBe(412);
      expect(stale.body.status).toBe('412');
    }
    expect((await t.get(`/Users/${created.body.id}`)).body.title).toBe('v2');
    expect((await t.call('PATCH', `/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'title', value: 'v3' }), { 'if-match': '*' })).status).toBe(200);
    const current = (await t.get(`/Users/${created.body.id}`)).headers.get('etag')!;
    expect((await t.call('DELETE', `/Users/${created.body.id}`, undefined, { 'if-match': current })).status).toBe(204);
  });
});
