import { useCallback } from 'react';
import type { ScimResourceType, SchemaRegistry } from '@shared/scim';
import { useApi } from '../../app/api-context';
import { useRuntime } from '../../stores/runtime';
import { newTabId, useTabs } from '../../stores/tabs';
import { ApiError } from '../../transport/client';
import { draftProblems, toRequestSpec } from './model/request';
import { collectionRef } from './model/saved-request';

export interface SendContext {
  endpointId: string | undefined;
  registry: SchemaRegistry;
  resourceType: ScimResourceType | undefined;
}

/**
 * Send and cancel for a tab. A draft with a problem that would surely fail (a filter that does not
 * parse, a body that is not JSON, no id, no endpoint) is not sent; the problem is shown instead.
 */
export function useSend(tabId: string, context: SendContext) {
  const api = useApi();
  const { endpointId, registry, resourceType } = context;

  /** `confirmed`: the user has answered the tab's question before sending (a DELETE from a resource's button) */
  const send = useCallback(async (confirmed = false) => {
    const runtime = useRuntime.getState();
    if (runtime.byTab[tabId]?.sending) return;
    const tab = useTabs.getState().tabs.find((t) => t.id === tabId);
    if (!tab) return;
    if (!confirmed && runtime.byTab[tabId]?.confirmSend && tab.draft.method === 'DELETE') {
      runtime.patch(tabId, (r) => ({ ...r, confirming: true }));
      return;
    }
    if (!endpointId) {
      runtime.patch(tabId, (r) => ({ ...r, error: { kind: 'validation', message: 'No endpoint to send to: add one in the Endpoints sidebar, or use the built-in Sandbox.', issues: [] } }));
      return;
    }
    const problems = draftProblems(tab.draft, { registry, ...(resourceType ? { resourceType } : {}) });
    if (problems.length > 0) {
      runtime.patch(tabId, (r) => ({
        ...r,
        error: { kind: 'validation', message: `Nothing was sent. ${problems.map((p) => p.message).join(' ')}`, issues: problems.map((p) => ({ path: p.where, message: p.message })) },
      }));
      return;
    }
    const requestId = newTabId();
    const draft = tab.draft;
    const ref = collectionRef(tab.source);
    // a tab opened from (or saved to) a collection sends with that collection's variables, as a run would
    const spec = { ...toRequestSpec(draft, endpointId), ...(ref ? { collectionId: ref.collectionId } : {}) };
    runtime.patch(tabId, (r) => ({ ...r, error: undefined, sending: { requestId, startedAt: Date.now() } }));
    try {
      const exchange = await api.call('http.send', { requestId, spec });
      useRuntime.getState().patch(tabId, (r) => ({ ...r, sending: undefined, exchange, sentDraft: draft, sentSpec: spec, error: undefined }));
    } catch (error) {
      const appError = error instanceof ApiError ? error.error : { kind: 'internal' as const, message: error instanceof Error ? error.message : String(error) };
      useRuntime.getState().patch(tabId, (r) => ({ ...r, sending: undefined, error: appError }));
    }
  }, [api, tabId, endpointId, registry, resourceType]);

  const cancel = useCallback(async () => {
    const sending = useRuntime.getState().byTab[tabId]?.sending;
    if (!sending) return;
    try {
      await api.call('http.cancel', { requestId: sending.requestId });
    } catch {
      // it finished meanwhile; the send answers for itself
    }
  }, [api, tabId]);

  return { send, cancel };
}
