import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { coreSchemas, URN } from '@shared/scim';
import { compose, type AppCore } from '../../../src/main/compose';
import { ApiProvider } from '../../../src/renderer/app/api-context';
import { DiscoveryView } from '../../../src/renderer/features/discovery/DiscoveryView';
import { useDiscoveryView } from '../../../src/renderer/features/discovery/discovery-view-state';
import { EndpointsSidebar } from '../../../src/renderer/features/endpoints/EndpointsSidebar';
import { useDiscoveryStore } from '../../../src/renderer/stores/discovery';
import { useEndpoints } from '../../../src/renderer/stores/endpoints';
import { createClient } from '../../../src/renderer/transport/client';
import { startPrivateKeyring, type PrivateKeyring } from '../../support/private-keyring';
import { tempDir } from '../../support/temp-dir';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { inProcessTransport } from '../support/in-process-transport';

// real servers, keychain and disk behind every step: allow for a loaded machine
configure({ asyncUtilTimeout: 5000 });

const TOKEN = 'discovery-token-5b1e9c70';
const LIST = URN.listResponse;
const user = coreSchemas.find((s) => s.id === URN.user)!;

/** A server that serves discovery only to the right bearer token. */
function route({ path, headers }: { path: string; headers: Record<string, string | string[] | undefined> }) {
  if (headers.authorization !== `Bearer ${TOKEN}`) return { status: 401, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'Bearer token required' } };
  if (path === '/ServiceProviderConfig') return { body: { schemas: [URN.serviceProviderConfig], patch: { supported: true }, bulk: { supported: false }, filter: { supported: true }, changePassword: { supported: false }, sort: { supported: false }, etag: { supported: false }, authenticationSchemes: [] } };
  if (path === '/ResourceTypes') return { body: { schemas: [LIST], totalResults: 1, Resources: [{ schemas: [URN.resourceType], id: 'User', name: 'User', endpoint: '/Users', schema: URN.user }] } };
  if (path === '/Schemas') return { body: { schemas: [LIST], totalResults: 1, Resources: [user] } };
  return undefined;
}

describe('the Discovery view follows the endpoint’s credentials', () => {
  const dir = tempDir();
  let keyring: PrivateKeyring;
  let core: AppCore;
  let server: FixtureServer;
  let endpointId: string;

  beforeAll(async () => {
    keyring = await startPrivateKeyring();
    Object.assign(process.env, keyring.env);
    server = await startFixtureServer(route);
    core = await compose({ host: 'web', dataDir: dir.path, builtInEndpoints: () => [] });
    endpointId = (await core.endpoints.create({ name: 'Guarded', baseUrl: server.baseUrl, auth: { kind: 'bearer' } })).id;
  });
  afterAll(async () => {
    await core.endpoints.delete(endpointId).catch(() => undefined);
    await core.dispose();
    await server.close();
    await keyring.stop();
    dir.cleanup();
  });
  beforeEach(() => {
    useDiscoveryStore.getState().forget();
    useDiscoveryView.setState({ section: 'resourceTypes', schemaId: undefined, query: '' });
    useEndpoints.setState({ pickedId: endpointId, editor: { mode: 'closed' } });
  });

  function renderView() {
    const transport = inProcessTransport(core);
    render(
      <ApiProvider client={createClient(transport)}>
        <EndpointsSidebar />
        <DiscoveryView />
      </ApiProvider>,
    );
    return transport;
  }

  it('reads again once the missing token is set, and never says the server lists nothing while it could not be read', async () => {
    const transport = renderView();
    const failed = await screen.findByRole('alert', { name: '/ResourceTypes could not be read' });
    expect(failed.textContent).toMatch(/no bearer token set/);
    const note = screen.getByRole('note', { name: 'About these resource types' });
    expect(note.textContent).toBe('Until /ResourceTypes can be read, the resource types RFC 7643 defines are assumed.');
    expect(note.textContent).not.toMatch(/lists no resource types/);

    const reads = transport.calls.filter((c) => c === 'discovery.get').length;
    // the token is set as the endpoint editor sets it: main announces `endpoints.changed` (secrets)
    await core.endpoints.setSecret(endpointId, 'token', TOKEN);
    await waitFor(() => expect(screen.queryByRole('alert', { name: '/ResourceTypes could not be read' })).toBeNull());
    expect(transport.calls.filter((c) => c === 'discovery.get').length).toBe(reads + 1);
    expect(screen.queryByRole('note', { name: 'About these resource types' })).toBeNull();
    expect(within(screen.getByRole('table', { name: 'Resource types' })).getByRole('row', { name: /^User/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Refreshing…' })).toBeNull();
  });

  it('reads again when the vault changes (secrets kept for this session only start empty)', async () => {
    await core.endpoints.setSecret(endpointId, 'token', TOKEN);
    renderView();
    expect(await screen.findByRole('table', { name: 'Resource types' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    await userEvent.setup().click(screen.getByRole('tab', { name: /Capabilities/ }));
    await core.router.dispatch('vault.useSessionOnly', {}, { origin: 'component-test' });
    expect(await screen.findByRole('alert', { name: '/ServiceProviderConfig could not be read' })).toBeTruthy();
  });
});
