import { z } from 'zod';
import { command } from '../command';
import { Collection, CollectionSummary, RunResult, SavedRequest, VariableName } from '../../model/collection';

const id = z.string().min(1);
/** '' is the collection's root folder */
const folderId = z.string().default('');
const Saved = z.object({ itemId: z.string(), warnings: z.array(z.string()) });
const SecretVariable = z.object({ name: z.string(), set: z.boolean() });

export const collectionsCommands = {
  'collections.list': command(z.object({}), z.array(CollectionSummary)),
  'collections.get': command(z.object({ collectionId: id }), Collection),
  /** reads the folder again now (outside changes are also picked up by themselves) */
  'collections.reload': command(z.object({ collectionId: id }), Collection),
  /** a new collection, under the data directory unless `folder` (absolute) is given */
  'collections.create': command(z.object({ name: z.string().min(1).max(200), folder: z.string().optional() }), Collection),
  /** adds a folder from elsewhere (a git checkout) */
  'collections.open': command(z.object({ folder: z.string().min(1) }), Collection),
  /** forgets a collection; its files are deleted for one under the data directory, or when `deleteFiles` */
  'collections.remove': command(z.object({ collectionId: id, deleteFiles: z.boolean().default(false) }), z.object({})),
  'collections.update': command(
    z.object({ collectionId: id, name: z.string().min(1).max(200).optional(), description: z.string().optional(), variables: z.record(VariableName, z.string()).optional() }),
    z.object({ collection: Collection, warnings: z.array(z.string()) }),
  ),
  /** creates a request in `parentId`, or overwrites `itemId` */
  'collections.saveRequest': command(z.object({ collectionId: id, parentId: folderId, itemId: z.string().optional(), request: SavedRequest }), Saved),
  'collections.createFolder': command(z.object({ collectionId: id, parentId: folderId, name: z.string().min(1).max(200) }), Saved),
  'collections.rename': command(z.object({ collectionId: id, itemId: id, name: z.string().min(1).max(200) }), Saved),
  /** into `parentId`, at `index` among the other children (end when omitted) */
  'collections.move': command(z.object({ collectionId: id, itemId: id, parentId: folderId, index: z.number().int().min(0).optional() }), Saved),
  'collections.duplicate': command(z.object({ collectionId: id, itemId: id }), Saved),
  'collections.deleteItem': command(z.object({ collectionId: id, itemId: id }), z.object({})),
  /** runs a request or a folder ('' for all) in order against an endpoint; steps also arrive as `collections.runStep` events */
  'collections.run': command(
    z.object({
      collectionId: id,
      itemId: z.string().default(''),
      endpointId: id,
      variables: z.record(z.string(), z.string()).optional(),
      stopOnError: z.boolean().default(false),
      runId: z.string().optional(),
    }),
    RunResult,
  ),
  'collections.cancelRun': command(z.object({ runId: id }), z.object({ cancelled: z.boolean() })),
  /** the collection's secret variables: names, and whether the keychain holds a value (never the value) */
  'collections.secrets': command(z.object({ collectionId: id }), z.object({ secrets: z.array(SecretVariable) })),
  /** sets a secret variable's value in the keychain (a new one is added to the collection); an empty value removes it */
  'collections.setSecret': command(z.object({ collectionId: id, name: VariableName, value: z.string().max(64 * 1024).default('') }), z.object({ secrets: z.array(SecretVariable) })),
};
