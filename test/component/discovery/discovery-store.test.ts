import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SchemaRegistry, URN } from '@shared/scim';
import { registryFromDiscovery, useDiscoveryStore } from '../../../src/renderer/stores/discovery';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { composeWithEndpoint, startScimmyCore, type CoreWithEndpoint } from '../support/scim-core';
import type { ScimmyServer } from '../../peers/scimmy-server';

describe('the discovery store', () => {
  let env: CoreWithEndpoint & { server: ScimmyServer };
  beforeAll(async () => {
    env = await startScimmyCore(0);
  });
  afterAll(() => env.close());
  beforeEach(() => useDiscoveryStore.getState().forget());

  const gets = () => env.transport.calls.filter((c) => c === 'discovery.get').length;

  it('loads once for callers that ask at the same time, and builds the registry from the server’s schemas', async () => {
    const before = gets();
    const store = useDiscoveryStore.getState();
    const [a, b] = await Promise.all([store.load(env.client, env.endpointId), store.load(env.client, env.endpointId)]);
    expect(gets()).toBe(before + 1);
    expect(a).toBe(b);
    expect(a.status).toBe('ready');
    expect(a.registry).not.toBe(SchemaRegistry.core());
    expect(a.registry!.resourceType('/Users')?.schemaExtensions.map((e) => e.schema)).toEqual([URN.enterpriseUser]);
    // already known: no second request
    await store.load(env.client, env.endpointId);
    expect(gets()).toBe(before + 1);
  });

  it('keeps showing what it had while a refresh is on its way', async () => {
    const store = useDiscoveryStore.getState();
    const first = await store.load(env.client, env.endpointId);
    const refreshing = store.refresh(env.client, env.endpointId);
    const during = useDiscoveryStore.getState().byEndpoint[env.endpointId]!;
    expect(during).toMatchObject({ status: 'ready', refreshing: true });
    expect(during.discovery).toBe(first.discovery);
    const after = await refreshing;
    expect(after).toMatchObject({ status: 'ready', refreshing: false });
    expect(after.discovery!.fromCache).toBe(false);
  });

  it('forgets an endpoint when it changes', async () => {
    const store = useDiscoveryStore.getState();
    await store.load(env.client, env.endpointId);
    store.forget(env.endpointId);
    expect(useDiscoveryStore.getState().byEndpoint[env.endpointId]).toBeUndefined();
  });

  it('keeps why each document failed, and stands in the RFC core schemas, for an endpoint that does not exist', async () => {
    const state = await useDiscoveryStore.getState().load(env.client, 'no-such-endpoint');
    expect(state.discovery?.serviceProviderConfig.error).toMatchObject({ kind: 'not-found' });
    expect(state.discovery?.usesCoreSchemas).toBe(true);
    expect(state.registry).toBe(SchemaRegistry.core());
  });
});

describe('registryFromDiscovery', () => {
  let server: FixtureServer;
  let env: CoreWithEndpoint;
  beforeAll(async () => {
    // no /Schemas, but its own resource types
    server = await startFixtureServer(({ path }) =>
      path === '/ResourceTypes'
        ? { body: { schemas: [URN.listResponse], totalResults: 1, Resources: [{ schemas: [URN.resourceType], id: 'Person', name: 'Person', endpoint: '/People', schema: URN.user }] } }
        : undefined,
    );
    env = await composeWithEndpoint(server);
  });
  afterAll(async () => {
    await env.close();
    await server.close();
  });

  it('uses the RFC core schemas with the server’s own resource types when it serves no schemas', async () => {
    const discovery = await env.client.call('discovery.get', { endpointId: env.endpointId });
    expect(discovery.usesCoreSchemas).toBe(true);
    const registry = registryFromDiscovery(discovery);
    expect(registry.resourceTypes.map((rt) => rt.endpoint)).toEqual(['/People']);
    expect(registry.attribute('userName', 'Person')?.attribute.required).toBe(true);
  });
});
