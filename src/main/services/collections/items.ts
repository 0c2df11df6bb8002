import { isAbsolute, join } from 'node:path';
import { fail } from '@shared/api/errors';
import { COLLECTION_FILE, FOLDER_FILE, type CollectionItem } from '@shared/model/collection';
import type { ReadCollection } from './collection-reader';

/** The file that holds the order of a folder's children (relative to the collection). */
export const orderFileId = (folderId: string) => (folderId ? `${folderId}/${FOLDER_FILE}` : COLLECTION_FILE);

/** Where an item lives on disk; an id that would leave the collection folder is refused. */
export function itemPath(folder: string, itemId: string): string {
  if (itemId === '') return folder;
  const parts = itemId.split('/');
  if (isAbsolute(itemId) || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw fail('validation', `"${itemId}" is not an item of this collection`, { issues: [{ path: 'itemId', message: 'not a relative path inside the collection' }] });
  }
  return join(folder, ...parts);
}

export function findItem(read: ReadCollection, itemId: string, kind?: CollectionItem['kind']): CollectionItem {
  const item = read.collection.items.find((i) => i.id === itemId);
  if (!item || (kind && item.kind !== kind)) {
    throw fail('not-found', `No ${kind ?? 'item'} "${itemId}" in collection "${read.collection.name}" (it may have been changed outside the app; reload it)`, { what: 'collection item' });
  }
  return item;
}

/** File and folder names of a folder's children, in display order. */
export function childNames(read: ReadCollection, folderId: string): string[] {
  return read.collection.items.filter((i) => i.parentId === folderId).map((i) => i.id.slice(folderId ? folderId.length + 1 : 0));
}

export function brokenFileError(file: string, read: ReadCollection, problem = read.collection.problems.find((p) => p.file === file)?.message) {
  return fail('conflict', `${file} does not parse${problem ? ` (${problem})` : ''}; fix it first. It is not overwritten, so nothing in it is lost.`);
}
