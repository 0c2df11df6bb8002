import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Collection, SavedRequest } from '@shared/model/collection';
import { RequestDraft, Workspace } from '@shared/model/workspace';
import type { AppCore } from '../../../src/main/compose';
import { starterDraft } from '../../../src/renderer/features/workbench/model/titles';
import { useRuntime } from '../../../src/renderer/stores/runtime';
import { useTabs } from '../../../src/renderer/stores/tabs';
import { tempDir } from '../../support/temp-dir';
import { renderApp, sandboxCore } from './support';

async function call<T>(core: AppCore, command: string, payload: unknown): Promise<T> {
  const answer = await core.router.dispatch(command, payload, { origin: 'test' });
  if (!answer.ok) throw new Error(`${command}: ${answer.error.message}`);
  return answer.value as T;
}

const readRequest = (file: string) => SavedRequest.parse(JSON.parse(readFileSync(file, 'utf8')));
const tabNames = () => within(screen.getByRole('tablist', { name: 'Open requests' })).getAllByRole('tab').map((t) => t.getAttribute('aria-label'));
const activeTab = () => useTabs.getState().tabs.find((t) => t.id === useTabs.getState().activeId)!;

describe('saving a workbench tab into a collection', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: AppCore;
  beforeEach(async () => {
    dir = tempDir();
    core = await sandboxCore(dir.path, 5);
    const draft = RequestDraft.parse(starterDraft());
    await call(core, 'workspace.save', { workspace: { version: 1, tabs: [{ id: 'start', draft, baseline: draft }] } });
  });
  afterEach(async () => {
    useTabs.setState({ tabs: [], activeId: undefined, hydrated: false });
    await core.dispose();
    dir.cleanup();
  });

  it('asks where for a new tab (creating the collection), then Ctrl+S writes back to that file without asking', async () => {
    const user = userEvent.setup();
    const { transport } = renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    await user.type(screen.getByRole('textbox', { name: 'Filter text' }), 'userName sw "a"');
    expect(tabNames()).toEqual(['GET List Users, unsaved changes']);

    await user.click(screen.getByRole('button', { name: 'Save to collection…' }));
    const dialog = screen.getByRole('dialog', { name: 'Save to collection' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    // the name comes first, filled with the tab's title, and has the focus
    expect(document.activeElement).toBe(name);
    expect((name as HTMLInputElement).value).toBe('List Users');
    // no collection yet: a new one is offered
    const picker = within(dialog).getByRole('combobox', { name: 'Collection' }) as HTMLSelectElement;
    await waitFor(() => expect(picker.disabled).toBe(false));
    expect(picker.selectedOptions[0]!.textContent).toBe('New collection…');
    const save = within(dialog).getByRole('button', { name: 'Save' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await user.clear(name);
    await user.type(name, 'Users starting with a');
    await user.type(within(dialog).getByRole('textbox', { name: 'New collection name' }), 'Team requests{Enter}');

    expect(await screen.findByText('Saved to Team requests › Users starting with a.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(tabNames()).toEqual(['GET Users starting with a']);
    const file = join(dir.path, 'collections', 'team-requests', 'users-starting-with-a.request.json');
    const written = readRequest(file);
    expect(written).toMatchObject({ name: 'Users starting with a', method: 'GET', headers: [], captures: [] });
    expect(decodeURIComponent(written.path)).toBe('/Users?filter=userName sw "a"');

    // an edit marks it unsaved again; Ctrl+S writes to the same file, no dialog, no new collection
    await user.type(screen.getByRole('textbox', { name: 'Filter text' }), ' and active eq true');
    expect(tabNames()).toEqual(['GET Users starting with a, unsaved changes']);
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(decodeURIComponent(readRequest(file).path)).toBe('/Users?filter=userName sw "a" and active eq true'));
    await waitFor(() => expect(tabNames()).toEqual(['GET Users starting with a']));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(transport.calls.filter((c) => c === 'collections.create')).toHaveLength(1);
    const collections = await call<{ id: string }[]>(core, 'collections.list', {});
    expect(collections).toHaveLength(1);
    expect(Collection.parse(await call(core, 'collections.get', { collectionId: collections[0]!.id })).items.map((i) => i.id)).toEqual(['users-starting-with-a.request.json']);
  });

  it('never writes a credential to the file, and says what it moved or left out', async () => {
    const user = userEvent.setup();
    // a keychain that always answers (this session's memory): the typed credential is moved into it
    core.vault.useSessionOnly();
    renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    const token = core.sandbox!.token;
    await user.click(screen.getByRole('tab', { name: 'Headers' }));
    await user.click(screen.getByRole('button', { name: '+ Header' }));
    await user.type(screen.getByLabelText('Header 1 name'), 'Authorization');
    await user.type(screen.getByRole('textbox', { name: 'Header 1 value' }), `Bearer ${token}`);
    await user.click(screen.getByRole('button', { name: '+ Header' }));
    await user.type(screen.getByLabelText('Header 2 name'), 'X-Trace');
    await user.type(screen.getByRole('textbox', { name: 'Header 2 value' }), `copied ${token}`);

    await user.keyboard('{Control>}s{/Control}');
    const dialog = screen.getByRole('dialog', { name: 'Save to collection' });
    await user.type(within(dialog).getByRole('textbox', { name: 'New collection name' }), 'Secrets test');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    const left = await screen.findByRole('list', { name: 'Left out of the saved file' });
    const said = within(left).getAllByRole('listitem').map((li) => li.textContent ?? '');
    // the Authorization header's credential went into a secret variable of the collection; the copy elsewhere was replaced
    expect(said.some((w) => /the Authorization header of "List Users": moved into the OS keychain as the collection variable \{\{authorization\}\}/.test(w))).toBe(true);
    expect(said.some((w) => /secret value in .* was replaced by \[REDACTED\]/.test(w))).toBe(true);
    const text = readFileSync(join(dir.path, 'collections', 'secrets-test', 'list-users.request.json'), 'utf8');
    expect(text).not.toContain(token);
    expect(SavedRequest.parse(JSON.parse(text)).headers).toEqual([
      { name: 'Authorization', value: 'Bearer {{authorization}}', enabled: true },
      { name: 'X-Trace', value: 'copied [REDACTED]', enabled: true },
    ]);
    expect(JSON.parse(readFileSync(join(dir.path, 'collections', 'secrets-test', 'collection.json'), 'utf8')).secrets).toEqual(['authorization']);
  });

  it('opens a collection request in a tab that saves back to its file (keeping its captures), and a second open shows that tab', async () => {
    const user = userEvent.setup();
    const collection = await call<Collection>(core, 'collections.create', { name: 'Provisioning' });
    const folder = await call<{ itemId: string }>(core, 'collections.createFolder', { collectionId: collection.id, parentId: '', name: 'Users' });
    const created = await call<{ itemId: string }>(core, 'collections.saveRequest', {
      collectionId: collection.id,
      parentId: folder.itemId,
      request: { name: 'Get user', description: 'One user', method: 'GET', path: '/Users?count=1', headers: [], captures: [{ variable: 'userId', from: 'body', path: 'Resources[0].id' }] },
    });
    renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    await user.click(screen.getByRole('tab', { name: 'Collections' }));
    await user.click(await screen.findByRole('treeitem', { name: /Users/ }));
    await user.click(await screen.findByRole('treeitem', { name: /Get user/ }));
    await user.click(await screen.findByRole('button', { name: 'Open in a tab' }));

    const opened = await screen.findByRole('tab', { name: 'GET Get user' });
    expect(opened.getAttribute('aria-selected')).toBe('true');
    expect(activeTab().source).toEqual({ kind: 'collection', id: `${collection.id}/${created.itemId}`, label: 'Provisioning › Get user' });
    expect(screen.getByRole('button', { name: 'Save' }).getAttribute('title')).toBe('Save to Provisioning › Get user (Ctrl+S / ⌘+S)');
    // it opens in the operation it performs (List), its query in the query panel
    expect(screen.getByRole('radiogroup', { name: 'Operation' }).querySelector('[aria-checked="true"]')?.textContent).toBe('List');
    expect((screen.getByRole('textbox', { name: 'Path' }) as HTMLInputElement).value).toBe('/Users');
    const count = screen.getByRole('spinbutton', { name: 'count' });
    expect((count as HTMLInputElement).value).toBe('1');
    await user.clear(count);
    await user.type(count, '2');
    expect(tabNames()).toContain('GET Get user, unsaved changes');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const file = join(dir.path, 'collections', 'provisioning', 'Users', 'get-user.request.json');
    await waitFor(() => expect(readRequest(file).path).toBe('/Users?count=2'));
    expect(readRequest(file)).toMatchObject({ name: 'Get user', description: 'One user', captures: [{ variable: 'userId', from: 'body', path: 'Resources[0].id' }] });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(tabNames()).toContain('GET Get user'));

    // opened again from the collection: the same tab comes forward, no second one
    await user.click(screen.getByRole('tab', { name: 'GET List Users' }));
    await user.click(screen.getByRole('tab', { name: 'Collections' }));
    await user.click(await screen.findByRole('button', { name: 'Open in a tab' }));
    await waitFor(() => expect(screen.getByRole('tab', { name: 'GET Get user' }).getAttribute('aria-selected')).toBe('true'));
    expect(tabNames().filter((n) => n?.startsWith('GET Get user'))).toHaveLength(1);
  });

  it('sends a request opened from a collection with the collection\'s variables as they are on disk', async () => {
    const user = userEvent.setup();
    const collection = await call<Collection>(core, 'collections.create', { name: 'Paged' });
    await call(core, 'collections.update', { collectionId: collection.id, variables: { pageSize: '2', trace: 'from-collection' } });
    await call(core, 'collections.saveRequest', {
      collectionId: collection.id,
      parentId: '',
      request: { name: 'First page', method: 'GET', path: '/Users?count={{pageSize}}', headers: [{ name: 'X-Trace', value: '{{trace}}', enabled: true }], captures: [] },
    });
    renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    await user.click(screen.getByRole('tab', { name: 'Collections' }));
    await user.click(await screen.findByRole('treeitem', { name: /First page/ }));
    await user.click(await screen.findByRole('button', { name: 'Open in a tab' }));
    await screen.findByRole('tab', { name: 'GET First page' });
    const tabId = activeTab().id;

    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(useRuntime.getState().byTab[tabId]?.exchange?.response?.status).toBe(200));
    const sent = useRuntime.getState().byTab[tabId]!.exchange!;
    expect(new URL(sent.request.url).searchParams.get('count')).toBe('2');
    expect(sent.request.headers.find(([name]) => name.toLowerCase() === 'x-trace')?.[1]).toBe('from-collection');
    expect(JSON.parse(sent.response!.body.preview).itemsPerPage).toBe(2);

    // copy as curl fills them in the same way
    await user.click(screen.getByRole('button', { name: 'Copy as curl' }));
    await screen.findByText('Copied');
    const curl = await navigator.clipboard.readText();
    expect(curl).toContain('/Users?count=2');
    expect(curl).toContain('X-Trace: from-collection');
    expect(curl).not.toContain('{{');

    // changed on disk (a git pull): the next send uses the new value, without reopening the tab
    await call(core, 'collections.update', { collectionId: collection.id, variables: { pageSize: '3', trace: 'from-collection' } });
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(new URL(useRuntime.getState().byTab[tabId]!.exchange!.request.url).searchParams.get('count')).toBe('3'));
  });

  it('offers the folders of the chosen collection, and asks again when the saved file is gone', async () => {
    const user = userEvent.setup();
    const collection = await call<Collection>(core, 'collections.create', { name: 'Shared' });
    const users = await call<{ itemId: string }>(core, 'collections.createFolder', { collectionId: collection.id, parentId: '', name: 'Users' });
    await call(core, 'collections.createFolder', { collectionId: collection.id, parentId: users.itemId, name: 'Admins' });
    renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    await user.click(screen.getByRole('button', { name: 'Save to collection…' }));
    const dialog = screen.getByRole('dialog', { name: 'Save to collection' });
    const picker = within(dialog).getByRole('combobox', { name: 'Collection' }) as HTMLSelectElement;
    await waitFor(() => expect(picker.selectedOptions[0]?.textContent).toBe('Shared'));
    const folder = within(dialog).getByRole('combobox', { name: 'Folder' }) as HTMLSelectElement;
    await waitFor(() => expect([...folder.options].map((o) => o.textContent)).toEqual(['Top level', 'Users', 'Users / Admins']));
    await user.selectOptions(folder, 'Users / Admins');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    const file = join(dir.path, 'collections', 'shared', 'Users', 'Admins', 'list-users.request.json');
    await waitFor(() => expect(existsSync(file)).toBe(true));
    await screen.findByText('Saved to Shared › List Users.');

    // deleted outside the app: Save does not write a stray file, it asks where
    rmSync(file);
    await call(core, 'collections.reload', { collectionId: collection.id });
    await user.keyboard('{Control>}s{/Control}');
    const again = await screen.findByRole('dialog', { name: 'Save to collection' });
    expect(within(again).getByRole('status').textContent).toMatch(/no longer in “Shared”/);
    expect(existsSync(file)).toBe(false);
    await user.click(within(again).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    // saved again at the top level, then broken outside the app (a merge conflict): it is not written over
    await user.keyboard('{Control>}{Shift>}s{/Shift}{/Control}');
    await user.click(within(await screen.findByRole('dialog', { name: 'Save to collection' })).getByRole('button', { name: 'Save' }));
    const top = join(dir.path, 'collections', 'shared', 'list-users.request.json');
    await waitFor(() => expect(existsSync(top)).toBe(true));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const conflict = '<<<<<<< HEAD\n{}\n=======\n';
    writeFileSync(top, conflict);
    await call(core, 'collections.reload', { collectionId: collection.id });
    await user.keyboard('{Control>}s{/Control}');
    const broken = await screen.findByRole('dialog', { name: 'Save to collection' });
    expect(within(broken).getByRole('status').textContent).toMatch(/cannot be read .* so it is not written over/);
    expect(readFileSync(top, 'utf8')).toBe(conflict);
  });

  it('creates a new folder (inside the chosen one, or in a new collection) to save into', async () => {
    const user = userEvent.setup();
    const collection = await call<Collection>(core, 'collections.create', { name: 'Team' });
    await call(core, 'collections.createFolder', { collectionId: collection.id, parentId: '', name: 'Users' });
    renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    await user.click(screen.getByRole('button', { name: 'Save to collection…' }));
    const dialog = screen.getByRole('dialog', { name: 'Save to collection' });
    const folder = within(dialog).getByRole('combobox', { name: 'Folder' }) as HTMLSelectElement;
    await waitFor(() => expect([...folder.options].map((o) => o.textContent)).toEqual(['Top level', 'Users']));
    await user.selectOptions(folder, 'Users');
    await user.type(within(dialog).getByRole('textbox', { name: 'New folder (optional)' }), 'Paging{Enter}');

    await screen.findByText('Saved to Team › List Users.');
    const file = join(dir.path, 'collections', 'team', 'Users', 'Paging', 'list-users.request.json');
    expect(readRequest(file)).toMatchObject({ name: 'List Users', method: 'GET' });
    const items = Collection.parse(await call(core, 'collections.get', { collectionId: collection.id })).items;
    expect(items.filter((i) => i.kind === 'folder').map((i) => i.id)).toEqual(['Users', 'Users/Paging']);
    expect(activeTab().source?.id).toBe(`${collection.id}/Users/Paging/list-users.request.json`);

    // a new collection with a new folder in it, in one go
    await user.keyboard('{Control>}{Shift>}s{/Shift}{/Control}');
    const again = await screen.findByRole('dialog', { name: 'Save to collection' });
    const picker = within(again).getByRole('combobox', { name: 'Collection' }) as HTMLSelectElement;
    await waitFor(() => expect(picker.disabled).toBe(false));
    await user.selectOptions(picker, 'New collection…');
    await user.type(within(again).getByRole('textbox', { name: 'New collection name' }), 'Fresh');
    await user.type(within(again).getByRole('textbox', { name: 'New folder (optional)' }), 'Groups');
    await user.click(within(again).getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved to Fresh › List Users.');
    expect(existsSync(join(dir.path, 'collections', 'fresh', 'Groups', 'list-users.request.json'))).toBe(true);
  });

  it('remembers where a tab was saved across a restart', async () => {
    const user = userEvent.setup();
    const view = renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    await user.keyboard('{Control>}s{/Control}');
    const dialog = screen.getByRole('dialog', { name: 'Save to collection' });
    await user.type(within(dialog).getByRole('textbox', { name: 'New collection name' }), 'Kept{Enter}');
    await screen.findByText('Saved to Kept › List Users.');
    const workspaceFile = join(dir.path, 'workspace.json');
    await waitFor(() => expect(existsSync(workspaceFile) && Workspace.parse(JSON.parse(readFileSync(workspaceFile, 'utf8'))).tabs[0]?.source?.kind).toBe('collection'), { timeout: 5000 });
    view.unmount();
    await core.dispose();

    core = await sandboxCore(dir.path, 5);
    const { transport } = renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    expect(Workspace.parse(JSON.parse(readFileSync(workspaceFile, 'utf8'))).tabs[0]!.source?.label).toBe('Kept › List Users');
    await user.click(screen.getByRole('tab', { name: 'Headers' }));
    await user.click(screen.getByRole('button', { name: '+ Header' }));
    await user.type(screen.getByLabelText('Header 1 name'), 'X-Kept');
    await user.keyboard('{Control>}s{/Control}');
    const file = join(dir.path, 'collections', 'kept', 'list-users.request.json');
    await waitFor(() => expect(readRequest(file).headers).toEqual([{ name: 'X-Kept', value: '', enabled: true }]));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(transport.calls).not.toContain('collections.create');
  });
});
