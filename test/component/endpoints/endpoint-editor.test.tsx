import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compose, type AppCore } from '../../../src/main/compose';
import { ApiProvider } from '../../../src/renderer/app/api-context';
import { EndpointsSidebar } from '../../../src/renderer/features/endpoints/EndpointsSidebar';
import { useEndpoints } from '../../../src/renderer/stores/endpoints';
import { createClient } from '../../../src/renderer/transport/client';
import { startPrivateKeyring, type PrivateKeyring } from '../../support/private-keyring';
import { tempDir } from '../../support/temp-dir';
import { inProcessTransport } from '../support/in-process-transport';

const STORED = 'stored-token-value-4c1d9e';
const TYPED = 'typed-token-value-77ab02';

describe('endpoint editor: secret fields are write-only', () => {
  const dir = tempDir();
  let keyring: PrivateKeyring;
  let core: AppCore;
  let endpointId: string;

  beforeAll(async () => {
    // a real Secret Service of its own (the component project has no global keyring)
    keyring = await startPrivateKeyring();
    Object.assign(process.env, keyring.env);
    core = await compose({ host: 'web', dataDir: dir.path, builtInEndpoints: () => [{ id: 'sandbox', name: 'Sandbox', baseUrl: 'http://127.0.0.1:9/scim/v2', token: 'sandbox-memory-token' }] });
    const view = await core.endpoints.create({ name: 'Acme', baseUrl: 'https://acme.example/scim/v2', auth: { kind: 'bearer' } });
    endpointId = view.id;
    await core.endpoints.setSecret(endpointId, 'token', STORED);
  });

  afterAll(async () => {
    await core.endpoints.delete(endpointId).catch(() => undefined);
    await core.dispose();
    await keyring.stop();
    dir.cleanup();
  });

  beforeEach(() => {
    useEndpoints.setState({ endpoints: [], status: 'idle', editor: { mode: 'closed' }, vault: undefined, pickedId: undefined });
  });

  function renderSidebar() {
    const transport = inProcessTransport(core);
    const view = render(
      <ApiProvider client={createClient(transport)}>
        <EndpointsSidebar />
      </ApiProvider>,
    );
    return { ...view, transport };
  }

  it('shows that a token is set, never its value, and forgets a replacement as soon as it is saved', async () => {
    const { container, transport } = renderSidebar();
    const user = userEvent.setup();
    expect(await screen.findByRole('status', { name: 'Secret storage' })).toHaveProperty('textContent', 'Secrets are kept in the OS keychain.');
    await user.click(await screen.findByRole('button', { name: 'Edit Acme' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit endpoint Acme' });
    const input = within(dialog).getByLabelText('Bearer token') as HTMLInputElement;
    expect(input.type).toBe('password');
    expect(input.value).toBe('');
    expect(within(dialog).getByText('Bearer token: set')).toBeTruthy();
    expect(container.innerHTML).not.toContain(STORED);

    await user.type(input, TYPED);
    await user.click(within(dialog).getByRole('button', { name: 'Replace bearer token' }));
    await waitFor(() => expect(input.value).toBe(''));
    expect(await core.endpoints.secret(endpointId, 'token')).toBe(TYPED);
    expect(transport.calls).toContain('endpoints.setSecret');
    expect(container.innerHTML).not.toContain(TYPED);
    expect(container.innerHTML).not.toContain(STORED);

    await user.click(within(dialog).getByRole('button', { name: 'Clear bearer token' }));
    expect(await within(dialog).findByText('Bearer token: not set')).toBeTruthy();
    expect(await core.endpoints.secret(endpointId, 'token')).toBeUndefined();
    // the list warns about it
    expect(await screen.findByText('no bearer token')).toBeTruthy();
    await core.endpoints.setSecret(endpointId, 'token', STORED);
  });

  it('creates an endpoint with its secret, holding the typed value only until Save', async () => {
    const { container } = renderSidebar();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New endpoint' }));
    const dialog = await screen.findByRole('dialog', { name: 'New endpoint' });
    await user.type(within(dialog).getByLabelText('Name'), 'Globex');
    await user.type(within(dialog).getByLabelText('Base URL'), 'https://globex.example/scim');
    await user.type(within(dialog).getByLabelText('Bearer token'), TYPED);
    await user.click(within(dialog).getByRole('button', { name: 'Set bearer token' }));
    expect(within(dialog).getByText('Bearer token: will be saved with the endpoint')).toBeTruthy();
    expect((within(dialog).getByLabelText('Bearer token') as HTMLInputElement).value).toBe('');
    expect(container.innerHTML).not.toContain(TYPED);

    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('dialog', { name: 'Edit endpoint Globex' })).toBeTruthy();
    const created = (await core.endpoints.list()).endpoints.find((e) => e.name === 'Globex')!;
    expect(created.secrets).toEqual([{ field: 'token', label: 'Bearer token', set: true }]);
    expect(await core.endpoints.secret(created.id, 'token')).toBe(TYPED);
    // the new endpoint is selected for the workbench
    expect(useEndpoints.getState().pickedId).toBe(created.id);
    expect(screen.getByRole('radio', { name: 'Globex' })).toHaveProperty('checked', true);
    await core.endpoints.delete(created.id);
  });

  it('shows the fields each auth method needs, and what is wrong with bad input without losing it', async () => {
    renderSidebar();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New endpoint' }));
    const dialog = await screen.findByRole('dialog', { name: 'New endpoint' });
    await user.selectOptions(within(dialog).getByLabelText('Method'), 'oauth2-client-credentials');
    expect(within(dialog).getByLabelText('Token URL')).toBeTruthy();
    expect(within(dialog).getByLabelText('Client secret')).toBeTruthy();
    expect(within(dialog).queryByLabelText('Bearer token')).toBeNull();
    await user.selectOptions(within(dialog).getByLabelText('Client certificate'), 'pfx');
    expect(within(dialog).getByText('Client certificate passphrase: not set (optional)')).toBeTruthy();
    await user.click(within(dialog).getByLabelText("Verify the server's certificate"));
    expect(within(dialog).getByText(/Verification is off/)).toBeTruthy();

    await user.type(within(dialog).getByLabelText('Name'), 'Bad');
    await user.type(within(dialog).getByLabelText('Base URL'), 'scim.example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toMatch(/Base URL must be an absolute http/);
    expect((within(dialog).getByLabelText('Name') as HTMLInputElement).value).toBe('Bad');
  });

  it('lists the built-in endpoint first, lets the user switch, and offers no edit or delete for it', async () => {
    renderSidebar();
    const user = userEvent.setup();
    const group = await screen.findByRole('radiogroup', { name: 'Send requests to' });
    await within(group).findByRole('radio', { name: 'Acme' });
    const sandbox = within(group).getByRole('radio', { name: 'Sandbox' });
    expect(within(group).getAllByRole('radio')[0]).toBe(sandbox);
    expect(sandbox).toHaveProperty('checked', true);
    expect(screen.queryByRole('button', { name: 'Delete Sandbox' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit Sandbox' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Duplicate Sandbox' })).toBeTruthy();
    await user.click(within(group).getByRole('radio', { name: 'Acme' }));
    expect(useEndpoints.getState().pickedId).toBe(endpointId);
    expect(sandbox).toHaveProperty('checked', false);
    await user.click(screen.getByRole('button', { name: 'Delete Acme' }));
    expect(screen.getByRole('alertdialog', { name: 'Delete Acme?' })).toBeTruthy();
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Keep' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
