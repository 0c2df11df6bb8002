import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compose, type AppCore } from '../../../src/main/compose';
import { ApiProvider } from '../../../src/renderer/app/api-context';
import { EndpointsSidebar } from '../../../src/renderer/features/endpoints/EndpointsSidebar';
import { useSettingsFocus } from '../../../src/renderer/features/settings/open-settings';
import { useEndpoints } from '../../../src/renderer/stores/endpoints';
import { useLayout } from '../../../src/renderer/stores/layout';
import { createClient } from '../../../src/renderer/transport/client';
import { startPrivateKeyring, type PrivateKeyring } from '../../support/private-keyring';
import { tempDir } from '../../support/temp-dir';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { inProcessTransport } from '../support/in-process-transport';

// real servers, keychain and disk behind every step: allow for a loaded machine
configure({ asyncUtilTimeout: 5000 });

const TOKEN = 'typed-bearer-3f9a61c2';
const PASSWORD = 'typed-password-8d2e47b1';
const SPC = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'], patch: { supported: true }, authenticationSchemes: [] };

/** Secrets typed into the endpoint editor and never confirmed with "Set" are stored, not dropped. */
describe('endpoint editor: typed secrets', () => {
  const dir = tempDir();
  let keyring: PrivateKeyring;
  let core: AppCore;
  let server: FixtureServer;

  beforeAll(async () => {
    keyring = await startPrivateKeyring();
    Object.assign(process.env, keyring.env);
    // answers only the right bearer token or Basic bob:PASSWORD
    server = await startFixtureServer(({ path, headers }) => {
      const ok = headers.authorization === `Bearer ${TOKEN}` || headers.authorization === `Basic ${Buffer.from(`bob:${PASSWORD}`).toString('base64')}`;
      if (!ok) return { status: 401, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'no' } };
      return path === '/ServiceProviderConfig' ? { body: SPC } : undefined;
    });
    core = await compose({ host: 'web', dataDir: dir.path, builtInEndpoints: () => [] });
  });

  afterAll(async () => {
    for (const e of (await core.endpoints.list()).endpoints) await core.endpoints.delete(e.id).catch(() => undefined);
    await core.dispose();
    await server.close();
    await keyring.stop();
    dir.cleanup();
  });

  beforeEach(() => {
    useEndpoints.setState({ endpoints: [], status: 'idle', editor: { mode: 'closed' }, vault: undefined, pickedId: undefined });
  });

  function renderSidebar() {
    return render(
      <ApiProvider client={createClient(inProcessTransport(core))}>
        <EndpointsSidebar />
      </ApiProvider>,
    );
  }

  async function newEndpoint(name: string) {
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New endpoint' }));
    const dialog = await screen.findByRole('dialog', { name: 'New endpoint' });
    await user.type(within(dialog).getByLabelText('Name'), name);
    await user.type(within(dialog).getByLabelText('Base URL'), server.baseUrl);
    return { user, dialog };
  }

  const byName = async (name: string) => (await core.endpoints.list()).endpoints.find((e) => e.name === name)!;

  it('"Save and test connection" stores a token that was typed but not set, and says where it went', async () => {
    const { container } = renderSidebar();
    const { user, dialog } = await newEndpoint('Typed token');
    await user.type(within(dialog).getByLabelText('Bearer token'), TOKEN);
    expect(within(dialog).getByText('Bearer token: typed, stored when you save')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Save and test connection' }));

    const result = await within(dialog).findByRole('region', { name: 'Connection test result' });
    expect(within(result).getByRole('heading').textContent).toBe('Connected');
    const created = await byName('Typed token');
    expect(await core.endpoints.secret(created.id, 'token')).toBe(TOKEN);
    expect(within(dialog).getByRole('status', { name: 'Saved' }).textContent).toBe('Created “Typed token” (settings in endpoints.json). Bearer token stored in the OS keychain.');
    expect((within(dialog).getByLabelText('Bearer token') as HTMLInputElement).value).toBe('');
    expect(within(dialog).getByText('Bearer token: set')).toBeTruthy();
    expect(container.innerHTML).not.toContain(TOKEN);
  });

  it('Enter in the password field saves the endpoint with the password', async () => {
    renderSidebar();
    const { user, dialog } = await newEndpoint('Enter password');
    await user.selectOptions(within(dialog).getByLabelText('Method'), 'basic');
    await user.type(within(dialog).getByLabelText('User name'), 'bob');
    await user.type(within(dialog).getByLabelText('Password'), `${PASSWORD}{Enter}`);

    expect(await screen.findByRole('dialog', { name: 'Edit endpoint Enter password' })).toBeTruthy();
    const created = await byName('Enter password');
    expect(await core.endpoints.secret(created.id, 'password')).toBe(PASSWORD);
    expect(within(dialog).getByRole('status', { name: 'Saved' }).textContent).toContain('Password stored in the OS keychain.');
    await user.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    expect(within(await within(dialog).findByRole('region', { name: 'Connection test result' })).getByRole('heading').textContent).toBe('Connected');
  });

  it('a password typed into a saved endpoint is stored by Save even when nothing else changed', async () => {
    const saved = await core.endpoints.create({ name: 'Saved basic', baseUrl: server.baseUrl, auth: { kind: 'basic', username: 'bob' } });
    renderSidebar();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Saved basic' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit endpoint Saved basic' });
    await user.type(within(dialog).getByLabelText('Password'), PASSWORD);
    expect(within(dialog).getByRole('button', { name: 'Save and test connection' })).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('status', { name: 'Saved' })).toHaveProperty('textContent', 'Password stored in the OS keychain.');
    expect(await core.endpoints.secret(saved.id, 'password')).toBe(PASSWORD);
  });

  it('a test without the secret names the real problem: authentication, not the network', async () => {
    await core.endpoints.create({ name: 'No token', baseUrl: server.baseUrl, auth: { kind: 'bearer' } });
    renderSidebar();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit No token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit endpoint No token' });
    await user.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    const result = await within(dialog).findByRole('region', { name: 'Connection test result' });
    const finding = within(result).getByRole('listitem');
    expect(finding.querySelector('.finding-area')?.textContent).toBe('auth');
    expect(finding.textContent).toMatch(/has no bearer token set: nothing was sent/);
    expect(result.textContent).not.toMatch(/network/);
  });

  it('Escape closes the dialog after a test, and asks first when a typed secret would be lost', async () => {
    await core.endpoints.create({ name: 'Escape', baseUrl: server.baseUrl, auth: { kind: 'bearer' } });
    renderSidebar();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Escape' }));
    let dialog = await screen.findByRole('dialog', { name: 'Edit endpoint Escape' });
    await user.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    await within(dialog).findByRole('region', { name: 'Connection test result' });
    // wherever focus went, Escape reaches the dialog
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Edit Escape' }));
    dialog = await screen.findByRole('dialog', { name: 'Edit endpoint Escape' });
    await user.type(within(dialog).getByLabelText('Bearer token'), TOKEN);
    await user.keyboard('{Escape}');
    const ask = within(dialog).getByRole('alertdialog', { name: 'Unsaved changes' });
    expect(ask.textContent).toContain('The bearer token you typed is not stored');
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Keep editing' }));
    // Escape again keeps editing, with what was typed
    await user.keyboard('{Escape}');
    expect(within(dialog).queryByRole('alertdialog')).toBeNull();
    expect((within(dialog).getByLabelText('Bearer token') as HTMLInputElement).value).toBe(TOKEN);
    // "Save and close" stores it
    await user.keyboard('{Escape}');
    await user.click(within(dialog).getByRole('button', { name: 'Save and close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await core.endpoints.secret((await byName('Escape')).id, 'token')).toBe(TOKEN);
  });

  it('the timeouts’ link to Settings asks first when the endpoint is not saved', async () => {
    useLayout.setState({ activity: 'workbench', sidebarOpen: true });
    renderSidebar();
    const { user, dialog } = await newEndpoint('Not saved yet');
    await user.click(within(dialog).getByRole('button', { name: 'change them in Settings' }));
    const ask = within(dialog).getByRole('alertdialog', { name: 'Unsaved changes' });
    expect(ask.textContent).toContain('The endpoint is not created yet.');
    expect(useLayout.getState().activity).toBe('workbench');
    await user.click(within(ask).getByRole('button', { name: 'Save and open Settings' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(useLayout.getState().activity).toBe('settings');
    expect(useSettingsFocus.getState().section).toBe('requests');
    expect(await byName('Not saved yet')).toBeTruthy();
  });

  it('says so when a secret is kept for this session only (the last test: it leaves the vault in memory)', async () => {
    await core.router.dispatch('vault.useSessionOnly', {}, { origin: 'component-test' });
    renderSidebar();
    const { user, dialog } = await newEndpoint('Session only');
    await user.type(within(dialog).getByLabelText('Bearer token'), `${TOKEN}{Enter}`);
    const saved = await within(dialog).findByRole('status', { name: 'Saved' });
    expect(saved.textContent).toBe('Created “Session only” (settings in endpoints.json). Bearer token stored for this session only (not in the OS keychain: set it again after a restart).');
    expect(saved.className).toContain('ep-notice-warn');
    expect(await core.endpoints.secret((await byName('Session only')).id, 'token')).toBe(TOKEN);
  });
});
