import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestSpec } from '@shared/model/request-spec';
import { ApiProvider } from '../../../src/renderer/app/api-context';
import { ResponseInspector, type ResponseInspectorProps } from '../../../src/renderer/features/inspector/ResponseInspector';
import { useColumnPrefs } from '../../../src/renderer/features/inspector/table/column-prefs';
import { useDiscoveryStore } from '../../../src/renderer/stores/discovery';
import { startScimmyCore, type CoreWithEndpoint } from '../support/scim-core';
import type { ScimmyServer } from '../../peers/scimmy-server';

describe('ListResponse table, paging and "Fetch all pages" against a SCIMMY server', () => {
  let env: CoreWithEndpoint & { server: ScimmyServer };
  /** users in the order SCIMMY serves them */
  let userNames: string[];

  beforeAll(async () => {
    env = await startScimmyCore(25);
    userNames = [...env.server.users.values()].map((u) => u.userName as string);
  });
  afterAll(() => env.close());
  beforeEach(() => {
    useDiscoveryStore.getState().forget();
    useColumnPrefs.setState({ byType: {} });
  });

  const spec = (path: string): RequestSpec => ({ endpointId: env.endpointId, method: 'GET', path, headers: [], variables: {} });

  async function show(path: string, props: Partial<ResponseInspectorProps> = {}) {
    const request = spec(path);
    const exchange = await env.client.call('http.send', { requestId: `t-${path}`, spec: request });
    render(
      <ApiProvider client={env.client}>
        <ResponseInspector exchange={exchange} spec={request} {...props} />
      </ApiProvider>,
    );
    return screen.findByRole('table', { name: 'User' });
  }

  const headers = (table: HTMLElement) => within(table).getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
  const dataRows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);
  const column = (table: HTMLElement, name: string) => {
    const at = headers(table).indexOf(name);
    return dataRows(table).map((row) => within(row).getAllByRole('cell')[at]!.textContent);
  };

  it('opens on the Table tab with columns chosen from the discovered User schema', async () => {
    const table = await show('/Users?count=10');
    expect(screen.getByRole('tab', { name: /Table/ }).getAttribute('aria-selected')).toBe('true');
    expect(headers(table)).toEqual(['#', 'id', 'userName', 'displayName', 'name.formatted', 'emails', 'active', 'meta.lastModified']);
    await waitFor(() => expect(column(table, 'userName')).toEqual(userNames.slice(0, 10)));
    // a multi-valued complex attribute shows its primary value
    expect(column(table, 'emails')[0]).toBe(`${userNames[0]}@example.com`);
    expect(screen.getByText('1–10 of 25')).toBeTruthy();
  });

  it('adds a column from the schema with the Columns menu and remembers it', async () => {
    const user = userEvent.setup();
    const table = await show('/Users?count=5');
    await user.click(screen.getByRole('button', { name: /Columns/ }));
    const dialog = screen.getByRole('dialog', { name: 'Choose columns' });
    await user.type(within(dialog).getByRole('searchbox', { name: 'Find an attribute' }), 'title');
    await user.click(within(dialog).getByRole('checkbox', { name: /^title/ }));
    await waitFor(() => expect(headers(table)).toContain('title'));
    const titles = [...env.server.users.values()].slice(0, 5).map((u) => (u.title as string | undefined) ?? '');
    await waitFor(() => expect(column(table, 'title')).toEqual(titles));
    expect(useColumnPrefs.getState().byType.user).toContain('title');
  });

  it('pages with Next and Previous, sending the request again with another startIndex', async () => {
    const user = userEvent.setup();
    await show('/Users?count=10');
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByText('11–20 of 25');
    const table = screen.getByRole('table', { name: 'User' });
    await waitFor(() => expect(column(table, 'userName')).toEqual(userNames.slice(10, 20)));
    expect(screen.getByRole('status').textContent).toMatch(/startIndex=11/);
    await user.click(screen.getByRole('button', { name: 'Last page' }));
    await screen.findByText('21–25 of 25');
    expect((screen.getByRole('button', { name: 'Next page' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('hands paging to the workbench when it asks to send pages itself', async () => {
    const onSendPage = vi.fn();
    await show('/Users?count=10&filter=active%20eq%20true', { onSendPage });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Next page' }));
    expect(onSendPage).toHaveBeenCalledWith(expect.objectContaining({ path: '/Users?count=10&filter=active%20eq%20true&startIndex=11' }));
  });

  it('opens a row’s resource through onOpenResource, by click and by keyboard', async () => {
    const user = userEvent.setup();
    const onOpenResource = vi.fn();
    const table = await show('/Users?count=5', { onOpenResource });
    const ids = [...env.server.users.keys()];
    await user.click(dataRows(table)[2]!);
    expect(onOpenResource).toHaveBeenLastCalledWith({ resourceTypeEndpoint: '/Users', id: ids[2], location: `/scim/Users/${ids[2]}` });
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onOpenResource).toHaveBeenLastCalledWith(expect.objectContaining({ id: ids[3] }));
  });

  it('fetches all pages with progress and finds the ordering stable', async () => {
    const user = userEvent.setup();
    const table = await show('/Users?count=10');
    await user.click(screen.getByRole('button', { name: 'Fetch all pages' }));
    const status = await screen.findByRole('region', { name: 'Fetch all pages' });
    await within(status).findByText('Fetched all 25 resources in 3 pages');
    expect(within(status).getByTestId('fetch-all-verdict').textContent).toBe('Stable ordering: no duplicates, none missing.');
    expect(within(status).getByRole('progressbar', { name: 'Pages fetched' }).getAttribute('aria-valuetext')).toBe('25 of 25 resources');
    const all = await screen.findByRole('table', { name: 'User (all pages)' });
    await waitFor(() => expect(all.getAttribute('aria-rowcount')).toBe('26'));
    expect(table.isConnected).toBe(true);
    await user.click(within(status).getByRole('button', { name: 'Back to this page' }));
    await waitFor(() => expect(screen.getByRole('table', { name: 'User' }).getAttribute('aria-rowcount')).toBe('11'));
  });
});

describe('"Fetch all pages" cancelled half way', () => {
  let env: CoreWithEndpoint & { server: ScimmyServer };
  beforeAll(async () => {
    env = await startScimmyCore(400);
  });
  afterAll(() => env.close());

  it('shows progress page by page, stops on Cancel and reports what it had', async () => {
    const user = userEvent.setup();
    const request: RequestSpec = { endpointId: env.endpointId, method: 'GET', path: '/Users?count=40', headers: [], variables: {} };
    const exchange = await env.client.call('http.send', { requestId: 'first', spec: request });
    render(
      <ApiProvider client={env.client}>
        <ResponseInspector exchange={exchange} spec={request} />
      </ApiProvider>,
    );
    await screen.findByRole('table', { name: 'User' });
    // the sixth page request waits until the test lets it go, so Cancel lands while it is in flight
    const gate = env.transport.hold('http.send', 5);
    await user.click(screen.getByRole('button', { name: 'Fetch all pages' }));
    await gate.reached;
    const status = screen.getByRole('region', { name: 'Fetch all pages' });
    const progress = within(status).getByRole('progressbar', { name: 'Pages fetched' });
    await waitFor(() => expect(progress.getAttribute('aria-valuetext')).toBe('200 of 400 resources'));
    expect(progress.getAttribute('aria-valuenow')).toBe('200');
    expect(within(status).getByRole('status').textContent).toBe('Fetching all pages… page 6');

    await user.click(within(status).getByRole('button', { name: 'Cancel fetching' }));
    gate.release();
    await within(status).findByText('Cancelled after 5 pages (200 resources)', undefined, { timeout: 10_000 });
    expect(within(status).getByTestId('fetch-all-verdict').textContent).toBe('No duplicates so far.');
    await waitFor(() => expect(screen.getByRole('table', { name: 'User (all pages)' }).getAttribute('aria-rowcount')).toBe('201'));
    expect(env.transport.calls.filter((c) => c === 'http.cancel')).toHaveLength(1);
    // the first request, five pages, and the cancelled sixth: nothing after it
    expect(env.transport.calls.filter((c) => c === 'http.send')).toHaveLength(7);
  });
});
