import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Collection, RunResult } from '@shared/model/collection';
import { CollectionsPanel } from '../../../src/renderer/features/collections/CollectionsPanel';
import { CollectionView } from '../../../src/renderer/features/collections/CollectionView';
import { useCollections } from '../../../src/renderer/stores/collections';
import { useIntegration } from '../../../src/renderer/stores/integration';
import { fakeApi } from '../support/fake-api';

const request = (name: string, method: 'GET' | 'POST', path: string) => ({ version: 1 as const, name, method, path, headers: [], captures: [] });

function collectionFixture(): Collection {
  return {
    id: 'c1',
    name: 'Entra provisioning',
    folder: '/data/collections/entra-provisioning',
    external: false,
    variables: { userName: 'ingrid' },
    items: [
      { kind: 'folder', id: 'Users', parentId: '', depth: 0, name: 'Users' },
      { kind: 'request', id: 'Users/create.request.json', parentId: 'Users', depth: 1, name: 'Create user', request: { ...request('Create user', 'POST', '/Users'), body: '{"userName":"{{userName}}"}', captures: [{ variable: 'userId', from: 'body', path: 'id' }] } },
      { kind: 'request', id: 'Users/get.request.json', parentId: 'Users', depth: 1, name: 'Get user', request: request('Get user', 'GET', '/Users/{{userId}}') },
      { kind: 'request', id: 'spc.request.json', parentId: '', depth: 0, name: 'Service provider config', request: request('Service provider config', 'GET', '/ServiceProviderConfig') },
      { kind: 'request', id: 'broken.request.json', parentId: '', depth: 0, name: 'broken', problem: 'is not valid JSON: Expected \',\' (line 5, column 3)' },
    ],
    problems: [{ file: '/data/collections/entra-provisioning/broken.request.json', line: 5, column: 3, message: "is not valid JSON: Expected ',' (line 5, column 3)" }],
  };
}

function setup() {
  const collection = collectionFixture();
  const saved = (itemId: string) => ({ itemId, warnings: [] as string[] });
  const run: RunResult = {
    runId: 'r1',
    collectionId: 'c1',
    itemId: 'Users',
    endpointId: 'sandbox',
    startedAt: '2025-01-01T00:00:00Z',
    finishedAt: '2025-01-01T00:00:01Z',
    steps: [
      { requestId: 'Users/create.request.json', name: 'Create user', method: 'POST', path: '/Users', status: 201, ok: true, durationMs: 12, exchangeId: 'e1', captured: { userId: 'abc' }, captureProblems: [] },
      { requestId: 'Users/get.request.json', name: 'Get user', method: 'GET', path: '/Users/abc', status: 404, ok: false, durationMs: 5, exchangeId: 'e2', captured: {}, captureProblems: [] },
    ],
    variables: { userName: 'ingrid', userId: 'abc' },
    cancelled: false,
  };
  const api = fakeApi({
    'collections.list': () => [{ id: 'c1', name: collection.name, folder: collection.folder, external: false }],
    'collections.get': () => collection,
    'collections.reload': () => collection,
    'collections.rename': ({ itemId }) => saved(itemId),
    'collections.duplicate': ({ itemId }) => saved(itemId.replace('.request.json', '-copy.request.json')),
    'collections.move': ({ itemId }) => saved(itemId),
    'collections.saveRequest': ({ itemId }) => ({ itemId: itemId ?? 'new.request.json', warnings: ['The value of the Authorization header of "Create user" was not saved: auth comes from the endpoint chosen when the request runs.'] }),
    'collections.createFolder': ({ name }) => saved(name),
    'collections.run': () => run,
    'exchange.import': () => ({ collectionId: 'c1', itemIds: ['get-users.request.json'], imported: 1, warnings: ['The value of the Authorization header was not imported: auth comes from the endpoint chosen at run time.'] }),
  });
  api.render(
    <>
      <CollectionsPanel />
      <CollectionView />
    </>,
  );
  return { api, collection };
}

const tree = () => screen.getByRole('tree', { name: 'Requests of Entra provisioning' });
const item = (name: string) => within(tree()).getByRole('treeitem', { name: new RegExp(name) });

describe('the collections panel', () => {
  beforeEach(() => {
    useCollections.setState({ summaries: [], activeId: undefined, collection: undefined, expanded: new Set(), selectedItem: undefined, lastRun: undefined, running: undefined, error: undefined, warnings: [] });
    useIntegration.setState({ endpoints: [], openRequest: undefined, openExchange: undefined });
  });

  it('shows the tree, folders closed, and the files that could not be read with path and line', async () => {
    setup();
    await waitFor(() => expect(tree()).toBeTruthy());
    expect(within(tree()).getAllByRole('treeitem').map((i) => i.textContent)).toEqual(['▸Users', 'GETService provider config', '!broken']);
    expect(item('Users').getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText(/1 file\(s\) could not be read; the rest is loaded/)).toBeTruthy();
    expect(screen.getByText('/data/collections/entra-provisioning/broken.request.json').parentElement?.textContent).toContain(':5:3 is not valid JSON');
  });

  it('moves through the tree with the keyboard, opens a request, renames with F2', async () => {
    const { api } = setup();
    await waitFor(() => expect(tree()).toBeTruthy());
    fireEvent.keyDown(tree(), { key: 'ArrowRight' });
    expect(item('Users').getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(tree(), { key: 'ArrowDown' });
    expect(item('Create user').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(tree(), { key: 'Enter' });
    const editor = await screen.findByRole('region', { name: 'Request Create user' });
    expect((within(editor).getByRole('textbox', { name: 'Path' }) as HTMLInputElement).value).toBe('/Users');
    fireEvent.keyDown(tree(), { key: 'ArrowLeft' });
    expect(item('Users').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(tree(), { key: 'ArrowDown' });
    fireEvent.keyDown(tree(), { key: 'F2' });
    const dialog = await screen.findByRole('dialog', { name: 'Rename request' });
    const input = within(dialog).getByRole('textbox');
    await userEvent.clear(input);
    await userEvent.type(input, 'Create a user{Enter}');
    await waitFor(() => expect(api.callsOf('collections.rename')).toEqual([{ collectionId: 'c1', itemId: 'Users/create.request.json', name: 'Create a user' }]));
  });

  it('reorders with Alt+Arrow and by dragging, and moves into a folder by dropping on it', async () => {
    const { api } = setup();
    await waitFor(() => expect(tree()).toBeTruthy());
    fireEvent.click(item('Users'));
    fireEvent.click(item('Get user'));
    fireEvent.keyDown(tree(), { key: 'ArrowUp', altKey: true });
    await waitFor(() => expect(api.callsOf('collections.move')[0]).toEqual({ collectionId: 'c1', itemId: 'Users/get.request.json', parentId: 'Users', index: 0 }));

    const data = new Map<string, string>();
    const dataTransfer = { setData: (t: string, v: string) => data.set(t, v), getData: (t: string) => data.get(t) ?? '', get types() { return [...data.keys()]; }, effectAllowed: 'all', dropEffect: 'move' };
    fireEvent.dragStart(item('Service provider config'), { dataTransfer });
    fireEvent.dragOver(item('Users'), { dataTransfer });
    expect(item('Users').className).toContain('is-drop-target');
    fireEvent.drop(item('Users'), { dataTransfer });
    await waitFor(() => expect(api.callsOf('collections.move')[1]).toEqual({ collectionId: 'c1', itemId: 'spc.request.json', parentId: 'Users' }));
    data.clear();
    fireEvent.dragStart(item('Service provider config'), { dataTransfer });
    fireEvent.drop(item('Get user'), { dataTransfer });
    await waitFor(() => expect(api.callsOf('collections.move')[2]).toEqual({ collectionId: 'c1', itemId: 'spc.request.json', parentId: 'Users', index: 1 }));
  });

  it('has a context menu, by mouse and by keyboard', async () => {
    const { api } = setup();
    await waitFor(() => expect(tree()).toBeTruthy());
    fireEvent.contextMenu(item('Service provider config'), { clientX: 10, clientY: 20 });
    const menu = screen.getByRole('menu', { name: 'Actions for Service provider config' });
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Duplicate' }));
    await waitFor(() => expect(api.callsOf('collections.duplicate')).toEqual([{ collectionId: 'c1', itemId: 'spc.request.json' }]));
    expect(screen.queryByRole('menu')).toBeNull();
    fireEvent.click(item('Service provider config'));
    fireEvent.keyDown(tree(), { key: 'F10', shiftKey: true });
    const again = screen.getByRole('menu');
    expect(document.activeElement?.textContent).toBe('Open');
    fireEvent.keyDown(again, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Rename…');
    fireEvent.keyDown(again, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('saves an edited request and shows what was left out', async () => {
    const { api } = setup();
    await waitFor(() => expect(tree()).toBeTruthy());
    fireEvent.click(item('Users'));
    fireEvent.click(item('Create user'));
    const editor = await screen.findByRole('region', { name: 'Request Create user' });
    const path = within(editor).getByRole('textbox', { name: 'Path' });
    await userEvent.clear(path);
    await userEvent.type(path, '/Users?attributes=id');
    await userEvent.click(within(editor).getByRole('button', { name: 'Save request' }));
    await waitFor(() => expect(api.callsOf('collections.saveRequest')[0]?.request.path).toBe('/Users?attributes=id'));
    expect(api.callsOf('collections.saveRequest')[0]?.itemId).toBe('Users/create.request.json');
    expect(await screen.findByRole('list', { name: 'Warnings' })).toBeTruthy();
  });

  it('runs a folder against an endpoint and lists each step with what it captured', async () => {
    const { api } = setup();
    act(() => useIntegration.setState({ endpoints: [{ id: 'sandbox', name: 'Sandbox' }] }));
    await waitFor(() => expect(tree()).toBeTruthy());
    fireEvent.click(item('Users'));
    const runCard = screen.getByRole('region', { name: 'Run' });
    expect(within(runCard).getByRole('heading').textContent).toBe('Run folder "Users" (2 requests)');
    await userEvent.click(within(runCard).getByRole('button', { name: 'Run' }));
    const results = await within(runCard).findByRole('list', { name: 'Run results' });
    expect(api.callsOf('collections.run')[0]).toMatchObject({ collectionId: 'c1', itemId: 'Users', endpointId: 'sandbox', stopOnError: false });
    expect(within(results).getAllByRole('listitem').map((li) => li.className)).toEqual(['is-ok', 'is-failed']);
    expect(within(results).getByText('set userId = abc')).toBeTruthy();
    expect(within(runCard).getByRole('button', { name: 'Export this run…' })).toBeTruthy();
  });

  it('reloads when the files change outside the app', async () => {
    const { api } = setup();
    await waitFor(() => expect(tree()).toBeTruthy());
    const before = api.callsOf('collections.get').length;
    act(() => api.emit('collections.changed', { collectionId: 'c1' }));
    await waitFor(() => expect(api.callsOf('collections.get').length).toBeGreaterThan(before));
  });

  it('imports a pasted curl command into the current collection', async () => {
    const { api } = setup();
    await waitFor(() => expect(tree()).toBeTruthy());
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import requests' });
    await userEvent.click(within(dialog).getByRole('radio', { name: 'curl command' }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Paste the command' }), { target: { value: "curl https://h/scim/v2/Users -H 'Authorization: Bearer x'" } });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Base URL/ }), 'https://h/scim/v2');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsOf('exchange.import')[0]).toEqual({ format: 'curl', text: "curl https://h/scim/v2/Users -H 'Authorization: Bearer x'", baseUrl: 'https://h/scim/v2', target: { kind: 'existing', collectionId: 'c1' } });
    expect(within(screen.getByRole('list', { name: 'Warnings' })).getByText(/Authorization header was not imported/)).toBeTruthy();
  });
});
