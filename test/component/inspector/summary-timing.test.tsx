import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestSpec } from '@shared/model/request-spec';
import { ApiProvider } from '../../../src/renderer/app/api-context';
import { ResponseInspector } from '../../../src/renderer/features/inspector/ResponseInspector';
import { makeTestPki, type TestPki } from '../../unit/main/http/support/certs';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { composeWithEndpoint, type CoreWithEndpoint } from '../support/scim-core';

/** a duration as the inspector writes it: "38 ms", "0.4 ms" or "1.24 s" */
const DURATION = /^\d+(\.\d+)? (ms|s)$/;

const user1 = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: '1', userName: 'bjensen', meta: { resourceType: 'User', version: 'W/"1"' } };

describe('summary, headers and timing of an HTTPS exchange with certificate verification off', () => {
  let pki: TestPki;
  let server: FixtureServer;
  let env: CoreWithEndpoint;
  let endpointId: string;

  beforeAll(async () => {
    pki = makeTestPki();
    server = await startFixtureServer(({ path }) => (path === '/Users/1' ? { headers: { etag: 'W/"1"', 'x-request-id': 'abc-123' }, body: user1 } : undefined), {
      cert: pki.read(pki.serverCert),
      key: pki.read(pki.serverKey),
    });
    env = await composeWithEndpoint({ baseUrl: 'http://127.0.0.1:1/unused', token: 'unused' });
    const endpoint = await env.client.call('endpoints.create', { endpoint: { name: 'Self-signed', baseUrl: server.baseUrl, auth: { kind: 'none' }, tls: { verify: false } } });
    endpointId = endpoint.id;
  });
  afterAll(async () => {
    await env.close();
    await server.close();
    pki.remove();
  });

  async function show() {
    const spec: RequestSpec = { endpointId, method: 'GET', path: '/Users/1', headers: [], variables: {} };
    const exchange = await env.client.call('http.send', { requestId: 'tls', spec });
    render(
      <ApiProvider client={env.client}>
        <ResponseInspector exchange={exchange} spec={spec} />
      </ApiProvider>,
    );
    return exchange;
  }

  it('shows status, time, size and warns that TLS was not verified', async () => {
    const exchange = await show();
    const summary = screen.getByRole('group', { name: 'Response summary' });
    expect(within(summary).getByTestId('response-status').textContent).toBe('200 OK');
    expect(within(summary).getByLabelText(`Size ${exchange.response!.body.size} B`)).toBeTruthy();
    expect(within(summary).getByText('⚠ TLS not verified')).toBeTruthy();
    expect(within(summary).getByRole('button', { name: /^Time \d+(\.\d+)? (ms|s), show the timing breakdown$/ })).toBeTruthy();
  });

  it('breaks the time down by phase and summarizes the certificate', async () => {
    const user = userEvent.setup();
    const exchange = await show();
    await user.click(screen.getByRole('button', { name: /show the timing breakdown/ }));
    expect(screen.getByRole('tab', { name: 'Timing' }).getAttribute('aria-selected')).toBe('true');
    const table = screen.getByRole('table', { name: 'Timing breakdown' });
    const row = (name: string) => within(table).getByRole('row', { name: new RegExp(`^${name}`) });
    expect(within(row('TLS handshake')).getAllByRole('cell')[1]!.textContent).toMatch(DURATION);
    expect(within(row('Waiting \\(TTFB\\)')).getAllByRole('cell')[1]!.textContent).toMatch(DURATION);
    expect(within(row('Total')).getAllByRole('cell')[1]!.textContent).toMatch(DURATION);
    const tls = screen.getByRole('region', { name: 'TLS' });
    expect(within(tls).getByRole('note').textContent).toMatch(/Certificate verification is turned off/);
    expect(tls.textContent).toContain(exchange.tls!.protocol!);
    expect(tls.textContent).toContain('CN=localhost');
  });

  it('lists response and request headers as seen on the wire', async () => {
    const user = userEvent.setup();
    await show();
    await user.click(screen.getByRole('tab', { name: /Headers/ }));
    const response = screen.getByRole('table', { name: 'Response headers' });
    expect(within(response).getByRole('row', { name: /x-request-id/ }).textContent).toContain('abc-123');
    await user.click(screen.getByRole('button', { name: /^Request \(\d+\)$/ }));
    expect(within(screen.getByRole('table', { name: 'Request headers' })).getByRole('row', { name: /^accept application\/scim\+json/i })).toBeTruthy();
  });
});

describe('timing of plain HTTP exchanges: what a phase without time means', () => {
  let server: FixtureServer;
  let env: CoreWithEndpoint;

  beforeAll(async () => {
    server = await startFixtureServer(({ path }) => (path === '/Users/1' ? { body: user1 } : undefined));
    env = await composeWithEndpoint({ baseUrl: 'http://127.0.0.1:1/unused', token: 'unused' });
  });
  afterAll(async () => {
    await env.close();
    await server.close();
  });

  async function timing(endpointId: string, requestId: string) {
    const spec: RequestSpec = { endpointId, method: 'GET', path: '/Users/1', headers: [], variables: {} };
    const exchange = await env.client.call('http.send', { requestId, spec });
    const view = render(
      <ApiProvider client={env.client}>
        <ResponseInspector exchange={exchange} spec={spec} />
      </ApiProvider>,
    );
    await userEvent.setup().click(screen.getByRole('button', { name: /show the timing breakdown/ }));
    const table = screen.getByRole('table', { name: 'Timing breakdown' });
    const cell = (name: string) => within(within(table).getByRole('row', { name: new RegExp(`^${name}`) })).getAllByRole('cell')[1]!.textContent;
    const result = { dns: cell('DNS lookup'), connect: cell('TCP connect'), tls: cell('TLS handshake'), connection: screen.getByTestId('connection-kind').textContent };
    view.unmount();
    return result;
  }

  it('to an IP address: no DNS lookup is needed, TLS is not used, and only a reused connection says "reused"', async () => {
    const endpoint = await env.client.call('endpoints.create', { endpoint: { name: 'By IP', baseUrl: server.baseUrl, auth: { kind: 'none' } } });
    const first = await timing(endpoint.id, 'ip-1');
    expect(first.dns).toBe('not needed (IP address)');
    expect(first.tls).toBe('not used (plain HTTP)');
    expect(first.connect).toMatch(DURATION);
    expect(first.connection).toMatch(/^new/);
    const second = await timing(endpoint.id, 'ip-2');
    expect(second).toMatchObject({ dns: 'not needed (IP address)', tls: 'not used (plain HTTP)', connect: 'reused' });
    expect(second.connection).toMatch(/^reused/);
  });

  it('to a host name: the lookup is timed on a new connection and "reused" on a reused one', async () => {
    const endpoint = await env.client.call('endpoints.create', { endpoint: { name: 'By name', baseUrl: server.baseUrl.replace('127.0.0.1', 'localhost'), auth: { kind: 'none' } } });
    const first = await timing(endpoint.id, 'name-1');
    expect(first.dns).toMatch(DURATION);
    expect(first.tls).toBe('not used (plain HTTP)');
    const second = await timing(endpoint.id, 'name-2');
    expect(second).toMatchObject({ dns: 'reused', connect: 'reused', tls: 'not used (plain HTTP)' });
  });
});
