import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestSpec } from '@shared/model/request-spec';
import { ApiProvider } from '../../../src/renderer/app/api-context';
import { ResponseInspector } from '../../../src/renderer/features/inspector/ResponseInspector';
import { useDiscoveryStore } from '../../../src/renderer/stores/discovery';
import { startFixtureServer, type FixtureRoute, type FixtureServer } from '../support/fixture-server';
import { composeWithEndpoint, type CoreWithEndpoint } from '../support/scim-core';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const user = (n: number) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: `u${n}`, userName: `user${n}`, meta: { resourceType: 'User' } });
const USERS = [1, 2, 3, 4, 5, 6].map(user);

describe('"Fetch all pages" checks the ordering', () => {
  let server: FixtureServer;
  let env: CoreWithEndpoint;
  const start = async (route: FixtureRoute) => {
    server = await startFixtureServer(route);
    env = await composeWithEndpoint(server);
  };
  beforeEach(() => useDiscoveryStore.getState().forget());
  afterEach(async () => {
    await env.close();
    await server.close();
  });

  async function fetchAll(path: string) {
    const spec: RequestSpec = { endpointId: env.endpointId, method: 'GET', path, headers: [], variables: {} };
    const exchange = await env.client.call('http.send', { requestId: `f-${path}`, spec });
    render(
      <ApiProvider client={env.client}>
        <ResponseInspector exchange={exchange} spec={spec} />
      </ApiProvider>,
    );
    await screen.findByRole('table');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Fetch all pages' }));
    const status = await screen.findByRole('region', { name: 'Fetch all pages' });
    await within(status).findByText(/^(Fetched all|Stopped|Cancelled)/, undefined, { timeout: 5000 });
    return status;
  }

  it('reports duplicates and missing resources when the order changes between pages', async () => {
    // each page is cut from a differently sorted list: page 2 repeats page 1 and never serves u4–u6
    await start(({ path, query }) => {
      if (path !== '/Users') return undefined;
      const startIndex = Number(query.get('startIndex') ?? 1);
      const count = Number(query.get('count') ?? 3);
      const order = startIndex === 1 ? USERS : [...USERS].reverse();
      return { body: { schemas: [LIST], totalResults: 6, startIndex, itemsPerPage: count, Resources: order.slice(startIndex - 1, startIndex - 1 + count) } };
    });
    const status = await fetchAll('/Users?count=3');
    expect(within(status).getByRole('status').textContent).toBe('Fetched all 6 resources in 2 pages');
    expect(within(status).getByTestId('fetch-all-verdict').textContent).toBe('Unstable paging: 3 served twice, 3 never served.');
    expect(status.textContent).toContain('u3 at position 3 and again at 4');
    expect(server.requests.filter((r) => r.startsWith('GET /Users'))).toEqual(['GET /Users?count=3', 'GET /Users?count=3&startIndex=1', 'GET /Users?count=3&startIndex=4']);
  });

  it('follows RFC 9865 cursors to the end', async () => {
    const cursors = ['', 'c-2', 'c-4'];
    await start(({ path, query }) => {
      if (path !== '/Users') return undefined;
      const at = cursors.indexOf(query.get('cursor') ?? '');
      if (at < 0) return { status: 400, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidCursor', detail: 'bad cursor' } };
      const page = USERS.slice(at * 2, at * 2 + 2);
      return { body: { schemas: [LIST], totalResults: 6, itemsPerPage: page.length, Resources: page, ...(cursors[at + 1] ? { nextCursor: cursors[at + 1] } : {}), ...(at > 0 ? { previousCursor: cursors[at - 1] || 'start' } : {}) } };
    });
    const status = await fetchAll('/Users?cursor=&count=2');
    expect(within(status).getByRole('status').textContent).toBe('Fetched all 6 resources in 3 pages');
    expect(within(status).getByText(/cursor paging/)).toBeTruthy();
    expect(within(status).getByTestId('fetch-all-verdict').textContent).toBe('Stable ordering: no duplicates, none missing.');
    expect(server.requests.filter((r) => r.startsWith('GET /Users')).slice(1)).toEqual(['GET /Users?cursor=&count=2', 'GET /Users?cursor=c-2&count=2', 'GET /Users?cursor=c-4&count=2']);
  });

  it('stops when a server hands out the same cursor again', async () => {
    await start(({ path }) => (path === '/Users' ? { body: { schemas: [LIST], totalResults: 6, itemsPerPage: 2, Resources: USERS.slice(0, 2), nextCursor: 'again' } } : undefined));
    const status = await fetchAll('/Users?cursor=&count=2');
    expect(within(status).getByText(/sent a nextCursor it had already sent/)).toBeTruthy();
    expect(within(status).getByTestId('fetch-all-verdict').textContent).toBe('Unstable paging: 2 served twice, 4 never served.');
  });

  it('says which page failed and why', async () => {
    await start(({ path, query }) => {
      if (path !== '/Users') return undefined;
      const startIndex = Number(query.get('startIndex') ?? 1);
      if (startIndex > 1) return { status: 503, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '503', detail: 'Try again later' } };
      return { body: { schemas: [LIST], totalResults: 6, startIndex: 1, itemsPerPage: 3, Resources: USERS.slice(0, 3) } };
    });
    const status = await fetchAll('/Users?count=3');
    expect(within(status).getByRole('status').textContent).toBe('Stopped after 1 page: Page 2 answered 503 Service Unavailable: Try again later');
  });
});
