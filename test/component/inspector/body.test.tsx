import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestSpec } from '@shared/model/request-spec';
import { ApiProvider } from '../../../src/renderer/app/api-context';
import { ResponseInspector } from '../../../src/renderer/features/inspector/ResponseInspector';
import { useDiscoveryStore } from '../../../src/renderer/stores/discovery';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { composeWithEndpoint, type CoreWithEndpoint } from '../support/scim-core';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const BLOB_READ = 4 * 1024 * 1024;

/**
 * A ListResponse of about 5 MB whose names are mostly three-byte characters, padded so the first 4 MiB
 * range of `blobs.read` ends inside a character.
 */
function bigList(): { text: string; count: number } {
  const count = 8500;
  const resources = Array.from({ length: count }, (_, i) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: `id-${i}`,
    userName: `user${i}`,
    displayName: `${'€'.repeat(150)} Ünïcødé ${i}`,
  }));
  for (let pad = 0; pad < 800; pad++) {
    const text = JSON.stringify({ schemas: [LIST], pad: 'x'.repeat(pad), totalResults: count, startIndex: 1, itemsPerPage: count, Resources: resources });
    const bytes = Buffer.from(text);
    // a UTF-8 continuation byte at the cut means a character is split there; '€' is only in display names
    if ((bytes[BLOB_READ]! & 0xc0) === 0x80 && bytes.subarray(BLOB_READ - 3, BLOB_READ + 3).toString().includes('€')) return { text, count };
  }
  throw new Error('could not place a display name’s character across the 4 MiB boundary');
}

describe('the body tab', () => {
  let server: FixtureServer;
  let env: CoreWithEndpoint;
  const big = bigList();
  beforeAll(async () => {
    server = await startFixtureServer(({ path }) => {
      if (path === '/Users') return { body: big.text };
      if (path === '/broken') return { body: '{\n  "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],\n  "status": 400,,\n}' };
      if (path === '/html') return { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' };
      if (path === '/huge') return { body: JSON.stringify({ schemas: [LIST], totalResults: 0, Resources: [], filler: 'z'.repeat(10_000) }) };
      return undefined;
    });
    env = await composeWithEndpoint(server);
  });
  afterAll(async () => {
    await env.close();
    await server.close();
  });
  beforeEach(() => useDiscoveryStore.getState().forget());

  async function show(path: string) {
    const spec: RequestSpec = { endpointId: env.endpointId, method: 'GET', path, headers: [], variables: {} };
    const exchange = await env.client.call('http.send', { requestId: `b-${path}-${Math.random()}`, spec });
    render(
      <ApiProvider client={env.client}>
        <ResponseInspector exchange={exchange} spec={spec} />
      </ApiProvider>,
    );
    return exchange;
  }

  it('asks before reading a body over 2 MB, then reads it range by range without breaking a character', async () => {
    const user = userEvent.setup();
    const exchange = await show('/Users');
    expect(exchange.response!.body.truncated).toBe(true);
    const ask = await screen.findByRole('button', { name: /^Show the body \(\d\.\d MB\)$/ });
    expect(screen.queryByRole('tab', { name: /Table/ })).toBeNull();
    await user.click(ask);
    const tableTab = await screen.findByRole('tab', { name: /Table/ }, { timeout: 20_000 });
    expect(tableTab.textContent).toContain('8,500');
    expect(env.transport.calls.filter((c) => c === 'blobs.read').length).toBe(2);

    await user.click(tableTab);
    const filter = screen.getByRole('searchbox', { name: 'Filter rows' });
    await user.type(filter, '\uFFFD');
    expect(await screen.findByText(/^0 of 8,500 rows match/)).toBeTruthy();
    await user.clear(filter);
    await user.type(filter, 'Ünïcødé 8499');
    expect(await screen.findByText(/^1 of 8,500 rows match/)).toBeTruthy();
    const table = screen.getByRole('table', { name: 'User' });
    await waitFor(() => expect(within(table).getAllByRole('row')[1]!.textContent).toContain(`${'€'.repeat(150)} Ünïcødé 8499`));
  });

  it('shows a large body in the plain viewer, line by line, formatted', async () => {
    const user = userEvent.setup();
    await show('/Users');
    await user.click(await screen.findByRole('button', { name: /^Show the body/ }));
    await screen.findByRole('tab', { name: /Table/ }, { timeout: 20_000 });
    await user.click(screen.getByRole('tab', { name: 'Body' }));
    const viewer = await screen.findByRole('region', { name: 'Response body (formatted)' });
    await waitFor(() => expect(viewer.textContent).toContain(`"schemas": [`));
    expect(screen.getByText(/^[\d,]+ lines · \d\.\d MB/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Raw' }));
    const raw = await screen.findByRole('region', { name: 'Response body (as received)' });
    await waitFor(() => expect(raw.textContent).toContain(`{"schemas":["${LIST}"]`));
  });

  it('says where a body stops being JSON', async () => {
    await show('/broken');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The body is not valid JSON: Expected double-quoted property name (line 3, column 17).');
  });

  it('shows a non-JSON error page as text and flags it in the checks', async () => {
    const user = userEvent.setup();
    await show('/html');
    expect(screen.getByTestId('response-status').textContent).toBe('502 Bad Gateway');
    await user.click(screen.getByRole('tab', { name: /SCIM checks/ }));
    const table = await screen.findByRole('table', { name: 'SCIM findings' });
    expect(table.textContent).toContain('A 502 answer should carry a SCIM Error body');
    expect(table.textContent).toContain('Content-Type is text/html, not application/scim+json');
  });

  it('says when a body went over the size cap, and where what arrived was saved', async () => {
    await env.client.call('settings.update', { http: { bodyCapBytes: 4096, previewBytes: 1024 } });
    try {
      const exchange = await show('/huge');
      const info = exchange.response!.body;
      expect(info.cappedAt).toBe(4096);
      const note = await screen.findByRole('note', { name: 'Body over the size cap' });
      expect(note.textContent).toContain('went over the 4.0 KB size cap');
      expect(note.textContent).toContain(info.savedTo!);
      expect(within(note).getByRole('button', { name: 'Copy file path' })).toBeTruthy();
    } finally {
      await env.client.call('settings.update', { http: { bodyCapBytes: 100 * 1024 * 1024, previewBytes: 256 * 1024 } });
    }
  });
});
