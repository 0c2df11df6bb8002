import { render } from '@testing-library/react';
import { fetch as undiciFetch, FormData as UndiciFormData, Headers as UndiciHeaders, Request as UndiciRequest, Response as UndiciResponse } from 'undici';
import { Layout } from '@shared/model/workspace';
import { compose, type AppCore } from '../../../src/main/compose';
import { ApiProvider } from '../../../src/renderer/app/api-context';
import { AppShell } from '../../../src/renderer/app/AppShell';
import { useSaveFlow } from '../../../src/renderer/features/workbench/save/save-flow';
import { useAppInfo } from '../../../src/renderer/stores/app-info';
import { useCollections } from '../../../src/renderer/stores/collections';
import { useDiscoveryStore } from '../../../src/renderer/stores/discovery';
import { useEndpoints } from '../../../src/renderer/stores/endpoints';
import { useLayout } from '../../../src/renderer/stores/layout';
import { useRuntime } from '../../../src/renderer/stores/runtime';
import { useTabs } from '../../../src/renderer/stores/tabs';
import { createClient } from '../../../src/renderer/transport/client';
import { inProcessTransport } from '../support/in-process-transport';

/** main's request engine runs in this process and needs Node's fetch, not happy-dom's (CORS) one */
export function installNodeFetch(): void {
  Object.assign(globalThis, { fetch: undiciFetch, Request: UndiciRequest, Response: UndiciResponse, Headers: UndiciHeaders, FormData: UndiciFormData });
}

/** A real core with the embedded sandbox SCIM server (the default endpoint) on a data directory. */
export async function sandboxCore(dataDir: string, users = 40): Promise<AppCore> {
  installNodeFetch();
  return compose({ host: 'web', dataDir, sandbox: { users } });
}

/** Every renderer store back to a fresh start, as after a restart of the page. */
export function resetStores(): void {
  useTabs.setState({ tabs: [], activeId: undefined, hydrated: false });
  useRuntime.setState({ byTab: {} });
  useLayout.getState().hydrate(Layout.parse({}));
  useDiscoveryStore.getState().forget();
  useAppInfo.setState({ state: { status: 'idle' } });
  useEndpoints.setState({ endpoints: [], defaultId: undefined, pickedId: undefined, status: 'idle', error: undefined });
  useCollections.setState({ summaries: [], activeId: undefined, collection: undefined, expanded: new Set(), selectedItem: undefined, warnings: [], error: undefined });
  useSaveFlow.setState({ asking: undefined, busy: false, notice: undefined });
}

/** The whole app shell against the core, as the browser would show it; `hold` delays one command until released. */
export function renderApp(core: AppCore, hold?: { command: string; until: Promise<void> }) {
  resetStores();
  const inner = inProcessTransport(core);
  const transport = hold
    ? {
        ...inner,
        async call(command: string, payload: unknown) {
          if (command === hold.command) await hold.until;
          return inner.call(command, payload);
        },
      }
    : inner;
  const view = render(
    <ApiProvider client={createClient(transport)}>
      <AppShell />
    </ApiProvider>,
  );
  return { ...view, transport };
}
