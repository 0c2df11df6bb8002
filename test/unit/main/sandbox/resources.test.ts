import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, ERROR, USER, newUser, patchOp, startTestSandbox, type TestSandbox } from './helpers';

describe('sandbox Users: create, read, replace, patch, delete (RFC 7644 §3.3-3.6)', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 3 });
  });
  afterAll(() => t.close());

  it('creates with 201, Location, ETag and meta; ignores readOnly values the client sent', async () => {
    const res = await t.call('POST', '/Users', {
      schemas: [USER, ENTERPRISE],
      id: 'client-chosen',
      meta: { created: '1999-01-01T00:00:00Z' },
      groups: [{ value: 'nope' }],
      userName: 'ana.garcia',
      password: 'Secret-123',
      name: { givenName: 'Ana', familyName: 'García' },
      emails: [{ value: 'ana@example.com', type: 'work', primary: true }],
      [ENTERPRISE]: { department: 'Sales', manager: { value: 'unknown-manager', displayName: 'Client Says' } },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/scim+json');
    expect(res.body.id).not.toBe('client-chosen');
    expect(res.headers.get('location')).toBe(`${t.sandbox.baseUrl}/Users/${res.body.id}`);
    expect(res.body.meta).toMatchObject({ resourceType: 'User', location: res.headers.get('location') });
    expect(res.body.meta.created).not.toBe('1999-01-01T00:00:00Z');
    expect(res.body.meta.created).toBe(res.body.meta.lastModified);
    expect(res.headers.get('etag')).toBe(res.body.meta.version);
    expect(res.body.meta.version).toMatch(/^W\/".+"$/);
    expect(res.headers.get('server-timing')).toMatch(/^scim;dur=\d+\.\d{3}$/);
    expect(res.body.groups).toBeUndefined();
    expect(res.body.password).toBeUndefined();
    expect(res.body[ENTERPRISE].manager).toEqual({ value: 'unknown-manager' });
    const read = await t.get(`/Users/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
    expect(read.text).not.toContain('Secret-123');
  });

  it('accepts attribute names in any case and stores the schema spelling; application/json requests too', async () => {
    const res = await t.call('POST', '/Users', { SCHEMAS: [USER], USERNAME: 'case.insensitive', NAME: { GIVENNAME: 'Case' } }, { 'content-type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(201);
    expect(res.body.userName).toBe('case.insensitive');
    expect(res.body.name).toEqual({ givenName: 'Case' });
  });

  it('enforces userName uniqueness without regard to case: 409 uniqueness, nothing changed', async () => {
    const before = (await t.get('/Users')).body.totalResults;
    const res = await t.call('POST', '/Users', newUser('ANA.GARCIA'));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
    expect((await t.get('/Users')).body.totalResults).toBe(before);
  });

  it('rejects a missing userName, missing or wrong schemas, and unknown attributes with 400', async () => {
    expect((await t.call('POST', '/Users', { schemas: [USER], displayName: 'No Name' })).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await t.call('POST', '/Users', { userName: 'no.schemas' })).status).toBe(400);
    expect((await t.call('POST', '/Users', { schemas: ['urn:example:Thing'], userName: 'wrong.schema' })).status).toBe(400);
    const unknown = await t.call('POST', '/Users', newUser('typo.user', { nmae: { givenName: 'x' } }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain('nmae');
    expect((await t.call('POST', '/Users', newUser('ext.unlisted', { [ENTERPRISE]: { department: 'x' } }))).status).toBe(400);
  });

  it('replaces with PUT: omitted attributes are cleared, readOnly ones kept, version changes', async () => {
    const created = await t.call('POST', '/Users', newUser('put.me', { title: 'Before', nickName: 'P' }));
    const res = await t.call('PUT', `/Users/${created.body.id}`, newUser('put.me', { title: 'After', meta: { created: 'ignored' } }));
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('After');
    expect(res.body.nickName).toBeUndefined();
    expect(res.body.meta.created).toBe(created.body.meta.created);
    expect(res.body.meta.version).not.toBe(created.body.meta.version);
    expect(res.headers.get('etag')).toBe(res.body.meta.version);
    const idMismatch = await t.call('PUT', `/Users/${created.body.id}`, newUser('put.me', { id: 'other' }));
    expect(idMismatch.status).toBe(400);
    const clash = await t.call('PUT', `/Users/${created.body.id}`, newUser('Ana.Garcia'));
    expect(clash.status).toBe(409);
    expect((await t.get(`/Users/${created.body.id}`)).body.userName).toBe('put.me');
  });

  it('patches with the PatchOp engine; readOnly targets are refused with mutability', async () => {
    const created = await t.call('POST', '/Users', newUser('patch.me', { emails: [{ value: 'a@example.com', type: 'work' }] }));
    const res = await t.call(
      'PATCH',
      `/Users/${created.body.id}`,
      patchOp(
        { op: 'replace', path: 'title', value: 'Patched' },
        { op: 'add', path: 'emails', value: [{ value: 'b@example.com', type: 'home' }] },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'work@example.com' },
        { op: 'add', value: { [ENTERPRISE]: { department: 'Patching' } } },
        { op: 'replace', path: `${ENTERPRISE}:costCenter`, value: 'CC-9' },
      ),
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.title).toBe('Patched');
    expect(res.body.emails).toEqual([
      { value: 'work@example.com', type: 'work' },
      { value: 'b@example.com', type: 'home' },
    ]);
    expect(res.body[ENTERPRISE]).toEqual({ department: 'Patching', costCenter: 'CC-9' });
    expect(res.body.schemas).toContain(ENTERPRISE);
    const readOnly = await t.call('PATCH', `/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'id', value: 'x' }));
    expect(readOnly.status).toBe(400);
    expect(readOnly.body.scimType).toBe('mutability');
    const badPath = await t.call('PATCH', `/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'emails[type eq', value: 'x' }));
    expect(badPath.status).toBe(400);
    expect(badPath.body.scimType).toBe('invalidPath');
    const clash = await t.call('PATCH', `/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'userName', value: 'PUT.ME' }));
    expect(clash.status).toBe(409);
    expect((await t.get(`/Users/${created.body.id}`)).body.userName).toBe('patch.me');
  });

  it('deletes with 204, then 404 for the id', async () => {
    const created = await t.call('POST', '/Users', newUser('delete.me'));
    const res = await t.call('DELETE', `/Users/${created.body.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const gone = await t.get(`/Users/${created.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ schemas: [ERROR], status: '404' });
    expect((await t.call('DELETE', `/Users/${created.body.id}`)).status).toBe(404);
    // the userName is free again
    expect((await t.call('POST', '/Users', newUser('Delete.Me'))).status).toBe(201);
  });

  it('never returns a password and lets a user authenticate with it (Basic)', async () => {
    const created = await t.call('POST', '/Users', newUser('has.password', { password: 'Pa55word!' }));
    expect(created.text).not.toContain('Pa55word');
    const basic = `Basic ${Buffer.from('has.password:Pa55word!').toString('base64')}`;
    const me = await fetch(`${t.sandbox.baseUrl}/Me`, { headers: { authorization: basic } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(created.body.id);
    const wrong = await fetch(`${t.sandbox.baseUrl}/Me`, { headers: { authorization: `Basic ${Buffer.from('has.password:nope').toString('base64')}` } });
    expect(wrong.status).toBe(401);
  });
});
