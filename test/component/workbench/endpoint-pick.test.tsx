import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointView } from '@shared/model/endpoint';
import { RequestDraft, Workspace } from '@shared/model/workspace';
import type { AppCore } from '../../../src/main/compose';
import { starterDraft } from '../../../src/renderer/features/workbench/model/titles';
import { useTabs } from '../../../src/renderer/stores/tabs';
import { tempDir } from '../../support/temp-dir';
import { renderApp, sandboxCore } from './support';


async function call<T>(core: AppCore, command: string, payload: unknown): Promise<T> {
  const answer = await core.router.dispatch(command, payload, { origin: 'test' });
  if (!answer.ok) throw new Error(`${command}: ${answer.error.message}`);
  return answer.value as T;
}

const savedWorkspace = (dir: string) => {
  const file = join(dir, 'workspace.json');
  return existsSync(file) ? Workspace.parse(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
};
const radio = (name: string) => screen.getByRole('radio', { name }) as HTMLInputElement;

describe('the endpoint picked in the switcher', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: AppCore;
  let other: EndpointView;
  beforeEach(async () => {
    dir = tempDir();
    core = await sandboxCore(dir.path, 5);
    other = await call<EndpointView>(core, 'endpoints.create', { endpoint: { name: 'Staging', baseUrl: 'https://staging.example.test/scim/v2' } });
    const draft = RequestDraft.parse(starterDraft());
    await call(core, 'workspace.save', { workspace: { version: 1, tabs: [{ id: 'start', draft, baseline: draft }] } });
    localStorage.clear();
  });
  afterEach(async () => {
    useTabs.setState({ tabs: [], activeId: undefined, hydrated: false });
    await core.dispose();
    dir.cleanup();
  });

  it('is kept in the workspace, not in the page’s storage, and is picked again after a restart', async () => {
    const user = userEvent.setup();
    const first = renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    await waitFor(() => expect(radio('Sandbox').checked).toBe(true));
    await user.click(radio('Staging'));
    await waitFor(() => expect(savedWorkspace(dir.path)?.endpointId).toBe(other.id), { timeout: 5000 });
    // the workbench sends there now
    expect(screen.getByText('https://staging.example.test/scim/v2')).toBeTruthy();
    expect(localStorage.length).toBe(0);
    first.unmount();
    await core.dispose();

    // a restart: a new core on the same data directory, the renderer's stores empty (a new origin)
    core = await sandboxCore(dir.path, 5);
    renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    await waitFor(() => expect(radio('Staging').checked).toBe(true));
    expect(radio('Sandbox').checked).toBe(false);
    expect(await screen.findByText('https://staging.example.test/scim/v2')).toBeTruthy();
  });

  it('falls back to the default endpoint when the picked one no longer exists', async () => {
    const draft = RequestDraft.parse(starterDraft());
    await call(core, 'workspace.save', { workspace: { version: 1, tabs: [{ id: 'start', draft, baseline: draft }], endpointId: 'deleted-meanwhile' } });
    renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    await waitFor(() => expect(radio('Sandbox').checked).toBe(true));
    expect(radio('Staging').checked).toBe(false);
    expect(await screen.findByText(core.sandbox!.baseUrl.replace(/\/+$/, ''))).toBeTruthy();
  });
});
