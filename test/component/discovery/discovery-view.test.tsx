import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { coreSchemas, URN, type ScimSchema } from '@shared/scim';
import { ApiProvider } from '../../../src/renderer/app/api-context';
import { useDiscoveryView } from '../../../src/renderer/features/discovery/discovery-view-state';
import { EndpointsSidebar } from '../../../src/renderer/features/endpoints/EndpointsSidebar';
import { DiscoveryView } from '../../../src/renderer/features/discovery/DiscoveryView';
import { useDiscoveryStore } from '../../../src/renderer/stores/discovery';
import { useEndpoints } from '../../../src/renderer/stores/endpoints';
import type { ScimmyServer } from '../../peers/scimmy-server';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { composeWithEndpoint, startScimmyCore, type CoreWithEndpoint } from '../support/scim-core';

const LIST = URN.listResponse;

function renderView(env: CoreWithEndpoint) {
  render(
    <ApiProvider client={env.client}>
      <EndpointsSidebar />
      <DiscoveryView />
    </ApiProvider>,
  );
}

beforeEach(() => {
  useDiscoveryStore.getState().forget();
  useDiscoveryView.setState({ section: 'capabilities', schemaId: undefined, query: '' });
  useEndpoints.setState({ pickedId: undefined });
});

describe('the Discovery view of a SCIMMY server', () => {
  let env: CoreWithEndpoint & { server: ScimmyServer };
  beforeAll(async () => {
    env = await startScimmyCore(0);
  });
  afterAll(() => env.close());

  it('shows the capabilities, the resource types with the enterprise extension, and SCIMMY’s own schemas', async () => {
    const user = userEvent.setup();
    renderView(env);
    expect(await screen.findByRole('heading', { name: 'SCIMMY', level: 1 })).toBeTruthy();
    const cards = await screen.findByRole('list', { name: 'Capabilities' });
    expect(within(cards).getByRole('listitem', { name: 'PATCH: supported' })).toBeTruthy();
    expect(within(cards).getByRole('listitem', { name: /^Filter: / })).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Authentication schemes' }).textContent).toMatch(/oauthbearertoken/i);

    await user.click(screen.getByRole('tab', { name: /Resource types/ }));
    const types = screen.getByRole('table', { name: 'Resource types' });
    const userRow = within(types).getByRole('row', { name: /^User/ });
    expect(within(userRow).getByText('/Users')).toBeTruthy();
    expect(within(userRow).getByRole('button', { name: /Show schema .*Enterprise/i }).textContent).toBe(URN.enterpriseUser);
    expect(within(userRow).getByText('optional')).toBeTruthy();

    // the schema as SCIMMY serves it, reached from its resource type
    await user.click(within(userRow).getByRole('button', { name: /Show schema User/ }));
    const attributes = await screen.findByRole('table', { name: 'Attributes of User' });
    const userName = within(attributes).getByRole('row', { name: /^userName/ });
    expect(within(userName).getAllByRole('cell').map((c) => c.textContent?.replace(/ \(RFC 7643: .*\)$/, ''))).toEqual(['string', 'no', 'yes', 'readWrite', 'default', 'server', 'no', '', '']);
    expect(screen.queryByRole('note', { name: 'Fallback schemas' })).toBeNull();
    expect(useDiscoveryStore.getState().byEndpoint[env.endpointId]?.discovery?.usesCoreSchemas).toBe(false);
  });

  it('searches attributes across every schema', async () => {
    const user = userEvent.setup();
    useDiscoveryView.setState({ section: 'schemas' });
    renderView(env);
    await user.type(await screen.findByRole('searchbox', { name: 'Search attributes' }), 'employeeNumber');
    const matches = screen.getAllByRole('region', { name: /^Matches in / });
    expect(matches.map((m) => m.getAttribute('aria-label'))).toEqual(['Matches in EnterpriseUser']);
    expect(within(matches[0]!).getByRole('row', { name: /^employeeNumber/ })).toBeTruthy();
  });

  it('reads the server again on Refresh', async () => {
    const user = userEvent.setup();
    renderView(env);
    await screen.findByRole('list', { name: 'Capabilities' });
    const before = env.transport.calls.filter((c) => c === 'discovery.get').length;
    const served = env.server.users.size;
    expect(served).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Refresh' }).hasAttribute('disabled')).toBe(false));
    expect(env.transport.calls.filter((c) => c === 'discovery.get').length).toBe(before + 1);
    expect(screen.getByText(/^Read at /)).toBeTruthy();
  });
});

/** RFC 7643's User schema with three departures: userName immutable, nickName left out, badgeNumber added. */
function alteredUserSchema(): ScimSchema {
  const core = coreSchemas.find((s) => s.id === URN.user)!;
  const attributes = core.attributes
    .filter((a) => a.name !== 'nickName')
    .map((a) => (a.name === 'userName' ? { ...a, mutability: 'immutable' as const } : a));
  attributes.push({ name: 'badgeNumber', type: 'string', multiValued: false, description: 'Door badge', required: false, caseExact: true, mutability: 'readWrite', returned: 'default', uniqueness: 'none' });
  return { ...core, attributes };
}

describe('the Discovery view highlights departures and falls back', () => {
  let server: FixtureServer;
  let env: CoreWithEndpoint;
  afterEach(async () => {
    await env.close();
    await server.close();
  });

  it('marks what differs from the RFC 7643 core schema', async () => {
    server = await startFixtureServer(({ path }) => {
      if (path === '/Schemas') return { body: { schemas: [LIST], totalResults: 1, Resources: [alteredUserSchema()] } };
      if (path === '/ResourceTypes') return { body: { schemas: [LIST], totalResults: 1, Resources: [{ schemas: [URN.resourceType], id: 'User', name: 'User', endpoint: '/Users', schema: URN.user }] } };
      if (path === '/ServiceProviderConfig') return { body: { schemas: [URN.serviceProviderConfig], patch: { supported: false }, bulk: { supported: false }, filter: { supported: true, maxResults: 50 }, changePassword: { supported: false }, sort: { supported: false }, etag: { supported: 'yes' }, authenticationSchemes: [] } };
      return undefined;
    });
    env = await composeWithEndpoint(server, 'Altered');
    const user = userEvent.setup();
    renderView(env);
    const cards = await screen.findByRole('list', { name: 'Capabilities' });
    expect(within(cards).getByRole('listitem', { name: 'PATCH: not supported' })).toBeTruthy();
    expect(within(cards).getByRole('listitem', { name: /^Filter: supported/ }).textContent).toContain('Max results50');
    expect(screen.getByRole('note', { name: 'ServiceProviderConfig problems' }).textContent).toContain('"etag.supported" should be true or false');

    await user.click(screen.getByRole('tab', { name: /Schemas/ }));
    const attributes = await screen.findByRole('table', { name: 'Attributes of User' });
    const userName = within(attributes).getByRole('row', { name: /^userName/ });
    const mutability = within(userName).getAllByRole('cell')[3]!;
    expect(mutability.className).toBe('dsc-diff');
    expect(mutability.getAttribute('title')).toBe('RFC 7643: readWrite');
    expect(mutability.textContent).toBe('immutable (RFC 7643: readWrite)');
    expect(within(within(attributes).getByRole('row', { name: /^badgeNumber/ })).getByText('not in RFC 7643')).toBeTruthy();
    expect(screen.getByText(/^Left out/).textContent).toContain('nickName');
    expect(screen.getByRole('button', { name: /^User/ }).textContent).toContain('3 differ from RFC');
  });

  it('says when the server serves no schemas and the RFC core schemas stand in', async () => {
    server = await startFixtureServer(({ path }) => (path === '/ServiceProviderConfig' ? { body: { schemas: [URN.serviceProviderConfig], patch: { supported: true } } } : undefined));
    env = await composeWithEndpoint(server, 'No schemas');
    const user = userEvent.setup();
    renderView(env);
    const notice = await screen.findByRole('note', { name: 'Fallback schemas' });
    expect(notice.textContent).toMatch(/RFC 7643 core schemas .* stand in/);
    await user.click(screen.getByRole('tab', { name: /Resource types/ }));
    expect(screen.getByRole('alert', { name: '/ResourceTypes could not be read' }).textContent).toMatch(/HTTP 404.*has no \/ResourceTypes/s);
    expect(within(screen.getByRole('table', { name: 'Resource types' })).getAllByRole('row').map((r) => r.querySelector('th')?.firstChild?.textContent)).toEqual(['Name', 'User', 'Group']);
    await user.click(screen.getByRole('tab', { name: /Schemas/ }));
    expect(await screen.findByRole('table', { name: 'Attributes of User' })).toBeTruthy();
  });

  it('says what to check when the server cannot be reached', async () => {
    server = await startFixtureServer(() => undefined);
    const { baseUrl } = server;
    await server.close();
    env = await composeWithEndpoint({ baseUrl, token: 't' }, 'Gone');
    server = await startFixtureServer(() => undefined);
    renderView(env);
    const alert = await screen.findByRole('alert', { name: '/ServiceProviderConfig could not be read' });
    expect(alert.textContent).toMatch(/Is the server running/);
    expect(within(screen.getByRole('radiogroup', { name: 'Send requests to' })).getByRole('radio', { name: 'Gone' })).toHaveProperty('checked', true);
  });
});
