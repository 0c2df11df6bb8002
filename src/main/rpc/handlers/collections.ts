import { fail } from '@shared/api/errors';
import type { CollectionRunner } from '../../services/collections/collection-runner';
import type { CollectionSecrets } from '../../services/collections/collection-secrets';
import type { CollectionsService } from '../../services/collections/collections-service';
import type { Handlers } from '../router';

type CollectionCommands =
  | 'collections.list'
  | 'collections.get'
  | 'collections.reload'
  | 'collections.create'
  | 'collections.open'
  | 'collections.remove'
  | 'collections.update'
  | 'collections.saveRequest'
  | 'collections.createFolder'
  | 'collections.rename'
  | 'collections.move'
  | 'collections.duplicate'
  | 'collections.deleteItem'
  | 'collections.run'
  | 'collections.cancelRun'
  | 'collections.secrets'
  | 'collections.setSecret';

export function collectionsHandlers(deps: { collections: CollectionsService; runner: CollectionRunner; secrets?: CollectionSecrets }): Pick<Handlers, CollectionCommands> {
  const c = deps.collections;
  const keychain = () => {
    if (!deps.secrets) throw fail('unsupported', 'Secret variables need the OS keychain, which this host does not have');
    return deps.secrets;
  };
  const listSecrets = async (collectionId: string) => {
    const collection = await c.get(collectionId);
    const set = await keychain().which(collection);
    return { secrets: collection.secrets.map((name) => ({ name, set: set.has(name) })) };
  };
  return {
    'collections.list': () => c.list(),
    'collections.get': ({ collectionId }) => c.get(collectionId),
    'collections.reload': ({ collectionId }) => c.reload(collectionId),
    'collections.create': ({ name, folder }) => c.create({ name, folder }),
    'collections.open': ({ folder }) => c.open(folder),
    'collections.remove': async ({ collectionId, deleteFiles }) => {
      await c.remove(collectionId, deleteFiles);
      return {};
    },
    'collections.update': ({ collectionId, ...patch }) => c.update(collectionId, patch),
    'collections.saveRequest': ({ collectionId, parentId, itemId, request }) => c.saveRequest(collectionId, { parentId, itemId, request }),
    'collections.createFolder': ({ collectionId, parentId, name }) => c.createFolder(collectionId, parentId, name),
    'collections.rename': ({ collectionId, itemId, name }) => c.rename(collectionId, itemId, name),
    'collections.move': ({ collectionId, itemId, parentId, index }) => c.move(collectionId, itemId, parentId, index),
    'collections.duplicate': ({ collectionId, itemId }) => c.duplicate(collectionId, itemId),
    'collections.deleteItem': async ({ collectionId, itemId }) => {
      await c.deleteItem(collectionId, itemId);
      return {};
    },
    'collections.run': (request) => deps.runner.run(request),
    'collections.cancelRun': ({ runId }) => ({ cancelled: deps.runner.cancel(runId) }),
    'collections.secrets': ({ collectionId }) => listSecrets(collectionId),
    'collections.setSecret': async ({ collectionId, name, value }) => {
      const collection = await c.get(collectionId);
      if (name in collection.variables) throw fail('conflict', `"${name}" is a plain variable of this collection; remove it there first, or choose another name`);
      if (value === '') {
        await keychain().delete(collectionId, name);
        await c.update(collectionId, { secrets: collection.secrets.filter((n) => n !== name) });
      } else {
        await keychain().set(collectionId, name, value);
        if (!collection.secrets.includes(name)) await c.update(collectionId, { secrets: [...collection.secrets, name] });
      }
      return listSecrets(collectionId);
    },
  };
}
