import type { Collection } from '@shared/model/collection';
import type { RequestSpec } from '@shared/model/request-spec';
import type { CollectionsService } from '../../services/collections/collections-service';
import type { HttpEngine } from '../../services/http/engine';
import type { Handlers } from '../router';

/**
 * A request from a collection sends with that collection's variables (the service's copy, kept in step
 * with the folder by its watcher); a collection that is gone adds none, and a `{{name}}` left
 * unresolved then stops the send with an error naming it.
 */
async function withCollectionVariables(spec: RequestSpec, collections: Pick<CollectionsService, 'get'>, secretValues?: SecretValues): Promise<RequestSpec> {
  if (spec.collectionId === undefined) return spec;
  const collection = await collections.get(spec.collectionId).catch(() => undefined);
  if (!collection) return spec;
  // its secret variables come from the keychain
  const secrets = (await secretValues?.(collection).catch(() => undefined)) ?? {};
  return { ...spec, variables: { ...collection.variables, ...secrets, ...spec.variables } };
}

type SecretValues = (collection: Collection) => Promise<Record<string, string>>;

export function httpHandlers({ engine, collections, secretValues }: { engine: HttpEngine; collections: Pick<CollectionsService, 'get'>; secretValues?: SecretValues }): Pick<Handlers, 'http.send' | 'http.cancel'> {
  return {
    'http.send': async ({ requestId, spec, group }) => engine.send(requestId, await withCollectionVariables(spec, collections, secretValues), group ? { group } : {}),
    'http.cancel': ({ requestId }) => ({ cancelled: engine.cancel(requestId) }),
  };
}
