import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestSpec } from '@shared/model/request-spec';
import { ApiProvider } from '../../../src/renderer/app/api-context';
import { ResponseInspector } from '../../../src/renderer/features/inspector/ResponseInspector';
import { useDiscoveryStore } from '../../../src/renderer/stores/discovery';
import { startFixtureServer, type FixtureAnswer, type FixtureServer } from '../support/fixture-server';
import { composeWithEndpoint, type CoreWithEndpoint } from '../support/scim-core';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

const goodUser = (id: string) => ({
  schemas: [USER],
  id,
  userName: `user-${id}`,
  meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z', lastModified: '2024-01-02T00:00:00Z', location: `https://x.example/scim/Users/${id}`, version: 'W/"1"' },
});

/** A server that serves no /Schemas (so the RFC core schemas stand in) and a few flawed answers. */
function flawedServer(): Promise<FixtureServer> {
  return startFixtureServer(({ method, path }): FixtureAnswer | undefined => {
    if (method === 'GET' && path === '/Users') {
      const missingUserName: Record<string, unknown> = { ...goodUser('2') };
      delete missingUserName.userName;
      return {
        headers: { 'content-type': 'application/json' },
        body: { schemas: [LIST], totalResults: '2', itemsPerPage: 3, startIndex: 1, Resources: [goodUser('1'), missingUserName] },
      };
    }
    if (path === '/Users/gone') return { status: 404, headers: { 'content-type': 'application/json' }, body: { detail: 'No such user', status: 404 } };
    if (path === '/Users/1') return { headers: { etag: 'W/"2"' }, body: goodUser('1') };
    return undefined;
  });
}

describe('the SCIM checks tab', () => {
  let server: FixtureServer;
  let env: CoreWithEndpoint;
  beforeAll(async () => {
    server = await flawedServer();
    env = await composeWithEndpoint(server, 'Flawed');
  });
  afterAll(async () => {
    await env.close();
    await server.close();
  });
  beforeEach(() => useDiscoveryStore.getState().forget());

  async function showChecks(path: string) {
    const spec: RequestSpec = { endpointId: env.endpointId, method: 'GET', path, headers: [], variables: {} };
    const exchange = await env.client.call('http.send', { requestId: `c-${path}`, spec });
    render(
      <ApiProvider client={env.client}>
        <ResponseInspector exchange={exchange} spec={spec} />
      </ApiProvider>,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: /SCIM checks/ }));
    const table = await screen.findByRole('table', { name: 'SCIM findings' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent ?? ''));
    return { rows, user, table };
  }

  const find = (rows: string[][], where: string) => rows.find((r) => r[1] === where);

  it('lists a ListResponse’s findings with severity, JSON path and the RFC section', async () => {
    const { rows } = await showChecks('/Users');
    // totalResults served as a string
    expect(find(rows, 'totalResults')).toEqual(['Error', 'totalResults', expect.stringContaining('"totalResults" must be an integer'), 'RFC 7644 §3.4.2.4']);
    // itemsPerPage 3 but 2 resources
    expect(find(rows, 'itemsPerPage')?.[3]).toBe('RFC 7644 §3.4.2.4');
    // the second user misses its required userName (checked against the RFC 7643 User schema)
    expect(find(rows, 'Resources[1].userName')).toEqual(['Error', 'Resources[1].userName', expect.stringContaining('"userName" is required'), 'RFC 7643 §2.2']);
    // the media type
    expect(find(rows, 'Content-Type header')).toEqual(['Info', 'Content-Type header', expect.stringContaining('application/scim+json'), 'RFC 7644 §8.1']);
    // most severe first
    const order = rows.map((r) => ['Error', 'Warning', 'Info'].indexOf(r[0]!));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(screen.getByRole('tab', { name: /SCIM checks, \d+ errors/ })).toBeTruthy();
    expect(screen.getByRole('note').textContent).toMatch(/RFC 7643 core schemas: this server serves no usable \/Schemas/);
  });

  it('filters findings by severity and by text', async () => {
    const { user, table } = await showChecks('/Users');
    const errors = () => within(table).queryAllByText('Error').length;
    expect(errors()).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: /errors$/ }));
    expect(errors()).toBe(0);
    await user.click(screen.getByRole('button', { name: /errors$/ }));
    await user.type(screen.getByRole('searchbox', { name: 'Filter findings' }), 'userName');
    const shown = within(table).getAllByRole('row').slice(1);
    expect(shown.length).toBeGreaterThan(0);
    for (const row of shown) expect(row.textContent).toMatch(/userName/);
  });

  it('checks an error answer against the SCIM Error schema', async () => {
    const { rows } = await showChecks('/Users/gone');
    expect(screen.getByText('Checked: 404 answer, against the SCIM Error schema')).toBeTruthy();
    expect(find(rows, 'schemas')).toEqual(['Error', 'schemas', expect.stringContaining('urn:ietf:params:scim:api:messages:2.0:Error'), 'RFC 7644 §3.12']);
    expect(find(rows, 'status')?.[3]).toBe('RFC 7644 §3.12');
  });

  it('compares the ETag header with meta.version', async () => {
    const { rows } = await showChecks('/Users/1');
    expect(find(rows, 'meta.version')).toEqual(['Warning', 'meta.version', expect.stringContaining('differs from meta.version'), 'RFC 7644 §3.14']);
    expect(screen.getByText('Checked: User resource')).toBeTruthy();
  });
});
