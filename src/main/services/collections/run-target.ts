import { fail } from '@shared/api/errors';
import type { Collection, CollectionItem } from '@shared/model/collection';

/** "Users/Lifecycle": the names from the root down to the item. */
export function itemTrail(collection: Collection, item: CollectionItem): string {
  const names: string[] = [];
  let current: CollectionItem | undefined = item;
  while (current) {
    names.unshift(current.name);
    const parentId: string = current.parentId;
    current = parentId === '' ? undefined : collection.items.find((i) => i.id === parentId);
  }
  return names.join('/');
}

/**
 * The item a host asks to run (a command line's `--folder F`): '' for the whole collection, else a
 * folder or request given by its id (`users/lifecycle`), or by its names from the root
 * (`Users/Lifecycle`, case-insensitive). Not found: an error listing the folders there are.
 */
export function runTarget(collection: Collection, wanted: string | undefined): string {
  const text = (wanted ?? '').trim().replace(/^\/+|\/+$/g, '');
  if (text === '') return '';
  const byId = collection.items.find((i) => i.id === text);
  if (byId) return byId.id;
  const lower = text.toLowerCase();
  const byTrail = collection.items.filter((i) => itemTrail(collection, i).toLowerCase() === lower);
  const folder = byTrail.find((i) => i.kind === 'folder') ?? byTrail[0];
  if (folder) return folder.id;
  const folders = collection.items.filter((i) => i.kind === 'folder').map((i) => itemTrail(collection, i));
  throw fail('not-found', `No folder or request "${text}" in collection "${collection.name}"${folders.length ? `; its folders: ${folders.join(', ')}` : ' (it has no folders)'}`, {
    what: 'collection item',
  });
}
