import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  COLLECTION_FILE,
  CollectionFile,
  FOLDER_FILE,
  FolderFile,
  REQUEST_SUFFIX,
  SavedRequestFile,
  type SavedRequest,
  type Collection,
  type CollectionItem,
  type CollectionProblem,
} from '@shared/model/collection';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { readJsonFile, readJsonFileSync, type ReadResult } from './json-file';

/** Whether a folder's order file (`collection.json` / `folder.json`) may be rewritten. */
export type OrderFileState = 'ok' | 'missing' | 'broken';

export interface ReadCollection {
  collection: Collection;
  /** keyed by folder id ('' for the root) */
  orderFiles: Map<string, OrderFileState>;
  /** the parsed `collection.json`, when it parsed */
  file: CollectionFile | undefined;
}

/** Request files read per turn of the event loop: short enough to keep the app responsive. */
const FILES_PER_TURN = 200;

const byName = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });

/** Children in the order the order file gives, then the others: folders first, each group by name. */
export function orderChildren(names: { name: string; folder: boolean }[], order: readonly string[]): { name: string; folder: boolean }[] {
  const rank = new Map(order.map((name, i) => [name, i]));
  const listed = names.filter((n) => rank.has(n.name)).sort((a, b) => rank.get(a.name)! - rank.get(b.name)!);
  const rest = names.filter((n) => !rank.has(n.name)).sort((a, b) => (a.folder === b.folder ? byName(a.name, b.name) : a.folder ? -1 : 1));
  return [...listed, ...rest];
}

export const childId = (parentId: string, name: string) => (parentId ? `${parentId}/${name}` : name);

/**
 * Reads a collection folder: `collection.json`, then each folder depth-first, request files read
 * in parallel. A file that does not parse becomes a problem (path, line, column) and the rest loads.
 */
export async function readCollection(folder: string, meta: { id: string; external: boolean }): Promise<ReadCollection> {
  const problems: CollectionProblem[] = [];
  const items: CollectionItem[] = [];
  const orderFiles = new Map<string, OrderFileState>();

  const root = await readJsonFile(join(folder, COLLECTION_FILE), CollectionFile);
  const file = root.ok ? root.value : undefined;
  if (!root.ok) {
    orderFiles.set('', root.missing ? 'missing' : 'broken');
    if (!root.missing) problems.push(root.problem);
  } else {
    orderFiles.set('', 'ok');
  }

  let sinceYield = 0;
  const walk = async (dir: string, parentId: string, depth: number, order: readonly string[]): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ file: dir, message: `cannot be listed: ${(error as Error).message}` });
      return;
    }
    const children = orderChildren(
      entries
        .filter((e) => !e.name.startsWith('.') && ((e.isDirectory() && e.name !== 'node_modules') || (e.isFile() && e.name.endsWith(REQUEST_SUFFIX))))
        .map((e) => ({ name: e.name, folder: e.isDirectory() })),
      order,
    );
    const requests: (ReadResult<SavedRequest> | undefined)[] = [];
    for (const child of children) {
      requests.push(child.folder ? undefined : readJsonFileSync(join(dir, child.name), SavedRequestFile));
      if (++sinceYield >= FILES_PER_TURN) {
        sinceYield = 0;
        await nextTurn();
      }
    }
    const subOrders = await Promise.all(children.map((c) => (c.folder ? readJsonFile(join(dir, c.name, FOLDER_FILE), FolderFile) : undefined)));
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      const id = childId(parentId, child.name);
      if (child.folder) {
        const sub = subOrders[i]!;
        orderFiles.set(id, sub.ok ? 'ok' : sub.missing ? 'missing' : 'broken');
        if (!sub.ok && !sub.missing) problems.push(sub.problem);
        items.push({ kind: 'folder', id, parentId, depth, name: child.name });
        await walk(join(dir, child.name), id, depth + 1, sub.ok ? sub.value.order : []);
      } else {
        const read = requests[i]!;
        if (read.ok) {
          items.push({ kind: 'request', id, parentId, depth, name: read.value.name, request: read.value });
        } else {
          problems.push(read.problem);
          items.push({ kind: 'request', id, parentId, depth, name: child.name.slice(0, -REQUEST_SUFFIX.length), problem: read.problem.message });
        }
      }
    }
  };
  await walk(folder, '', 0, file?.order ?? []);

  return {
    collection: {
      id: meta.id,
      name: file?.name ?? basename(folder),
      folder,
      external: meta.external,
      description: file?.description,
      variables: file?.variables ?? {},
      secrets: file?.secrets ?? [],
      items,
      problems,
    },
    orderFiles,
    file,
  };
}
