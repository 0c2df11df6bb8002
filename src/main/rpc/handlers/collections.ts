import type { CollectionRunner } from '../../services/collections/collection-runner';
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
  | 'collections.cancelRun';

export function collectionsHandlers(deps: { collections: CollectionsService; runner: CollectionRunner }): Pick<Handlers, CollectionCommands> {
  const c = deps.collections;
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
  };
}
