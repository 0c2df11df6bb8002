import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fail } from '@shared/api/errors';
import { COLLECTION_FILE, CollectionFile } from '@shared/model/collection';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import { canonicalCollection } from './canonical';
import { readJsonFile } from './json-file';
import { slug, uniqueName } from './names';
import { sanitizeVariables } from './sanitize';
import { planTree, type TreeNode, type TreePlan } from './tree-writer';

export interface NewCollection {
  name: string;
  /** an absolute folder chosen by the user (made when missing); default: a new folder in the collections folder */
  folder?: string | undefined;
  description?: string | undefined;
  variables?: Record<string, string>;
}

/** Where a new collection goes: `folder`, written as `dir` (+ `wrap`, when the folder itself is new and moved in whole). */
export interface NewTarget {
  folder: string;
  dir: string;
  wrap: string | undefined;
  /** the first parent folder made for it, removed again if writing fails */
  made: string | undefined;
}

export async function newCollectionTarget(collectionsDir: string, input: NewCollection): Promise<NewTarget> {
  if (!input.folder) {
    const wrap = uniqueName(slug(input.name), '', await readdir(collectionsDir).catch(() => [] as string[]));
    return { folder: join(collectionsDir, wrap), dir: collectionsDir, wrap, made: undefined };
  }
  if (!isAbsolute(input.folder)) throw fail('validation', `The collection folder must be an absolute path, not "${input.folder}"`, { issues: [{ path: 'folder', message: 'not absolute' }] });
  const folder = resolve(input.folder);
  const info = await stat(folder).catch(() => undefined);
  if (info && !info.isDirectory()) throw fail('conflict', `${folder} is a file, not a folder`);
  if (info && (await readJsonFile(join(folder, COLLECTION_FILE), CollectionFile)).ok) throw fail('conflict', `${folder} already holds a collection; open it instead of creating one there.`);
  if (info) return { folder, dir: folder, wrap: undefined, made: undefined };
  const made = await mkdir(dirname(folder), { recursive: true });
  return { folder, dir: dirname(folder), wrap: basename(folder), made };
}

/** The whole new collection as one plan: `collection.json` and the tree, inside the new folder when it is new. */
export async function newCollectionPlan(target: NewTarget, input: NewCollection, nodes: readonly TreeNode[], scrubber: SecretScrubber): Promise<TreePlan> {
  const plan = planTree(nodes, { id: '', path: target.folder, taken: target.wrap ? [] : await readdir(target.folder) }, scrubber);
  const { variables, warnings } = sanitizeVariables(input.variables ?? {}, scrubber);
  plan.warnings.unshift(...warnings);
  const file = CollectionFile.parse({ name: input.name, description: input.description || undefined, variables, order: plan.top.map((t) => t.name) });
  plan.files.push({ path: COLLECTION_FILE, json: canonicalCollection(file) });
  plan.top.push({ name: COLLECTION_FILE, folder: false });
  if (!target.wrap) return plan;
  const wrap = target.wrap;
  return {
    ...plan,
    dirs: [wrap, ...plan.dirs.map((d) => `${wrap}/${d}`)],
    files: plan.files.map((f) => ({ ...f, path: `${wrap}/${f.path}` })),
    top: [{ name: wrap, folder: true }],
  };
}
