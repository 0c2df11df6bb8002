import { useCallback, useEffect, useMemo } from 'react';
import type { JsonObject } from '@shared/scim';
import { useApi } from '../../app/api-context';
import type { RequestDraft, WorkspaceTab } from '@shared/model/workspace';
import { SplitPane } from '../../app/SplitPane';
import { SHARE_MAX, SHARE_MIN, useLayout } from '../../stores/layout';
import { useRuntime, type TabRuntime } from '../../stores/runtime';
import { useTabs } from '../../stores/tabs';
import { ComposerContext, type ComposerContextValue, type Section } from './composer/composer-context';
import { Composer } from './composer/Composer';
import { defaultSection } from './composer/sections';
import type { EndpointSchema } from './connection/endpoint-schema';
import type { EndpointView } from '@shared/model/endpoint';
import { resourcesIn } from './model/last-response';
import { resourceTypeFor } from './model/presets';
import type { OpenResourceTarget } from '../inspector/ResponseInspector';
import type { RequestSpec } from '@shared/model/request-spec';
import { applyPaging } from './model/paging';
import { openResourceTab } from './open-resource';
import type { ResourceAction, ResourceTarget } from '../inspector/actions/resource-actions';
import { actionDraft } from './model/resource-actions';
import { responseJson } from './model/last-response';
import { newTabId } from '../../stores/tabs';
import { ConfirmSend } from './ConfirmSend';
import { ResponseArea } from './ResponseArea';
import { useSend } from './use-send';
import { useCollectionVariables } from './use-collection-variables';
import { collectionRef } from './model/saved-request';

const EMPTY: TabRuntime = {};

interface RequestViewProps {
  tab: WorkspaceTab;
  endpoint: EndpointView | undefined;
  schema: EndpointSchema;
}

/** One tab: the composer and, beside or below it, the response. */
export function RequestView({ tab, endpoint, schema }: RequestViewProps) {
  const runtime = useRuntime((s) => s.byTab[tab.id] ?? EMPTY);
  const split = useLayout((s) => s.split);
  const share = useLayout((s) => s.composerShare);
  const setShare = useLayout((s) => s.setComposerShare);
  const resourceType = resourceTypeFor(schema.registry, tab.draft.resourceType);
  const { send, cancel } = useSend(tab.id, { endpointId: endpoint?.id, registry: schema.registry, resourceType });
  const update = useCallback((change: (draft: RequestDraft) => RequestDraft) => useTabs.getState().updateDraft(tab.id, change), [tab.id]);
  const setSection = useCallback((section: Section) => useRuntime.getState().patch(tab.id, (r) => ({ ...r, section })), [tab.id]);

  // Replace starts from the resource the last response returned
  const lastResource = useMemo(() => {
    const refs = resourcesIn(runtime.exchange, schema.registry);
    return refs.length === 1 ? refs[0]!.resource : undefined;
  }, [runtime.exchange, schema.registry]);

  const collectionVariables = useCollectionVariables(collectionRef(tab.source)?.collectionId);

  const value: ComposerContextValue = {
    tabId: tab.id,
    draft: tab.draft,
    update,
    endpoint,
    collectionVariables,
    schema,
    resourceType,
    preset: { registry: schema.registry, lastResource },
    runtime,
    section: (runtime.section as Section | undefined) ?? defaultSection(tab.draft.operation, tab.draft.method),
    setSection,
    send: () => void send(),
    cancel: () => void cancel(),
  };

  const api = useApi();
  const openResource = useCallback((target: OpenResourceTarget) => void openResourceTab(target, schema.registry, tab.endpointId ? { endpointId: tab.endpointId } : {}), [schema.registry, tab.endpointId]);

  /** a resource's GET / PATCH / PUT / DELETE button: a new tab with the request ready (a DELETE asks before it is sent) */
  const resourceAction = useCallback(
    async (action: ResourceAction, target: ResourceTarget) => {
      let resolved = target;
      if (action === 'replace' && !target.resource && endpoint) {
        // a list may leave attributes out: the body starts from the resource as the server has it now
        const path = `${target.resourceTypeEndpoint.replace(/\/+$/, '')}/${encodeURIComponent(target.id)}`;
        try {
          const exchange = await api.call('http.send', { requestId: newTabId(), spec: { endpointId: endpoint.id, method: 'GET', path, headers: [], variables: {} } });
          const json = exchange.response && exchange.response.status < 300 ? responseJson(exchange) : undefined;
          if (typeof json === 'object' && json !== null && !Array.isArray(json)) resolved = { ...target, resource: json as JsonObject };
        } catch {
          // the PUT tab opens with the template; sending it says what is wrong
        }
      }
      const opened = useTabs.getState().open(actionDraft(action, resolved, schema.registry), tab.endpointId ? { endpointId: tab.endpointId } : {});
      if (action === 'delete') {
        const what = target.label && target.label !== target.id ? `${target.label} (id ${target.id})` : `the resource with id ${target.id}`;
        useRuntime.getState().patch(opened, (r) => ({ ...r, confirmSend: `This deletes ${what} at ${target.resourceTypeEndpoint} on ${endpoint?.name ?? 'the endpoint'}. It cannot be undone.` }));
      }
    },
    [api, endpoint, schema.registry, tab.endpointId],
  );
  const sendPage = useCallback(
    (spec: RequestSpec) => {
      update((draft) => applyPaging(draft, spec));
      void send();
    },
    [update, send],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey) {
        event.preventDefault();
        void send();
      } else if (event.key === 'Escape' && useRuntime.getState().byTab[tab.id]?.sending) {
        event.preventDefault();
        void cancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [send, cancel, tab.id]);

  return (
    <ComposerContext.Provider value={value}>
      {runtime.confirming && runtime.confirmSend && (
        <ConfirmSend
          question={runtime.confirmSend}
          onKeep={() => useRuntime.getState().patch(tab.id, (r) => ({ ...r, confirming: false }))}
          onSend={() => {
            useRuntime.getState().patch(tab.id, (r) => ({ ...r, confirming: false }));
            void send(true);
          }}
        />
      )}
      <SplitPane
        direction={split}
        share={share}
        min={SHARE_MIN}
        max={SHARE_MAX}
        onShare={setShare}
        label="Resize request and response"
        className="request-view"
        first={
          <section className="composer" aria-label="Request">
            <Composer />
          </section>
        }
        second={
          <section className="response-pane" aria-label="Response">
            <ResponseArea
              runtime={runtime}
              endpointId={endpoint?.id}
              endpointName={endpoint?.name}
              registry={schema.registry}
              onOpenResource={openResource}
              onResourceAction={(action, target) => void resourceAction(action, target)}
              onSendPage={sendPage}
            />
          </section>
        }
      />
    </ComposerContext.Provider>
  );
}
