import { join } from 'node:path';
import { COLLECTION_FILE, CollectionFile, FOLDER_FILE, FolderFile } from '@shared/model/collection';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import { canonicalCollection, canonicalFolder } from './canonical';
import { readJsonFile, writeJsonFile } from './json-file';
import { sanitizeVariables } from './sanitize';

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

/** Adds `added` (variables an import brought) to `collection.json` as it is on disk now, keeping the rest. */
export async function addVariables(dir: string, added: Record<string, string>, fallback: CollectionFile, scrubber: SecretScrubber): Promise<string[]> {
  const file = join(dir, COLLECTION_FILE);
  const { variables, warnings } = sanitizeVariables(added, scrubber);
  const latest = await readJsonFile(file, CollectionFile);
  const base = latest.ok ? latest.value : fallback;
  await writeJsonFile(file, canonicalCollection({ ...base, variables: { ...variables, ...base.variables } }));
  return warnings;
}
