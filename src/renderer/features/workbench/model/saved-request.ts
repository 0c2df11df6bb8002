import type { SavedRequest, SavedRequestInput } from '@shared/model/collection';
import type { RequestDraft, RequestDraftInput, WorkspaceTab } from '@shared/model/workspace';
import { SchemaRegistry } from '@shared/scim';
import { draftForRequest } from './detect-operation';
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
 * any it finds). A request saved over keeps its description, assertions and captures.
 */
export function savedRequestFromDraft(draft: RequestDraft, name: string, previous?: Pick<SavedRequest, 'description' | 'captures' | 'assertions'>): SavedRequestInput {
  const spec = toRequestSpec(draft, '');
  return {
    name,
    method: spec.method,
    path: spec.path,
    headers: spec.headers,
    ...(spec.body !== undefined ? { body: spec.body } : {}),
    ...(previous?.description !== undefined ? { description: previous.description } : {}),
    assertions: previous?.assertions ?? [],
    captures: previous?.captures ?? [],
  };
}

/**
 * A saved (or imported) request as a tab's draft, under its name, in the operation it performs
 * (List, Get, Create, Patch…; see `draftForRequest`), Raw when the composer could not send it as written.
 */
export function draftFromSaved(request: Pick<SavedRequest, 'name' | 'method' | 'path' | 'headers' | 'body'>, registry: SchemaRegistry = SchemaRegistry.core()): RequestDraftInput {
  return draftForRequest({ name: request.name, method: request.method, path: request.path, headers: request.headers, body: request.body }, registry);
}
