import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, USER, newUser, startTestSandbox, type Json, type TestSandbox } from './helpers';

describe('sandbox attributes and excludedAttributes with `returned` (RFC 7644 §3.9, RFC 7643 §2.4)', () => {
  let t: TestSandbox;
  let user: Json;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 0 });
    user = (
      await t.call(
        'POST',
        '/Users',
        newUser('proj.user', {
          schemas: [USER, ENTERPRISE],
          password: 'never-shown',
          name: { givenName: 'Pro', familyName: 'Jection' },
          title: 'Tester',
          emails: [{ value: 'p@example.com', type: 'work', primary: true }],
          [ENTERPRISE]: { department: 'QA', costCenter: 'C1' },
        }),
      )
    ).body;
  });
  afterAll(() => t.close());

  it('attributes= returns the named ones plus id and schemas (returned: always), never password or meta', async () => {
    const res = await t.get(`/Users/${user.id}?attributes=userName`);
    expect(res.body).toEqual({ schemas: [USER], id: user.id, userName: 'proj.user' });
    const list = await t.get('/Users?attributes=title,name.givenName');
    expect(list.body.Resources[0]).toEqual({ schemas: [USER], id: user.id, name: { givenName: 'Pro' }, title: 'Tester' });
    const password = await t.get(`/Users/${user.id}?attributes=password,userName`);
    expect(password.body.password).toBeUndefined();
    expect(password.text).not.toContain('never-shown');
  });

  it('names are case-insensitive and may be URN-qualified; an extension URN takes the whole extension', async () => {
    expect((await t.get(`/Users/${user.id}?attributes=USERNAME,Emails.Value`)).body).toEqual({ schemas: [USER], id: user.id, userName: 'proj.user', emails: [{ value: 'p@example.com' }] });
    expect((await t.get(`/Users/${user.id}?attributes=${USER}:name.familyName,${ENTERPRISE}:department`)).body).toEqual({
      schemas: [USER, ENTERPRISE],
      id: user.id,
      name: { familyName: 'Jection' },
      [ENTERPRISE]: { department: 'QA' },
    });
    expect((await t.get(`/Users/${user.id}?attributes=${ENTERPRISE}`)).body[ENTERPRISE]).toEqual({ department: 'QA', costCenter: 'C1' });
    expect((await t.get(`/Users/${user.id}?attributes=meta.created`)).body.meta).toEqual({ created: user.meta.created });
  });

  it('excludedAttributes removes from the default set but never id or schemas', async () => {
    const res = await t.get(`/Users/${user.id}?excludedAttributes=emails,name.familyName,id,schemas,${ENTERPRISE}`);
    expect(res.body.id).toBe(user.id);
    expect(res.body.schemas).toEqual([USER]);
    expect(res.body.emails).toBeUndefined();
    expect(res.body.name).toEqual({ givenName: 'Pro' });
    expect(res.body[ENTERPRISE]).toBeUndefined();
    expect(res.body.meta).toBeDefined();
  });

  it('applies to POST, PUT and PATCH answers and to .search bodies', async () => {
    const created = await t.call('POST', '/Users?attributes=userName', newUser('proj.created', { title: 'x' }));
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['id', 'schemas', 'userName']);
    const search = await t.call('POST', '/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'userName eq "proj.user"',
      attributes: ['displayName', 'title'],
    });
    expect(search.body.Resources).toEqual([{ schemas: [USER], id: user.id, title: 'Tester' }]);
    const excluded = await t.call('POST', '/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'userName eq "proj.user"',
      excludedAttributes: ['meta', 'emails'],
    });
    expect(excluded.body.Resources[0].meta).toBeUndefined();
    expect(excluded.body.Resources[0].userName).toBe('proj.user');
  });
});
