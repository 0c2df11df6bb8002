import { join } from 'node:path';
import { COLLECTION_FILE, CollectionFile, FOLDER_FILE, FolderFile } from '@shared/model/collection';
import { canonicalCollection, canonicalFolder } from './canonical';
import { readJsonFile, writeJsonFile } from './json-file';

/**
 * Writes the display order of a folder's children into its `collection.json` (the root) or
 * `folder.json`, keeping everything else in the file. A file that does not parse is left as it
 * is and a warning says the order was not saved.
 */
export async function writeOrder(dir: string, isRoot: boolean, names: string[], collectionName: string): Promise<string[]> {
  if (isRoot) {
    const file = join(dir, COLLECTION_FILE);
    const current = await readJsonFile(file, CollectionFile);
    if (!current.ok && !current.missing) return [`${file} does not parse, so the new order was not saved there (${current.problem.message}).`];
    const base = current.ok ? current.value : CollectionFile.parse({ name: collectionName });
    await writeJsonFile(file, canonicalCollection({ ...base, order: names }));
    return [];
  }
  const file = join(dir, FOLDER_FILE);
  const current = await readJsonFile(file, FolderFile);
  if (!current.ok && !current.missing) return [`${file} does not parse, so the new order was not saved there (${current.problem.message}).`];
  const base = current.ok ? current.value : FolderFile.parse({});
  await writeJsonFile(file, canonicalFolder({ ...base, order: names }));
  return [];
}
