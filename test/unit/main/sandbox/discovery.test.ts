import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaRegistry } from '@shared/scim';
import { ENTERPRISE, GROUP, USER, startTestSandbox, type Json, type TestSandbox } from './helpers';

describe('sandbox discovery endpoints (RFC 7644 §4) agree with its behaviour', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 3, limits: { maxOperations: 50, maxPayloadSize: 100_000 } });
  });
  afterAll(() => t.close());

  it('serves /ServiceProviderConfig with the limits it enforces', async () => {
    const res = await t.get('/ServiceProviderConfig');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/scim+json');
    expect(res.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 50, maxPayloadSize: 100_000 },
      filter: { supported: true },
      sort: { supported: true },
      etag: { supported: true },
      changePassword: { supported: true },
      pagination: { cursor: true, index: true, defaultPaginationMethod: 'index' },
    });
    expect(res.body.authenticationSchemes.map((s: Json) => s.type)).toEqual(['oauthbearertoken', 'httpbasic']);
    expect(res.body.meta.location).toBe(`${t.sandbox.baseUrl}/ServiceProviderConfig`);
  });

  it('serves /ResourceTypes as a ListResponse and by id', async () => {
    const list = await t.get('/ResourceTypes');
    expect(list.body).toMatchObject({ totalResults: 2, itemsPerPage: 2, startIndex: 1 });
    const user = list.body.Resources.find((r: Json) => r.id === 'User');
    expect(user).toMatchObject({ name: 'User', endpoint: '/Users', schema: USER, schemaExtensions: [{ schema: ENTERPRISE, required: false }] });
    expect((await t.get('/ResourceTypes/Group')).body).toMatchObject({ name: 'Group', endpoint: '/Groups', schema: GROUP });
    expect((await t.get('/ResourceTypes/Nope')).status).toBe(404);
  });

  it('serves /Schemas that rebuild into a registry describing what the server does', async () => {
    const schemas = (await t.get('/Schemas')).body;
    const types = (await t.get('/ResourceTypes')).body;
    const registry = SchemaRegistry.fromDiscovery(schemas, types);
    expect(registry.problems, registry.problems.join('\n')).toEqual([]);
    expect(registry.attribute('userName', 'User')?.attribute).toMatchObject({ uniqueness: 'server', caseExact: false, required: true });
    expect(registry.attribute('password', 'User')?.attribute.returned).toBe('never');
    expect(registry.attribute('groups', 'User')?.attribute.mutability).toBe('readOnly');
    expect(registry.attribute('displayName', 'Group')?.attribute.uniqueness).toBe('server');
    expect(registry.attribute(`${ENTERPRISE}:manager.value`, 'User')).toBeDefined();
    const one = await t.get(`/Schemas/${encodeURIComponent(USER)}`);
    expect(one.body.id).toBe(USER);
    expect(one.body.meta.location).toBe(`${t.sandbox.baseUrl}/Schemas/${USER}`);
    expect((await t.get('/Schemas/urn:nope')).status).toBe(404);
  });
});
