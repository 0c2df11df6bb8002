import type { RequestSpec } from '@shared/model/request-spec';
import type { CollectionsService } from '../../services/collections/collections-service';
import type { HttpEngine } from '../../services/http/engine';
import type { Handlers } from '../router';

/**
 * A request from a collection sends with that collection's variables (the service's copy, kept in step
 * with the folder by its watcher); a collection that is gone adds none, and a `{{name}}` left
 * unresolved then stops the send with an error naming it.
 */
async function withCollectionVariables(spec: RequestSpec, collections: Pick<CollectionsService, 'get'>): Promise<RequestSpec> {
  if (spec.collectionId === undefined) return spec;
  const collection = await collections.get(spec.collectionId).catch(() => undefined);
  return collection ? { ...spec, variables: { ...collection.variables, ...spec.variables } } : spec;
}

export function httpHandlers({ engine, collections }: { engine: HttpEngine; collections: Pick<CollectionsService, 'get'> }): Pick<Handlers, 'http.send' | 'http.cancel'> {
  return {
    'http.send': async ({ requestId, spec, group }) => engine.send(requestId, await withCollectionVariables(spec, collections), group ? { group } : {}),
    'http.cancel': ({ requestId }) => ({ cancelled: engine.cancel(requestId) }),
  };
}
