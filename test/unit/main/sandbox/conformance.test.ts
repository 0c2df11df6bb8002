import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaRegistry, validateError, validateListResponse, validateResource, type Finding } from '@shared/scim';
import { GROUP, newUser, patchOp, startTestSandbox, type Json, type TestSandbox } from './helpers';

const problems = (findings: Finding[]) => findings.filter((f) => f.severity !== 'info');

describe('sandbox answers pass the SCIM core validators', () => {
  let t: TestSandbox;
  let registry: SchemaRegistry;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 40 });
    registry = SchemaRegistry.fromDiscovery((await t.get('/Schemas')).body, (await t.get('/ResourceTypes')).body);
  });
  afterAll(() => t.close());

  it('list responses and every resource in them, users and groups', async () => {
    const lists: [string, { startIndex?: number; count?: number; cursor?: string }][] = [
      ['/Users?count=100', { count: 100 }],
      ['/Groups', {}],
      ['/Users?attributes=userName&count=5&startIndex=3', { count: 5, startIndex: 3 }],
      ['/Users?cursor&count=7', { cursor: '', count: 7 }],
      ['/?count=60', { count: 60 }],
    ];
    for (const [path, request] of lists) {
      const res = await t.get(path);
      expect(res.headers.get('content-type')).toBe('application/scim+json');
      expect(problems(validateListResponse(res.body, { registry, request })), path).toEqual([]);
    }
    const users = (await t.get('/Users?count=100')).body.Resources as Json[];
    for (const user of users) expect(problems(validateResource(user, { registry })), user.userName).toEqual([]);
    const groups = (await t.get('/Groups')).body.Resources as Json[];
    for (const group of groups) expect(problems(validateResource(group, { registry })), group.displayName).toEqual([]);
  });

  it('single resources after create, replace and patch', async () => {
    const created = await t.call('POST', '/Users', newUser('valid.user', { emails: [{ value: 'v@example.com', type: 'work', primary: true }] }));
    expect(problems(validateResource(created.body, { registry }))).toEqual([]);
    const patched = await t.call('PATCH', `/Users/${created.body.id}`, patchOp({ op: 'add', path: 'nickName', value: 'V' }));
    expect(problems(validateResource(patched.body, { registry }))).toEqual([]);
    const group = await t.call('POST', '/Groups', { schemas: [GROUP], displayName: 'Valid Group', members: [{ value: created.body.id }] });
    expect(problems(validateResource(group.body, { registry }))).toEqual([]);
  });

  it('error bodies', async () => {
    for (const res of [await t.get('/Users/nope'), await t.get('/Users?filter=bad'), await t.call('POST', '/Users', '{'), await t.call('DELETE', '/Schemas')]) {
      expect(res.headers.get('content-type')).toBe('application/scim+json');
      expect(problems(validateError(res.body, { httpStatus: res.status })), res.text).toEqual([]);
    }
  });

  it('rejects wrongly typed bodies with 400 invalidValue naming the attribute, changing nothing', async () => {
    const before = (await t.get('/Users?count=0')).body.totalResults;
    const cases: [Json, RegExp][] = [
      [newUser('bad.active', { active: 'yes' }), /active/],
      [newUser('bad.emails', { emails: 'a@example.com' }), /emails/],
      [newUser('bad.primary', { emails: [{ value: 'a@example.com', primary: true }, { value: 'b@example.com', primary: true }] }), /primary/],
      [newUser('bad.name', { name: 'Just A String' }), /name/],
    ];
    for (const [body, where] of cases) {
      const res = await t.call('POST', '/Users', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.scimType).toBe('invalidValue');
      expect(res.body.detail).toMatch(where);
    }
    const user = (await t.get('/Users?count=1')).body.Resources[0] as Json;
    const patched = await t.call('PATCH', `/Users/${user.id}`, patchOp({ op: 'replace', path: 'active', value: 'nope' }));
    expect(patched.status).toBe(400);
    expect((await t.get('/Users?count=0')).body.totalResults).toBe(before);
  });
});
