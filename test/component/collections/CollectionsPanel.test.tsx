import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Collection, RunResult } from '@shared/model/collection';
import { CollectionsPanel } from '../../../src/renderer/features/collections/CollectionsPanel';
import { CollectionView } from '../../../src/renderer/features/collections/CollectionView';
import { useCollections } from '../../../src/renderer/stores/collections';
import { useIntegration } from '../../../src/renderer/stores/integration';
import { fakeApi } from '../support/fake-api';

const request = (name: string, method: 'GET' | 'POST', path: string) => ({ version: 1 as const, name, method, path, headers: [], assertions: [], captures: [] });

function collectionFixture(): Collection {
  return {
    id: 'c1',
    name: 'Entra provisioning',
    folder: '/data/collections/entra-provisioning',
    external: false,
    variables: { userName: 'ingrid' },
    secrets: [],
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
      {
        requestId: 'Users/create.request.json',
        name: 'Create user',
        method: 'POST',
        path: '/Users',
        status: 201,
        ok: true,
        durationMs: 12,
        exchangeId: 'e1',
        captured: { userId: 'abc' },
        captureProblems: [],
        assertions: [{ from: 'status', path: '', op: 'equals', value: '201', passed: true, actual: '201' }],
        checks: { scope: 'User resource', counts: { error: 0, warning: 1, info: 0 }, findings: [{ severity: 'warning', path: 'header:Location', code: 'locationHeaderMissing', message: 'A 201 Created answer carries the new resource’s URI in the Location header', rfc: 'RFC 7644 §3.3' }] },
      },
      {
        requestId: 'Users/get.request.json',
        name: 'Get user',
        method: 'GET',
        path: '/Users/abc',
        status: 404,
        ok: false,
        durationMs: 5,
        exchangeId: 'e2',
        captured: {},
        captureProblems: [],
        assertions: [
          { from: 'status', path: '', op: 'equals', value: '200', passed: false, actual: '404' },
          { from: 'body', path: 'emails[type eq "work"].value', op: 'equals', value: 'ingrid@example.com', passed: false, actual: '(absent)', message: 'nothing at "emails[type eq "work"].value"' },
        ],
        checks: { scope: 'SCIM Error body', counts: { error: 0, warning: 0, info: 0 }, findings: [] },
      },
    ],
    variables: { userName: 'ingrid', userId: 'abc' },
    cancelled: false,
    summary: { steps: 2, passed: 1, failed: 1, assertionsPassed: 1, assertionsFailed: 2, checkErrors: 0 },
    comparison: {
      previousRunId: 'r0',
      previousStartedAt: '2025-01-01T00:00:00Z',
      steps: [
        { requestId: 'Users/create.request.json', name: 'Create user', change: 'still-passing' },
        { requestId: 'Users/get.request.json', name: 'Get user', change: 'newly-failing' },
      ],
      newlyFailing: 1,
      newlyPassing: 0,
      unchanged: 1,
    },
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
    'history.exchange': ({ exchangeId }) => ({
      exchange: {
        id: exchangeId,
        startedAt: '2025-01-01T00:00:00Z',
        request: { method: 'GET', url: 'http://127.0.0.1:1/scim/v2/Users/abc', headers: [['Accept', 'application/scim+json']] },
        response: {
          status: 404,
          statusText: 'Not Found',
          headers: [['Content-Type', 'application/scim+json']],
          body: { size: 80, preview: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"No such user"}', truncated: false },
        },
        timings: { total: 5 },
        redirects: [],
      },
    }),
    'exchange.import': () => ({
      collectionId: 'c1',
      itemIds: ['get-users.request.json'],
      imported: 1,
      warnings: ['the Authorization header of the curl command: moved into the OS keychain as the collection variable {{authorization}}; the file keeps {{authorization}}.'],
      secrets: [{ variable: 'authorization', where: 'the Authorization header of the curl command' }],
    }),
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

  it('edits a request in the workbench composer, opened in the operation it performs', async () => {
    setup();
    await waitFor(() => expect(tree()).toBeTruthy());
    fireEvent.click(item('Users'));
    fireEvent.click(item('Get user'));
    let editor = await screen.findByRole('region', { name: 'Request Get user' });
    const operation = () => within(editor).getByRole('radiogroup', { name: 'Operation' });
    expect(within(operation()).getByRole('radio', { checked: true }).textContent).toBe('Get');
    expect((within(editor).getByRole('textbox', { name: 'Resource id' }) as HTMLInputElement).value).toBe('{{userId}}');
    expect(within(editor).getAllByRole('tab').map((t) => t.textContent)).toEqual(['Query', 'Headers']);
    // a request bar of a collection request: no Send, no tab Save buttons
    expect(within(editor).queryByRole('button', { name: 'Send' })).toBeNull();
    fireEvent.click(item('Create user'));
    editor = await screen.findByRole('region', { name: 'Request Create user' });
    expect(within(operation()).getByRole('radio', { checked: true }).textContent).toBe('Create');
    expect(within(editor).getByRole('tab', { selected: true }).textContent).toBe('Body');
    fireEvent.click(item('Service provider config'));
    editor = await screen.findByRole('region', { name: 'Request Service provider config' });
    expect(within(operation()).getByRole('radio', { checked: true }).textContent).toBe('Raw');
  });

  it('saves assertions with the request, the request itself as written', async () => {
    const { api } = setup();
    await waitFor(() => expect(tree()).toBeTruthy());
    fireEvent.click(item('Users'));
    fireEvent.click(item('Create user'));
    const editor = await screen.findByRole('region', { name: 'Request Create user' });
    expect(within(editor).getByRole('note').textContent).toMatch(/status is below 400 \(the default assertion\)/);
    expect((within(editor).getByRole('button', { name: 'Save request' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(within(editor).getByRole('button', { name: '+ Add assertion' }));
    const expected = within(editor).getByRole('textbox', { name: 'Assertion 1 expected' });
    await userEvent.clear(expected);
    await userEvent.type(expected, '201');
    await userEvent.click(within(editor).getByRole('button', { name: '+ Body value' }));
    await userEvent.type(within(editor).getByRole('textbox', { name: 'Assertion 2 path' }), 'userName');
    await userEvent.type(within(editor).getByRole('textbox', { name: 'Assertion 2 expected' }), '{{{{userName}}');
    await userEvent.click(within(editor).getByRole('button', { name: '+ No SCIM check errors' }));
    fireEvent.change(within(editor).getByRole('combobox', { name: 'Assertion 3 operator' }), { target: { value: 'lte' } });
    expect(within(editor).getAllByRole('row')).toHaveLength(4);
    await userEvent.click(within(editor).getByRole('button', { name: 'Save request' }));
    await waitFor(() => expect(api.callsOf('collections.saveRequest')).toHaveLength(1));
    const saved = api.callsOf('collections.saveRequest')[0]!;
    expect(saved.request.assertions).toEqual([
      { from: 'status', path: '', op: 'equals', value: '201', enabled: true },
      { from: 'body', path: 'userName', op: 'equals', value: '{{userName}}', enabled: true },
      { from: 'scim', path: '', op: 'lte', value: '0', enabled: true },
    ]);
    expect(saved.request).toMatchObject({ method: 'POST', path: '/Users', body: '{"userName":"{{userName}}"}', captures: [{ variable: 'userId', from: 'body', path: 'id' }] });
  });

  it('shows each step with its assertions (expected and actual), SCIM checks, request and response, and the comparison with the run before', async () => {
    setup();
    act(() => useIntegration.setState({ endpoints: [{ id: 'sandbox', name: 'Sandbox' }] }));
    await waitFor(() => expect(tree()).toBeTruthy());
    fireEvent.click(item('Users'));
    const runCard = screen.getByRole('region', { name: 'Run' });
    await userEvent.click(within(runCard).getByRole('button', { name: 'Run' }));
    expect((await within(runCard).findByRole('status', { name: 'Run summary' })).textContent).toBe('1 of 2 steps passed · 1 of 3 assertions · 0 SCIM check errors');
    expect(within(runCard).getByRole('note', { name: 'Compared with the previous run' }).textContent).toMatch(/1 newly failing \(Get user\), 0 newly passing, 1 unchanged/);
    const results = within(runCard).getByRole('list', { name: 'Run results' });
    expect(within(results).getByText('newly failing')).toBeTruthy();
    expect(within(results).getByText('failed: 2 of 2 assertions')).toBeTruthy();
    // the failing step opens by itself
    const table = within(runCard).getByRole('table', { name: 'Assertions of Get user' });
    expect(within(table).getAllByRole('row').map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      [],
      ['status equals 200', '200', '404', 'failed'],
      ['body emails[type eq "work"].value equals ingrid@example.com', 'ingrid@example.com', '(absent)nothing at "emails[type eq "work"].value"', 'failed'],
    ]);
    expect(await within(runCard).findByRole('region', { name: 'Response of Get user' })).toBeTruthy();
    expect(within(runCard).getByLabelText('Response body').textContent).toContain('"detail": "No such user"');
    // the passing one on request: its SCIM check finding
    await userEvent.click(within(runCard).getByRole('button', { name: 'Details of step 1, Create user' }));
    const checks = within(runCard).getByRole('region', { name: 'SCIM checks of Create user' });
    expect(checks.textContent).toContain('SCIM checks: 0 errors, 1 warning, 0 info');
    expect(checks.textContent).toContain('locationHeaderMissing at header:Location');
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
    expect(within(screen.getByRole('list', { name: 'Warnings' })).getByText(/moved into the OS keychain as the collection variable \{\{authorization\}\}/)).toBeTruthy();
  });
});
