import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type AppCore } from '../../../src/main/compose';
import { ApiProvider } from '../../../src/renderer/app/api-context';
import { EndpointsSidebar } from '../../../src/renderer/features/endpoints/EndpointsSidebar';
import { createClient } from '../../../src/renderer/transport/client';
import { tempDir } from '../../support/temp-dir';
import { inProcessTransport } from '../support/in-process-transport';

describe('keychain status line when the keychain cannot be used', () => {
  const dir = tempDir();
  let core: AppCore;

  beforeAll(async () => {
    // this process has no D-Bus session: the real keychain library fails the way it does on such a machine
    delete process.env.DBUS_SESSION_BUS_ADDRESS;
    core = await compose({ host: 'web', dataDir: dir.path });
  });

  afterAll(async () => {
    await core.dispose();
    dir.cleanup();
  });

  it('says why and how to fix it, and keeps a visible warning once the user chooses session-only', async () => {
    expect(core.info().capabilities.keychain).toBe(false);
    expect(core.notices.some((n) => /keychain cannot be used/.test(n))).toBe(true);
    render(
      <ApiProvider client={createClient(inProcessTransport(core))}>
        <EndpointsSidebar />
      </ApiProvider>,
    );
    const user = userEvent.setup();
    const line = await screen.findByRole('alert', { name: 'Secret storage' });
    expect(line.textContent).toMatch(/The OS keychain cannot be used\..*DBUS_SESSION_BUS_ADDRESS is not set/);
    expect(line.textContent).toMatch(/dbus-run-session/);

    await user.click(within(line).getByRole('button', { name: 'Keep secrets for this session only' }));
    const warning = await screen.findByRole('status', { name: 'Secret storage' });
    expect(warning.textContent).toMatch(/Secrets are kept for this session only\./);
    expect((await core.router.dispatch('vault.status', {}, { origin: 'test' })).ok).toBe(true);

    const view = await core.endpoints.create({ name: 'In memory', baseUrl: 'https://mem.example/scim', auth: { kind: 'bearer' } });
    await core.endpoints.setSecret(view.id, 'token', 'memory-only-token');
    expect(await core.endpoints.secret(view.id, 'token')).toBe('memory-only-token');
    // the warning stays on
    expect(screen.getByRole('status', { name: 'Secret storage' }).textContent).toMatch(/this session only/);
  });
});
