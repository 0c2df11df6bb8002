import type { SavedRequest, SavedRequestInput } from '@shared/model/collection';
import type { RequestDraft, RequestDraftInput, WorkspaceTab } from '@shared/model/workspace';
import { toRequestSpec } from './request';

type TabSource = NonNullable<WorkspaceTab['source']>;

export const COLLECTION_SOURCE = 'collection';

/** Where a tab saved to or was opened from: a request file of a collection. */
export interface CollectionRef {
  collectionId: string;
  /** the request's id in the collection (its path relative to the collection folder) */
  itemId: string;
}

/** A collection id never holds a `/` (it is a hash of the folder), so the first one separates the two. */
export function collectionSource(ref: CollectionRef, label: string): TabSource {
  return { kind: COLLECTION_SOURCE, id: `${ref.collectionId}/${ref.itemId}`, label };
}

export function collectionRef(source: WorkspaceTab['source']): CollectionRef | undefined {
  if (source?.kind !== COLLECTION_SOURCE) return undefined;
  const at = source.id.indexOf('/');
  if (at <= 0 || at === source.id.length - 1) return undefined;
  return { collectionId: source.id.slice(0, at), itemId: source.id.slice(at + 1) };
}

/** "Collection › request" for notices and tooltips. */
export const savedLabel = (collectionName: string, requestName: string) => `${collectionName} › ${requestName}`;

/**
 * The request file for a draft: what the composer would send (method, path with its query,
 * headers, body), never credentials (auth comes from the endpoint when it runs; main also strips
 * any it finds). A request saved over keeps its description and captures.
 */
export function savedRequestFromDraft(draft: RequestDraft, name: string, previous?: SavedRequest): SavedRequestInput {
  const spec = toRequestSpec(draft, '');
  return {
    name,
    method: spec.method,
    path: spec.path,
    headers: spec.headers,
    ...(spec.body !== undefined ? { body: spec.body } : {}),
    ...(previous?.description !== undefined ? { description: previous.description } : {}),
    captures: previous?.captures ?? [],
  };
}

/** A saved request as a tab's draft: sent as written (Raw), under its name. */
export function draftFromSaved(request: Pick<SavedRequest, 'name' | 'method' | 'path' | 'headers' | 'body'>): RequestDraftInput {
  return { name: request.name, operation: 'raw', method: request.method, path: request.path, headers: request.headers, body: request.body ?? '' };
}
