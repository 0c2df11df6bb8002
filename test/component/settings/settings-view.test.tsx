import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type AppCore } from '../../../src/main/compose';
import { ApiProvider } from '../../../src/renderer/app/api-context';
import { SettingsView } from '../../../src/renderer/features/settings/SettingsView';
import { useAppInfo } from '../../../src/renderer/stores/app-info';
import { createClient } from '../../../src/renderer/transport/client';
import { tempDir } from '../../support/temp-dir';
import { inProcessTransport } from '../support/in-process-transport';

// real servers, keychain and disk behind every step: allow for a loaded machine
configure({ asyncUtilTimeout: 5000 });

describe('the Settings view', () => {
  const dir = tempDir();
  let core: AppCore;
  beforeAll(async () => {
    core = await compose({ host: 'web', dataDir: dir.path, sandbox: false } as Parameters<typeof compose>[0]);
  });
  afterAll(async () => {
    await core.dispose();
    dir.cleanup();
  });

  function renderView() {
    useAppInfo.setState({ state: { status: 'idle' } });
    render(
      <ApiProvider client={createClient(inProcessTransport(core))}>
        <SettingsView />
      </ApiProvider>,
    );
  }

  it('shows every app setting with its current value and unit', async () => {
    renderView();
    const form = await screen.findByRole('form', { name: 'App settings' });
    const requests = within(form).getByRole('region', { name: 'Requests' });
    expect((within(requests).getByLabelText('Connect timeout') as HTMLInputElement).value).toBe('10000');
    expect((within(requests).getByLabelText('Response headers timeout') as HTMLInputElement).value).toBe('30000');
    expect((within(requests).getByLabelText('Whole body timeout') as HTMLInputElement).value).toBe('300000');
    expect((within(requests).getByLabelText('Body preview') as HTMLInputElement).value).toBe('256');
    expect((within(requests).getByLabelText('Body size cap') as HTMLInputElement).value).toBe('100');
    const history = within(form).getByRole('region', { name: 'History' });
    expect((within(history).getByLabelText('Record requests in History') as HTMLInputElement).checked).toBe(true);
    expect((within(history).getByLabelText('Keep at most') as HTMLInputElement).value).toBe('50000');
    expect((within(history).getByLabelText('Keep entries for') as HTMLInputElement).value).toBe('90');
    expect((within(history).getByLabelText('History size limit') as HTMLInputElement).value).toBe('1024');
    expect((within(history).getByLabelText('Keep bodies in the database up to') as HTMLInputElement).value).toBe('256');
    expect((within(form).getByLabelText('Theme') as HTMLSelectElement).value).toBe('system');
    // the installation facts stay on this page
    expect(await screen.findByTestId('app-version')).toBeTruthy();
  });

  it('says what is wrong before saving, and saves only valid values through settings.update', async () => {
    renderView();
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'App settings' });
    const connect = within(form).getByLabelText('Connect timeout') as HTMLInputElement;
    await user.clear(connect);
    await user.type(connect, 'soon');
    expect(within(form).getByText('“soon” is not a number.')).toBeTruthy();
    expect(connect.getAttribute('aria-invalid')).toBe('true');
    const preview = within(form).getByLabelText('Body preview') as HTMLInputElement;
    const cap = within(form).getByLabelText('Body size cap') as HTMLInputElement;
    await user.clear(cap);
    await user.type(cap, '1');
    await user.clear(preview);
    await user.type(preview, '2048');
    expect(within(form).getByText('The preview cannot be larger than the body size cap.')).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    expect(within(form).getByRole('status').textContent).toBe('2 settings need fixing before they can be saved.');
    expect(core.settings.get().http.connectTimeoutMs).toBe(10_000);

    await user.clear(connect);
    await user.type(connect, '2500');
    await user.clear(preview);
    await user.type(preview, '512');
    await user.clear(cap);
    await user.type(cap, '100');
    await user.click(within(form).getByLabelText('Record requests in History'));
    await user.selectOptions(within(form).getByLabelText('Theme'), 'dark');
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(within(form).getByRole('status').textContent).toMatch(/^Saved 4 settings to settings\.json/));
    expect(core.settings.get()).toMatchObject({ http: { connectTimeoutMs: 2500, previewBytes: 512 * 1024 }, history: { enabled: false }, ui: { theme: 'dark' } });
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(within(form).getByRole('button', { name: 'Save settings' })).toHaveProperty('disabled', true);

    // Restore defaults fills in the defaults; Save writes them
    await user.click(within(form).getByRole('button', { name: 'Restore defaults' }));
    expect(connect.value).toBe('10000');
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(core.settings.get().http.connectTimeoutMs).toBe(10_000));
    expect(core.settings.get().history.enabled).toBe(true);
    expect(document.documentElement.dataset.theme).toBe('light');
  });
});
