import { create } from 'zustand';
import type { RequestDraft } from '@shared/model/workspace';
import type { ApiClient } from '../../../transport/client';
import { asAppError } from '../../../stores/app-error';
import { useCollections } from '../../../stores/collections';
import { useTabs } from '../../../stores/tabs';
import { collectionRef, collectionSource, savedLabel, savedRequestFromDraft, type CollectionRef } from '../model/saved-request';

export interface SaveNotice {
  tone: 'ok' | 'error';
  message: string;
  /** what the save left out of the file (a credential header's value, a secret value) */
  warnings: string[];
}

interface SaveFlow {
  /** the tab the "Save to collection" dialog is open for, and why it asks (when Save could not write back) */
  asking: { tabId: string; reason?: string } | undefined;
  /** a save back to a tab's own file is under way */
  busy: boolean;
  notice: SaveNotice | undefined;
  ask(tabId: string, reason?: string): void;
  closeDialog(): void;
  dismissNotice(): void;
}

export const useSaveFlow = create<SaveFlow>()((set) => ({
  asking: undefined,
  busy: false,
  notice: undefined,
  ask: (tabId, reason) => set({ asking: reason ? { tabId, reason } : { tabId } }),
  closeDialog: () => set({ asking: undefined }),
  dismissNotice: () => set({ notice: undefined }),
}));

/** The Collections view shows the collection and the request just saved (its list may be stale otherwise). */
async function showInCollections(api: ApiClient, ref: CollectionRef): Promise<void> {
  const collections = useCollections.getState();
  await collections.loadList(api);
  await collections.activate(api, ref.collectionId);
  collections.selectItem(ref.itemId);
  const parents = ref.itemId.split('/').slice(0, -1);
  parents.forEach((_, i) => collections.toggle(parents.slice(0, i + 1).join('/'), true));
}

/**
 * After a request file was written: the tab remembers it (Save writes there from now on), what was
 * written becomes the tab's unsaved-changes baseline, and the notice says where it went.
 */
export function finishSave(api: ApiClient, tabId: string, saved: { ref: CollectionRef; collectionName: string; draft: RequestDraft; warnings: string[] }): void {
  const label = savedLabel(saved.collectionName, saved.draft.name);
  useTabs.getState().markSaved(tabId, collectionSource(saved.ref, label), saved.draft);
  useSaveFlow.setState({
    notice: { tone: 'ok', message: `Saved to ${label}.${saved.warnings.length ? ' Left out of the file:' : ''}`, warnings: saved.warnings },
  });
  void showInCollections(api, saved.ref).catch(() => undefined);
}

/**
 * Save (Ctrl/Cmd+S): a tab opened from or saved to a collection's request writes back to that file
 * without asking; any other tab, or `ask` (Save as…), opens the dialog that asks where.
 */
export async function saveTab(api: ApiClient, tabId: string, options: { ask?: boolean } = {}): Promise<void> {
  const flow = useSaveFlow.getState();
  if (flow.busy || flow.asking) return;
  const tab = useTabs.getState().tabs.find((t) => t.id === tabId);
  if (!tab) return;
  const ref = collectionRef(tab.source);
  if (options.ask || !ref) {
    flow.ask(tabId);
    return;
  }
  useSaveFlow.setState({ busy: true });
  try {
    let collection;
    try {
      collection = await api.call('collections.get', { collectionId: ref.collectionId });
    } catch (error) {
      const problem = asAppError(error);
      if (problem.kind !== 'not-found') throw error;
      flow.ask(tabId, `The collection this tab was saved to is gone (${problem.message}). Choose where to save it.`);
      return;
    }
    const item = collection.items.find((i) => i.id === ref.itemId && i.kind === 'request');
    if (!item) {
      flow.ask(tabId, `The request this tab was saved to is no longer in “${collection.name}”. Choose where to save it.`);
      return;
    }
    if (!item.request) {
      // writing over a file that does not parse (a merge conflict?) could lose what is in it
      flow.ask(tabId, `“${item.name}” in “${collection.name}” cannot be read (${item.problem ?? 'invalid file'}), so it is not written over. Fix the file, or save this tab somewhere else.`);
      return;
    }
    const draft = tab.draft;
    const named = draft.name.trim() ? draft : { ...draft, name: item.request.name };
    const { warnings } = await api.call('collections.saveRequest', {
      collectionId: ref.collectionId,
      parentId: item.parentId,
      itemId: item.id,
      request: savedRequestFromDraft(named, named.name.trim(), item.request),
    });
    if (named !== draft) useTabs.getState().updateDraft(tabId, (d) => (d === draft ? named : d));
    finishSave(api, tabId, { ref, collectionName: collection.name, draft: named, warnings });
  } catch (error) {
    useSaveFlow.setState({ notice: { tone: 'error', message: `Not saved: ${asAppError(error).message}`, warnings: [] } });
  } finally {
    useSaveFlow.setState({ busy: false });
  }
}
