import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type AppCore } from '../../../src/main/compose';
import { ApiProvider } from '../../../src/renderer/app/api-context';
import { AppShell } from '../../../src/renderer/app/AppShell';
import { createClient } from '../../../src/renderer/transport/client';
import { useAppInfo } from '../../../src/renderer/stores/app-info';
import { useLayout } from '../../../src/renderer/stores/layout';
import { tempDir } from '../../support/temp-dir';
import { inProcessTransport } from '../support/in-process-transport';

describe('the app shell', () => {
  const dir = tempDir();
  let core: AppCore;
  beforeAll(async () => {
    core = await compose({ host: 'web', dataDir: dir.path, sandbox: false } as Parameters<typeof compose>[0]);
  });
  afterAll(async () => {
    await core.dispose();
    dir.cleanup();
  });

  function renderShell() {
    useAppInfo.setState({ state: { status: 'idle' } });
    const transport = inProcessTransport(core);
    render(
      <ApiProvider client={createClient(transport)}>
        <AppShell />
      </ApiProvider>,
    );
    return transport;
  }

  it('calls app.info and shows the host and version in the status bar', async () => {
    const transport = renderShell();
    const status = await screen.findByRole('contentinfo', { name: 'Status bar' });
    expect(await within(status).findByText('Web')).toBeTruthy();
    expect(within(status).getByText(`v${core.info().version}`)).toBeTruthy();
    expect(transport.calls).toContain('app.info');
    // the installation overview lives under Settings (the Requests view is the workbench)
    await userEvent.setup().click(screen.getByRole('button', { name: 'Settings' }));
    expect((await screen.findByTestId('app-version')).textContent).toBe(core.info().version);
  });

  it('switches views from the activity bar and with Alt+number', async () => {
    renderShell();
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'History' }));
    expect(screen.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('complementary', { name: 'History sidebar' })).toBeTruthy();
    await user.keyboard('{Alt>}2{/Alt}');
    expect(screen.getByRole('tab', { name: 'Discovery' }).getAttribute('aria-selected')).toBe('true');
  });

  it('a view’s shortcut never hides its sidebar; a click on the open view does, and its tooltip says so', async () => {
    useLayout.setState({ activity: 'workbench', sidebarOpen: true });
    renderShell();
    const user = userEvent.setup();
    await user.keyboard('{Alt>}2{/Alt}');
    await user.keyboard('{Alt>}2{/Alt}');
    expect(screen.getByRole('complementary', { name: 'Discovery sidebar' })).toBeTruthy();
    const discovery = screen.getByRole('tab', { name: 'Discovery' });
    expect(discovery.getAttribute('title')).toBe('Discovery (Alt+2) is open. Click to hide its sidebar (Ctrl+B)');
    expect(screen.getByRole('tab', { name: 'History' }).getAttribute('title')).toBe('History (Alt+3)');
    await user.click(discovery);
    expect(screen.queryByRole('complementary', { name: 'Discovery sidebar' })).toBeNull();
    expect(discovery.getAttribute('title')).toBe('Discovery (Alt+2) is open. Click to show its sidebar (Ctrl+B)');
    await user.keyboard('{Alt>}2{/Alt}');
    expect(screen.getByRole('complementary', { name: 'Discovery sidebar' })).toBeTruthy();
  });

  it('shows what went wrong when the core does not answer', async () => {
    useAppInfo.setState({ state: { status: 'idle' } });
    // the previous test left the Discovery view open; the overview (with "Try again") is on Requests
    useLayout.setState({ activity: 'workbench', sidebarOpen: true });
    const broken = createClient({
      kind: 'http',
      call: async () => ({ ok: false, error: { kind: 'network', message: 'The app’s local bridge did not answer' } }),
      subscribe: () => () => {},
    });
    render(
      <ApiProvider client={broken}>
        <AppShell />
      </ApiProvider>,
    );
    expect((await screen.findAllByRole('alert')).map((a) => a.textContent).join()).toMatch(/did not answer/);
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
