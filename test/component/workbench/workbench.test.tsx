import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RequestDraft, Workspace } from '@shared/model/workspace';
import { starterDraft } from '../../../src/renderer/features/workbench/model/titles';
import type { AppCore } from '../../../src/main/compose';
import { useIntegration } from '../../../src/renderer/stores/integration';
import { useTabs } from '../../../src/renderer/stores/tabs';
import type { HttpExchange } from '@shared/model/exchange';
import { tempDir } from '../../support/temp-dir';
import { renderApp, sandboxCore } from './support';

const run = promisify(execFile);

describe('the workbench against the embedded sandbox', () => {
  const dir = tempDir();
  let core: AppCore;
  beforeAll(async () => {
    core = await sandboxCore(dir.path);
  });
  afterAll(async () => {
    await core.dispose();
    dir.cleanup();
  });
  afterEach(() => {
    useTabs.setState({ tabs: [], activeId: undefined, hydrated: false });
  });
  // each test starts from one List Users tab, as a first run does
  beforeEach(async () => {
    const draft = RequestDraft.parse(starterDraft());
    await core.router.dispatch('workspace.save', { workspace: { version: 1, tabs: [{ id: `start-${Date.now()}`, draft, baseline: draft }] } }, { origin: 'test' });
  });

  const tabList = () => screen.getByRole('tablist', { name: 'Open requests' });
  const tabNames = () => within(tabList()).getAllByRole('tab').map((t) => t.getAttribute('aria-label'));

  it('opens with List Users and shows the users in the inspector table when sent', async () => {
    const user = userEvent.setup();
    const { transport } = renderApp(core);
    expect(await screen.findByRole('tab', { name: 'GET List Users' })).toBeTruthy();
    // the base URL is the sandbox's: it is the default endpoint
    expect(await screen.findByText(core.sandbox!.baseUrl.replace(/\/+$/, ''))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const table = await screen.findByRole('table', { name: 'User' }, { timeout: 15_000 });
    expect(within(table).getAllByRole('row').length).toBeGreaterThan(1);
    expect(transport.calls).toContain('http.send');
  });

  it('does not send a request whose filter does not parse, and says where the error is', async () => {
    const user = userEvent.setup();
    const { transport, container } = renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    await user.type(screen.getByRole('textbox', { name: 'Filter text' }), 'userName eq "x" adn title pr');
    expect(container.querySelector('mark.squiggle-error')?.getAttribute('data-start')).toBe('16');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const alerts = (await screen.findAllByRole('alert')).map((a) => a.textContent);
    expect(alerts.some((a) => /^Not sent: Nothing was sent\. The filter has an error at column 17/.test(a ?? ''))).toBe(true);
    expect(transport.calls).not.toContain('http.send');
  });

  it('opens, duplicates, renames, reorders and closes tabs, asking before it drops unsaved changes', async () => {
    const user = userEvent.setup();
    renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    await user.click(screen.getByRole('button', { name: 'New request' }));
    expect(tabNames()).toEqual(['GET List Users', 'GET List Users']);

    // an edit marks the tab unsaved
    await user.click(screen.getByRole('radio', { name: 'Get' }));
    await user.type(screen.getByLabelText('Resource id'), 'abc');
    expect(tabNames()).toEqual(['GET List Users', 'GET Get User abc, unsaved changes']);

    await user.click(screen.getByRole('button', { name: 'Duplicate request' }));
    expect(tabNames()).toEqual(['GET List Users', 'GET Get User abc, unsaved changes', 'GET Get User abc']);

    // rename with F2, reorder with Alt+Shift+Left
    const copy = screen.getByRole('tab', { name: 'GET Get User abc' });
    copy.focus();
    await user.keyboard('{F2}');
    const name = screen.getByRole('textbox', { name: 'Request name' });
    await user.clear(name);
    await user.type(name, 'Alice{Enter}');
    screen.getByRole('tab', { name: /^GET Alice/ }).focus();
    await user.keyboard('{Alt>}{Shift>}{ArrowLeft}{ArrowLeft}{/Shift}{/Alt}');
    expect(tabNames()).toEqual(['GET Alice, unsaved changes', 'GET List Users', 'GET Get User abc, unsaved changes']);

    // arrow keys move between tabs; Delete closes; a tab with changes asks first
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'GET Get User abc, unsaved changes' }).getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Delete}');
    const dialog = screen.getByRole('alertdialog', { name: 'Close “Get User abc”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep it open' }));
    expect(tabNames()).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'Close Get User abc' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Close and discard' }));
    expect(tabNames()).toEqual(['GET Alice, unsaved changes', 'GET List Users']);
    // a tab without changes closes at once
    await user.click(screen.getByRole('button', { name: 'Close List Users' }));
    expect(tabNames()).toEqual(['GET Alice, unsaved changes']);
  });

  it('fills If-Match from the last ETag in one click and opens a listed resource in a new tab', async () => {
    const user = userEvent.setup();
    renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const table = await screen.findByRole('table', { name: 'User' }, { timeout: 15_000 });
    const firstRow = within(table).getAllByRole('row')[1]!;
    await user.click(firstRow);
    const opened = await screen.findByRole('tab', { name: /^GET Get User / });
    expect(opened.getAttribute('aria-selected')).toBe('true');
    const id = (screen.getByLabelText('Resource id') as HTMLInputElement).value;
    expect(firstRow.getAttribute('title')).toContain(id);

    await user.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('tab', { name: /SCIM checks/ }, { timeout: 15_000 });
    const etag = (await core.router.dispatch('http.send', { requestId: 'etag-probe', spec: { endpointId: 'sandbox', method: 'GET', path: `/Users/${id}` } }, { origin: 'test' })) as {
      ok: true;
      value: { response: { headers: [string, string][] } };
    };
    const expected = etag.value.response.headers.find(([n]) => n.toLowerCase() === 'etag')![1];

    await user.click(screen.getByRole('radio', { name: 'Patch' }));
    await user.click(screen.getByRole('tab', { name: 'Headers' }));
    await user.click(screen.getByRole('button', { name: `If-Match: last ETag (${expected})` }));
    expect((screen.getByLabelText('Header 1 name') as HTMLInputElement).value).toBe('If-Match');
    expect((screen.getByRole('textbox', { name: 'Header 1 value' }) as HTMLInputElement).value).toBe(expected);
  });

  it('copies a curl command that names $SCIM_TOKEN, never the token, and works in a shell with it set', async () => {
    const user = userEvent.setup();
    renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    await user.type(screen.getByRole('textbox', { name: 'Filter text' }), 'userName sw "a"');
    await user.click(screen.getByRole('button', { name: 'Copy as curl' }));
    await screen.findByText('Copied');
    const curl = await navigator.clipboard.readText();
    const token = core.sandbox!.token;
    expect(curl).not.toContain(token);
    expect(curl).toContain('"Authorization: Bearer $SCIM_TOKEN"');
    expect(curl).toContain('filter=userName%20sw%20%22a%22');
    const { stdout } = await run('bash', ['-c', curl.replace(/ \\\n/g, ' ') + ' --silent --show-error'], { env: { ...process.env, SCIM_TOKEN: token } });
    const body = JSON.parse(stdout) as { Resources: { userName: string }[] };
    expect(body.Resources.length).toBeGreaterThan(0);
    expect(body.Resources.every((r) => r.userName.toLowerCase().startsWith('a'))).toBe(true);
  });

  it('keeps the view the user switched to before the saved workspace arrived', async () => {
    const user = userEvent.setup();
    const draft = RequestDraft.parse(starterDraft());
    await core.router.dispatch('workspace.save', { workspace: { version: 1, tabs: [{ id: 'h', draft }], layout: { activity: 'history' } } }, { origin: 'test' });
    let release!: () => void;
    renderApp(core, { command: 'workspace.get', until: new Promise<void>((r) => (release = r)) });
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    act(() => release());
    await waitFor(() => expect(useTabs.getState().hydrated).toBe(true));
    await screen.findByTestId('app-version');
    expect(screen.getByRole('button', { name: 'Settings' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('false');
  });

  it('cancels a request in flight with the Cancel button', async () => {
    const user = userEvent.setup();
    await core.router.dispatch('sandbox.configure', { faults: { latencyMs: 20_000 } }, { origin: 'test' });
    try {
      renderApp(core);
      await screen.findByRole('tab', { name: 'GET List Users' });
      await user.click(screen.getByRole('button', { name: 'Send' }));
      expect(await screen.findByText(/Waiting for the answer/)).toBeTruthy();
      await user.click(screen.getByRole('button', { name: 'Cancel' }));
      await screen.findByRole('button', { name: 'Send' }, { timeout: 10_000 });
      const said = screen.getAllByRole('alert').map((a) => a.textContent ?? '');
      expect(said.some((text) => /cancel/i.test(text))).toBe(true);
    } finally {
      await core.router.dispatch('sandbox.configure', { faults: { latencyMs: 0 } }, { origin: 'test' });
    }
  });

  it('opens a request and a recorded exchange from other features (history, collections) in new tabs', async () => {
    renderApp(core);
    await screen.findByRole('tab', { name: 'GET List Users' });
    const { openRequest, openExchange } = useIntegration.getState();
    expect(openRequest && openExchange).toBeTruthy();
    act(() => openRequest!({ endpointId: 'sandbox', method: 'GET', path: '/Groups?count=2', headers: [{ name: 'X-Trace', value: '1', enabled: true }], variables: {} }, { name: 'Saved groups' }));
    expect(screen.getByRole('tab', { name: 'GET Saved groups' }).getAttribute('aria-selected')).toBe('true');
    // a saved request opens in the operation it performs: List Groups, count 2 in the query panel
    expect(screen.getByRole('radiogroup', { name: 'Operation' }).querySelector('[aria-checked="true"]')?.textContent).toBe('List');
    expect((screen.getByRole('textbox', { name: 'Path' }) as HTMLInputElement).value).toBe('/Groups');
    expect((screen.getByRole('spinbutton', { name: 'count' }) as HTMLInputElement).value).toBe('2');

    const sent = await core.router.dispatch('http.send', { requestId: 'recorded', spec: { endpointId: 'sandbox', method: 'GET', path: '/Users?count=3', headers: [{ name: 'Authorization', value: 'Bearer typed', enabled: true }] } }, { origin: 'test' });
    const exchange = (sent as { ok: true; value: HttpExchange }).value;
    act(() => openExchange!(exchange, { method: 'GET', url: exchange.request.url } as never));
    const tab = screen.getByRole('tab', { name: 'GET GET /scim/v2/Users' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    // the recorded response is in the inspector at once; the credential was not copied into the tab
    const table = await screen.findByRole('table', { name: 'User' }, { timeout: 15_000 });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    const opened = useTabs.getState().tabs.find((t) => t.id === useTabs.getState().activeId)!;
    const draft = opened.draft;
    // relative to the endpoint it went to, which the tab keeps sending to
    expect(draft.path).toBe('/Users?count=3');
    expect(exchange.request.url.endsWith('/scim/v2/Users?count=3')).toBe(true);
    expect(opened.endpointId).toBe('sandbox');
    expect(draft.headers.map((h) => h.name.toLowerCase())).not.toContain('authorization');
  });
});

describe('the workspace across a restart', () => {
  it('brings back the open tabs, their drafts and the active one, and keeps no secret in the file', async () => {
    const dir = tempDir();
    try {
      const user = userEvent.setup();
      const first = await sandboxCore(dir.path, 5);
      const view = renderApp(first);
      await screen.findByRole('tab', { name: 'GET List Users' });
      await user.type(screen.getByRole('textbox', { name: 'Filter text' }), 'title pr');
      await user.click(screen.getByRole('button', { name: 'New request' }));
      await user.click(screen.getByRole('radio', { name: 'Delete' }));
      await user.type(screen.getByLabelText('Resource id'), 'gone');
      await user.click(screen.getByRole('tab', { name: 'Headers' }));
      await user.click(screen.getByRole('button', { name: '+ Header' }));
      await user.type(screen.getByLabelText('Header 1 name'), 'Authorization');
      await user.type(screen.getByRole('textbox', { name: 'Header 1 value' }), `Bearer ${first.sandbox!.token}`);
      const file = join(dir.path, 'workspace.json');
      await waitFor(() => expect(existsSync(file) && readFileSync(file, 'utf8')).toContain('"gone"'), { timeout: 5000 });
      view.unmount();
      await first.dispose();

      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(first.sandbox!.token);
      const saved = Workspace.parse(JSON.parse(text));
      expect(saved.tabs.map((t) => t.draft.operation)).toEqual(['list', 'delete']);
      expect(saved.tabs[1]!.draft.headers).toEqual([{ name: 'Authorization', value: '', enabled: true }]);

      const second = await sandboxCore(dir.path, 5);
      try {
        renderApp(second);
        const restored = await screen.findByRole('tab', { name: 'DELETE Delete User gone, unsaved changes' });
        expect(restored.getAttribute('aria-selected')).toBe('true');
        expect(screen.getAllByRole('tab', { name: /List Users/ })).toHaveLength(1);
        await userEvent.setup().click(screen.getByRole('tab', { name: 'GET List Users, unsaved changes' }));
        expect((screen.getByRole('textbox', { name: 'Filter text' }) as HTMLTextAreaElement).value).toBe('title pr');
      } finally {
        await second.dispose();
      }
    } finally {
      dir.cleanup();
    }
  });
});
