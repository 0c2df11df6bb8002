import { useEffect } from 'react';
import type { HttpExchange } from '@shared/model/exchange';
import type { RequestSpec } from '@shared/model/request-spec';
import { RequestDraft, type RequestDraftInput } from '@shared/model/workspace';
import { isSecretHeader } from '@shared/redact/headers';
import { useDiscoveryStore } from '../../stores/discovery';
import { useEndpoints } from '../../stores/endpoints';
import { useIntegration, type ExchangeOrigin, type SavedRequestRef } from '../../stores/integration';
import { useLayout } from '../../stores/layout';
import { useRuntime } from '../../stores/runtime';
import { isDirty, useTabs } from '../../stores/tabs';
import { collectionSource, draftFromSaved, savedLabel } from './model/saved-request';

/** Headers the engine or the endpoint sets again when the request is sent. */
const SET_WHEN_SENT = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'user-agent', 'transfer-encoding']);

/** The Accept header the request engine adds to every request (a recorded copy of it is not the request's own). */
const ENGINE_ACCEPT = 'application/scim+json, application/json;q=0.9';

/**
 * A recorded request as a Raw draft: exactly what was sent, credentials left to the endpoint. With the
 * endpoint's base URL, the path is relative to it (as the composer shows paths).
 */
export function draftFromExchange(exchange: HttpExchange, name: string, baseUrl?: string): RequestDraftInput {
  const body = exchange.request.body;
  const base = baseUrl?.replace(/\/+$/, '');
  const url = exchange.request.url;
  const path = base && (url.startsWith(`${base}/`) || url.startsWith(`${base}?`)) ? url.slice(base.length) : url;
  return {
    name,
    operation: 'raw',
    method: (['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const).find((m) => m === exchange.request.method.toUpperCase()) ?? 'GET',
    path,
    headers: exchange.request.headers
      .filter(([header, value]) => !isSecretHeader(header) && !SET_WHEN_SENT.has(header.toLowerCase()) && !(header.toLowerCase() === 'accept' && value === ENGINE_ACCEPT))
      .map(([header, value]) => ({ name: header, value, enabled: true })),
    body: body && !body.truncated ? body.preview : '',
  };
}

function showWorkbench(): void {
  useLayout.setState({ activity: 'workbench', sidebarOpen: useLayout.getState().sidebarOpen });
}

/**
 * What the workbench offers other features (history, collections) through the integration store:
 * open a request in a new tab, and show a recorded exchange in a new tab's inspector.
 */
export function useWorkbenchIntegration(): void {
  useEffect(() => {
    const openRequest = (spec: RequestSpec, origin: { name: string; saved?: SavedRequestRef }) => {
      // in the operation it performs (List, Get, Patch…), read against the endpoint's resource types when known
      const registry = useDiscoveryStore.getState().byEndpoint[spec.endpointId]?.registry;
      const draft = RequestDraft.parse(draftFromSaved({ name: origin.name, method: spec.method, path: spec.path, headers: spec.headers, body: spec.body }, registry));
      const tabs = useTabs.getState();
      const source = origin.saved && collectionSource(origin.saved, savedLabel(origin.saved.collectionName, origin.name));
      const open = source && tabs.tabs.find((t) => t.source?.kind === source.kind && t.source.id === source.id);
      if (open) {
        // the tab already open from this request: its unsaved edits stay; otherwise it shows the file as it is now
        if (!isDirty(open)) tabs.reset(open.id, draft, source);
        tabs.activate(open.id);
      } else {
        tabs.open(draft, source ? { source } : {});
      }
      showWorkbench();
    };
    const openExchange = (exchange: HttpExchange, origin: ExchangeOrigin) => {
      const name = origin.name ?? `${origin.method ?? exchange.request.method} ${new URL(exchange.request.url, 'http://x').pathname}`;
      // the tab sends where the exchange went, so its response and its next answer come from one endpoint
      const endpoint = exchange.endpointId ? useEndpoints.getState().endpoints.find((e) => e.id === exchange.endpointId) : undefined;
      const id = useTabs.getState().open(draftFromExchange(exchange, name, endpoint?.baseUrl), endpoint ? { endpointId: endpoint.id } : {});
      useRuntime.getState().patch(id, (r) => ({ ...r, exchange }));
      showWorkbench();
    };
    useIntegration.getState().set({ openRequest, openExchange });
    return () => useIntegration.getState().set({ openRequest: undefined, openExchange: undefined });
  }, []);
}
