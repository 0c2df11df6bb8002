import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaRegistry } from '@shared/scim/schema/registry';
import { DiscoveryService } from '../../../../src/main/services/discovery/discovery-service';
import { startScimmyServer, type ScimmyServer } from '../../../peers/scimmy-server';
import { createHarness, type Harness } from '../http/support/harness';
import { freePort, listResponse, SCIM_JSON, startHttpServer, type TestServer } from '../http/support/servers';

const SPC = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'], patch: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 100 } };
const USER_TYPE = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'], id: 'User', name: 'User', endpoint: '/Users', schema: 'urn:ietf:params:scim:schemas:core:2.0:User', schemaExtensions: [] };

describe('discovery', () => {
  let h: Harness;
  let scimmy: ScimmyServer;
  let noSchemas: TestServer;
  let badSchemas: TestServer;
  let discovery: DiscoveryService;

  beforeAll(async () => {
    h = await createHarness();
    discovery = new DiscoveryService(h.engine);
    scimmy = await startScimmyServer({ users: 3 });
    const partial = (schemasAnswer: (res: ServerResponse) => void) =>
      startHttpServer((req, res) => {
        if (req.url === '/scim/ServiceProviderConfig') res.writeHead(200, { 'content-type': SCIM_JSON }).end(JSON.stringify(SPC));
        else if (req.url === '/scim/ResourceTypes') res.writeHead(200, { 'content-type': SCIM_JSON }).end(listResponse([USER_TYPE]));
        else if (req.url === '/scim/Schemas') schemasAnswer(res);
        else res.writeHead(404).end();
      });
    noSchemas = await partial((res) => res.writeHead(404, { 'content-type': SCIM_JSON }).end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'Schemas are not served here' })));
    badSchemas = await partial((res) => res.writeHead(200, { 'content-type': SCIM_JSON }).end(listResponse([{ name: 'no id, no attributes' }])));
  });

  afterAll(async () => {
    await h.dispose();
    await Promise.all([scimmy.close(), noSchemas.close(), badSchemas.close()]);
  });

  it('reads a SCIMMY server: each document, and a registry the renderer can build from them', async () => {
    const id = await h.addEndpoint({ name: 'SCIMMY', baseUrl: scimmy.baseUrl, auth: { kind: 'bearer' } }, { token: scimmy.token });
    const result = await discovery.get(id);
    expect(result.usesCoreSchemas).toBe(false);
    expect(result.notice).toBeUndefined();
    expect(result.serviceProviderConfig).toMatchObject({ status: 200, path: '/ServiceProviderConfig', url: `${scimmy.baseUrl}/ServiceProviderConfig` });
    expect((result.serviceProviderConfig.document as { schemas: string[] }).schemas).toContain('urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig');
    expect(result.resourceTypes.resources?.map((r) => (r as { name: string }).name).sort()).toEqual(['Group', 'User']);

    const registry = SchemaRegistry.fromDiscovery(result.schemas.resources, result.resourceTypes.resources);
    expect(registry.resourceType('/Users')?.schemaExtensions.map((e) => e.schema)).toContain('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User');
    expect(registry.schema('urn:ietf:params:scim:schemas:core:2.0:User')?.attributes.some((a) => a.name === 'userName')).toBe(true);

    const again = await discovery.get(id);
    expect(again.fromCache).toBe(true);
    expect(again.fetchedAt).toBe(result.fetchedAt);
    const refreshed = await discovery.get(id, true);
    expect(refreshed.fromCache).toBe(false);
  });

  it('falls back to the RFC 7643 core schemas with a notice when /Schemas is not served; the other documents still arrive', async () => {
    const id = await h.addEndpoint({ name: 'No schemas', baseUrl: `${noSchemas.url}/scim` });
    const result = await discovery.get(id);
    expect(result.usesCoreSchemas).toBe(true);
    expect(result.notice).toMatch(/RFC 7643 core schemas/);
    expect(result.notice).toContain('Schemas are not served here');
    expect(result.schemas.error).toMatchObject({ kind: 'http', status: 404 });
    expect(result.serviceProviderConfig.status).toBe(200);
    expect(result.resourceTypes.resources).toHaveLength(1);
  });

  it('falls back when /Schemas answers with schemas that cannot be read', async () => {
    const id = await h.addEndpoint({ name: 'Bad schemas', baseUrl: `${badSchemas.url}/scim` });
    const result = await discovery.get(id);
    expect(result.usesCoreSchemas).toBe(true);
    expect(result.notice).toMatch(/none of the 1 schemas of \/Schemas could be read/);
    expect(result.schemaRepairs.length).toBeGreaterThan(0);
  });

  it('reports an unreachable server in each document', async () => {
    const id = await h.addEndpoint({ name: 'Gone', baseUrl: `http://127.0.0.1:${await freePort()}/scim` });
    const result = await discovery.get(id);
    for (const doc of [result.serviceProviderConfig, result.resourceTypes, result.schemas]) expect(doc.error?.kind).toBe('connect');
    expect(result.usesCoreSchemas).toBe(true);
  });
});
