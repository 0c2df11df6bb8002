import { cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve, sep } from 'node:path';
import { fail } from '@shared/api/errors';
import {
  COLLECTION_FILE,
  CollectionFile,
  FOLDER_FILE,
  FolderFile,
  REQUEST_SUFFIX,
  SavedRequest,
  type Collection,
  type CollectionItem,
  type CollectionSummary,
  type SavedRequestInput,
} from '@shared/model/collection';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import type { Logger } from '../log/logger';
import { removeStaleTemps } from '../storage/stale-temps';
import { canonicalCollection, canonicalFolder, canonicalRequest } from './canonical';
import { childId, readCollection, type ReadCollection } from './collection-reader';
import { readJsonFile, writeJsonFile } from './json-file';
import { FolderWatcher } from './folder-watcher';
import { folderName, requestFileName, slug, uniqueName } from './names';
import { writeOrder } from './order-file';
import { collectionId, FolderRegistry } from './registry';
import { sanitizeRequest, sanitizeVariables } from './sanitize';

export interface CollectionsOptions {
  /** `<data>/collections`: the default home of collections */
  dir: string;
  /** JSON file listing the folders opened from elsewhere */
  registryFile: string;
  scrubber: SecretScrubber;
  log: Logger;
  onChange?: (collectionId: string) => void;
  /** watch folders for changes made outside the app (default true) */
  watch?: boolean;
  debounceMs?: number;
}

interface Known {
  id: string;
  folder: string;
  external: boolean;
}

interface Cached {
  read: ReadCollection;
  stale: boolean;
}

const PARALLEL_WRITES = 16;

/** A folder or request to write (imports). */
export type TreeNode = { kind: 'folder'; name: string; description?: string | undefined; children: TreeNode[] } | { kind: 'request'; request: SavedRequest };

/** Saves and edits report what they left out (a credential header value, a secret variable). */
export interface Saved {
  itemId: string;
  warnings: string[];
}

/**
 * Collections as plain folders: `collection.json`, one `*.request.json` per request, sub-folders
 * for folders. Reads are cached and dropped when the folder changes (watched, debounced); every
 * write is atomic, in canonical form, and never holds a secret.
 */
export class CollectionsService {
  private readonly registry: FolderRegistry;
  private readonly cache = new Map<string, Cached>();
  private readonly watcher: FolderWatcher;
  readonly notices: string[] = [];

  constructor(private readonly options: CollectionsOptions) {
    this.registry = new FolderRegistry(options.registryFile);
    this.watcher = new FolderWatcher(
      (id) => {
        const cached = this.cache.get(id);
        if (cached) cached.stale = true;
        this.options.onChange?.(id);
      },
      options.debounceMs ?? 200,
      (folder, error) => options.log.warn('collections: cannot watch folder', { folder, error: String(error) }),
    );
  }

  async init(): Promise<void> {
    await mkdir(this.options.dir, { recursive: true });
    const notice = await this.registry.load();
    if (notice) this.notices.push(notice);
    // temp files and import staging folders that a killed process left in any collection folder
    const removed: string[] = [];
    for (const folder of [this.options.dir, ...this.registry.list()]) removed.push(...(await removeStaleTemps(folder, { recursive: true })));
    if (removed.length) this.options.log.info('collections: removed temporary files left by an earlier run', { count: removed.length });
  }

  // ---- collections ------------------------------------------------------------------------------

  async list(): Promise<CollectionSummary[]> {
    const known = await this.known();
    const out: CollectionSummary[] = [];
    for (const k of known) {
      const file = await readJsonFile(join(k.folder, COLLECTION_FILE), CollectionFile);
      out.push({ id: k.id, name: file.ok ? file.value.name : basename(k.folder), folder: k.folder, external: k.external });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(id: string): Promise<Collection> {
    return (await this.read(id)).collection;
  }

  /** Reads the folder again now (the watcher does this by itself after outside changes). */
  async reload(id: string): Promise<Collection> {
    const cached = this.cache.get(id);
    if (cached) cached.stale = true;
    return this.get(id);
  }

  async create(input: { name: string; folder?: string | undefined; variables?: Record<string, string> }): Promise<Collection> {
    let folder: string;
    if (input.folder) {
      if (!isAbsolute(input.folder)) throw fail('validation', `The collection folder must be an absolute path, not "${input.folder}"`, { issues: [{ path: 'folder', message: 'not absolute' }] });
      folder = resolve(input.folder);
      if ((await readJsonFile(join(folder, COLLECTION_FILE), CollectionFile)).ok) {
        throw fail('conflict', `${folder} already holds a collection; open it instead of creating one there.`);
      }
    } else {
      const taken = await readdir(this.options.dir).catch(() => [] as string[]);
      folder = join(this.options.dir, uniqueName(slug(input.name), '', taken));
    }
    await mkdir(folder, { recursive: true });
    const { variables } = sanitizeVariables(input.variables ?? {}, this.options.scrubber);
    await writeJsonFile(join(folder, COLLECTION_FILE), canonicalCollection(CollectionFile.parse({ name: input.name, variables })));
    if (!this.isInternal(folder)) await this.registry.add(folder);
    return this.get(collectionId(folder));
  }

  /** Adds a folder from elsewhere (a git checkout); one without `collection.json` gets one. */
  async open(folderPath: string): Promise<Collection> {
    if (!isAbsolute(folderPath)) throw fail('validation', `The collection folder must be an absolute path, not "${folderPath}"`, { issues: [{ path: 'folder', message: 'not absolute' }] });
    const folder = resolve(folderPath);
    const info = await stat(folder).catch(() => undefined);
    if (!info?.isDirectory()) throw fail('not-found', `${folder} is not a folder`, { what: 'folder' });
    const file = await readJsonFile(join(folder, COLLECTION_FILE), CollectionFile);
    if (!file.ok && file.missing) await writeJsonFile(join(folder, COLLECTION_FILE), canonicalCollection(CollectionFile.parse({ name: basename(folder) })));
    if (!this.isInternal(folder)) await this.registry.add(folder);
    return this.get(collectionId(folder));
  }

  /** Forgets a collection; its files are deleted only when asked (always kept for a folder opened from elsewhere unless asked). */
  async remove(id: string, deleteFiles: boolean): Promise<void> {
    const known = await this.find(id);
    this.watcher.unwatch(id);
    this.cache.delete(id);
    if (known.external) await this.registry.remove(known.folder);
    if (deleteFiles || !known.external) await rm(known.folder, { recursive: true, force: true });
    this.options.onChange?.(id);
  }

  async update(id: string, patch: { name?: string | undefined; description?: string | undefined; variables?: Record<string, string> | undefined }): Promise<{ collection: Collection; warnings: string[] }> {
    const { read, known } = await this.readWithKnown(id);
    if (read.orderFiles.get('') === 'broken') throw this.brokenFile(join(known.folder, COLLECTION_FILE), read);
    const current = read.file ?? CollectionFile.parse({ name: read.collection.name });
    const { variables, warnings } = sanitizeVariables(patch.variables ?? current.variables, this.options.scrubber);
    const next = CollectionFile.parse({
      ...current,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description || undefined } : {}),
      variables,
    });
    await writeJsonFile(join(known.folder, COLLECTION_FILE), canonicalCollection(next));
    return { collection: await this.changed(id), warnings };
  }

  // ---- requests and folders ----------------------------------------------------------------------

  /** Creates a request in `parentId`, or overwrites `itemId` (its file name stays; `rename` changes it). */
  async saveRequest(id: string, input: { parentId?: string | undefined; itemId?: string | undefined; request: SavedRequestInput }): Promise<Saved> {
    const { read, known } = await this.readWithKnown(id);
    const { request, warnings } = sanitizeRequest(SavedRequest.parse(input.request), this.options.scrubber);
    if (input.itemId) {
      const item = this.item(read, input.itemId, 'request');
      await writeJsonFile(this.pathOf(known, item.id), canonicalRequest(request));
      await this.changed(id);
      return { itemId: item.id, warnings };
    }
    const parentId = input.parentId ?? '';
    this.folderItem(read, parentId);
    const taken = await readdir(this.pathOf(known, parentId));
    const name = requestFileName(request.name, taken);
    await writeJsonFile(join(this.pathOf(known, parentId), name), canonicalRequest(request));
    warnings.push(...(await this.placeChild(known, read, parentId, name)));
    await this.changed(id);
    return { itemId: childId(parentId, name), warnings };
  }

  async createFolder(id: string, parentId: string, name: string): Promise<Saved> {
    const { read, known } = await this.readWithKnown(id);
    this.folderItem(read, parentId);
    const dir = folderName(name, await readdir(this.pathOf(known, parentId)));
    await mkdir(join(this.pathOf(known, parentId), dir));
    const warnings = await this.placeChild(known, read, parentId, dir);
    await this.changed(id);
    return { itemId: childId(parentId, dir), warnings };
  }

  /** Renames a request (its name and its file) or a folder (its directory). */
  async rename(id: string, itemId: string, name: string): Promise<Saved> {
    const { read, known } = await this.readWithKnown(id);
    const item = this.item(read, itemId);
    const parentDir = this.pathOf(known, item.parentId);
    const base = basename(this.pathOf(known, item.id));
    const taken = (await readdir(parentDir)).filter((n) => n !== base);
    let newBase: string;
    if (item.kind === 'request') {
      if (!item.request) throw this.brokenFile(this.pathOf(known, item.id), read);
      const { request, warnings } = sanitizeRequest({ ...item.request, name }, this.options.scrubber);
      newBase = slug(name) === slug(item.request.name) ? base : requestFileName(name, taken);
      await writeJsonFile(join(parentDir, newBase), canonicalRequest(request));
      if (newBase !== base) await rm(join(parentDir, base), { force: true });
      warnings.push(...(await this.replaceInOrder(known, read, item.parentId, base, newBase)));
      await this.changed(id);
      return { itemId: childId(item.parentId, newBase), warnings };
    }
    newBase = folderName(name, taken);
    await rename(join(parentDir, base), join(parentDir, newBase));
    const warnings = await this.replaceInOrder(known, read, item.parentId, base, newBase);
    await this.changed(id);
    return { itemId: childId(item.parentId, newBase), warnings };
  }

  /**
   * Moves an item into `parentId` at `index` among the other children (end when omitted);
   * within the same folder, a reorder.
   */
  async move(id: string, itemId: string, parentId: string, index?: number): Promise<Saved> {
    const { read, known } = await this.readWithKnown(id);
    const item = this.item(read, itemId);
    this.folderItem(read, parentId);
    if (item.kind === 'folder' && (parentId === item.id || parentId.startsWith(`${item.id}/`))) {
      throw fail('validation', `A folder cannot be moved into itself ("${item.id}" into "${parentId}")`, { issues: [{ path: 'parentId', message: 'inside the moved folder' }] });
    }
    const base = basename(this.pathOf(known, item.id));
    let newBase = base;
    const warnings: string[] = [];
    if (parentId !== item.parentId) {
      const taken = await readdir(this.pathOf(known, parentId));
      newBase = item.kind === 'request' ? uniqueName(base.slice(0, -REQUEST_SUFFIX.length), REQUEST_SUFFIX, taken) : uniqueName(base, '', taken);
      await rename(this.pathOf(known, item.id), join(this.pathOf(known, parentId), newBase));
      warnings.push(...(await this.setOrder(known, read, item.parentId, this.childNames(read, item.parentId).filter((n) => n !== base))));
    }
    const siblings = this.childNames(read, parentId).filter((n) => n !== base && n !== newBase);
    const at = index === undefined ? siblings.length : Math.max(0, Math.min(index, siblings.length));
    siblings.splice(at, 0, newBase);
    warnings.push(...(await this.setOrder(known, read, parentId, siblings)));
    await this.changed(id);
    return { itemId: childId(parentId, newBase), warnings };
  }

  /** A copy right after the original: "<name> copy" for a request, the whole tree for a folder. */
  async duplicate(id: string, itemId: string): Promise<Saved> {
    const { read, known } = await this.readWithKnown(id);
    const item = this.item(read, itemId);
    const parentDir = this.pathOf(known, item.parentId);
    const taken = await readdir(parentDir);
    const base = basename(this.pathOf(known, item.id));
    let copy: string;
    if (item.kind === 'request') {
      if (!item.request) throw this.brokenFile(this.pathOf(known, item.id), read);
      const request = { ...item.request, name: `${item.request.name} copy` };
      copy = requestFileName(request.name, taken);
      await writeJsonFile(join(parentDir, copy), canonicalRequest(request));
    } else {
      copy = folderName(`${item.name} copy`, taken);
      await cp(join(parentDir, base), join(parentDir, copy), { recursive: true, errorOnExist: true });
    }
    const names = this.childNames(read, item.parentId);
    names.splice(names.indexOf(base) + 1, 0, copy);
    const warnings = await this.setOrder(known, read, item.parentId, names);
    await this.changed(id);
    return { itemId: childId(item.parentId, copy), warnings };
  }

  async deleteItem(id: string, itemId: string): Promise<void> {
    const { read, known } = await this.readWithKnown(id);
    const item = this.item(read, itemId);
    const base = basename(this.pathOf(known, item.id));
    await rm(this.pathOf(known, item.id), { recursive: true, force: true });
    await this.setOrder(known, read, item.parentId, this.childNames(read, item.parentId).filter((n) => n !== base));
    await this.changed(id);
  }

  /**
   * Writes a tree of folders and requests under `parentId` in one go (imports): every file
   * sanitised and canonical, the parent's order updated once, one change event.
   */
  async writeTree(id: string, parentId: string, nodes: readonly TreeNode[]): Promise<{ itemIds: string[]; warnings: string[] }> {
    const { read, known } = await this.readWithKnown(id);
    this.folderItem(read, parentId);
    const warnings: string[] = [];
    const itemIds: string[] = [];
    const writeLevel = async (dir: string, levelId: string, level: readonly TreeNode[]): Promise<string[]> => {
      const taken = new Set(await readdir(dir).catch(() => [] as string[]));
      const names: string[] = [];
      const pending: [string, SavedRequest][] = [];
      for (const node of level) {
        if (node.kind === 'folder') {
          const name = folderName(node.name, taken);
          taken.add(name);
          await mkdir(join(dir, name));
          const children = await writeLevel(join(dir, name), childId(levelId, name), node.children);
          await writeJsonFile(join(dir, name, FOLDER_FILE), canonicalFolder(FolderFile.parse({ description: node.description, order: children })));
          names.push(name);
        } else {
          const { request, warnings: w } = sanitizeRequest(node.request, this.options.scrubber);
          warnings.push(...w);
          const name = requestFileName(request.name, taken);
          taken.add(name);
          pending.push([join(dir, name), request]);
          names.push(name);
          itemIds.push(childId(levelId, name));
        }
      }
      // each write waits for its fsync: a few at a time overlap those waits
      for (let i = 0; i < pending.length; i += PARALLEL_WRITES) {
        await Promise.all(pending.slice(i, i + PARALLEL_WRITES).map(([file, request]) => writeJsonFile(file, canonicalRequest(request))));
      }
      return names;
    };
    const added = await writeLevel(this.pathOf(known, parentId), parentId, nodes);
    warnings.push(...(await this.setOrder(known, read, parentId, [...this.childNames(read, parentId), ...added])));
    await this.changed(id);
    return { itemIds, warnings };
  }

  /** The requests of a folder (or the one request) in run order, depth-first. */
  async requestsOf(id: string, itemId: string): Promise<CollectionItem[]> {
    const { collection } = await this.read(id);
    const item = itemId === '' ? undefined : collection.items.find((i) => i.id === itemId);
    if (itemId !== '' && !item) throw fail('not-found', `No item "${itemId}" in collection "${collection.name}"`, { what: 'collection item' });
    if (item?.kind === 'request') return [item];
    return collection.items.filter((i) => i.kind === 'request' && (itemId === '' || i.id.startsWith(`${itemId}/`)));
  }

  async close(): Promise<void> {
    this.watcher.close();
  }

  // ---- internals ---------------------------------------------------------------------------------

  private isInternal(folder: string): boolean {
    return resolve(folder).startsWith(resolve(this.options.dir) + sep);
  }

  private async known(): Promise<Known[]> {
    const internal = (await readdir(this.options.dir, { withFileTypes: true }).catch(() => []))
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => join(this.options.dir, e.name));
    return [
      ...internal.map((folder) => ({ id: collectionId(folder), folder, external: false })),
      ...this.registry.list().map((folder) => ({ id: collectionId(folder), folder, external: true })),
    ];
  }

  private async find(id: string): Promise<Known> {
    const known = (await this.known()).find((k) => k.id === id);
    if (!known) throw fail('not-found', `No collection with id "${id}"`, { what: 'collection' });
    return known;
  }

  private async read(id: string): Promise<ReadCollection> {
    return (await this.readWithKnown(id)).read;
  }

  private async readWithKnown(id: string): Promise<{ read: ReadCollection; known: Known }> {
    const known = await this.find(id);
    const cached = this.cache.get(id);
    if (cached && !cached.stale) return { read: cached.read, known };
    const read = await readCollection(known.folder, known);
    this.cache.set(id, { read, stale: false });
    if (this.options.watch !== false) this.watcher.watch(known.id, known.folder);
    return { read, known };
  }

  /** After a write of ours: drop the cache, tell listeners, return the fresh collection. */
  private async changed(id: string): Promise<Collection> {
    const cached = this.cache.get(id);
    if (cached) cached.stale = true;
    const collection = await this.get(id);
    this.options.onChange?.(id);
    return collection;
  }

  private pathOf(known: Known, itemId: string): string {
    if (itemId === '') return known.folder;
    const parts = itemId.split('/');
    if (isAbsolute(itemId) || parts.some((p) => p === '' || p === '.' || p === '..')) {
      throw fail('validation', `"${itemId}" is not an item of this collection`, { issues: [{ path: 'itemId', message: 'not a relative path inside the collection' }] });
    }
    return join(known.folder, ...parts);
  }

  private item(read: ReadCollection, itemId: string, kind?: CollectionItem['kind']): CollectionItem {
    const item = read.collection.items.find((i) => i.id === itemId);
    if (!item || (kind && item.kind !== kind)) {
      throw fail('not-found', `No ${kind ?? 'item'} "${itemId}" in collection "${read.collection.name}" (it may have been changed outside the app; reload it)`, { what: 'collection item' });
    }
    return item;
  }

  private folderItem(read: ReadCollection, folderId: string): void {
    if (folderId !== '') this.item(read, folderId, 'folder');
  }

  /** File and folder names of a folder's children, in display order. */
  private childNames(read: ReadCollection, folderId: string): string[] {
    return read.collection.items.filter((i) => i.parentId === folderId).map((i) => i.id.slice(folderId ? folderId.length + 1 : 0));
  }

  private async placeChild(known: Known, read: ReadCollection, parentId: string, name: string): Promise<string[]> {
    return this.setOrder(known, read, parentId, [...this.childNames(read, parentId).filter((n) => n !== name), name]);
  }

  private async replaceInOrder(known: Known, read: ReadCollection, parentId: string, from: string, to: string): Promise<string[]> {
    return this.setOrder(known, read, parentId, this.childNames(read, parentId).map((n) => (n === from ? to : n)));
  }

  /** Writes a folder's order, unless its order file is broken (then it is left alone, with a warning). */
  private async setOrder(known: Known, read: ReadCollection, folderId: string, names: string[]): Promise<string[]> {
    return writeOrder(this.pathOf(known, folderId), folderId === '', names, read.collection.name);
  }

  private brokenFile(file: string, read: ReadCollection) {
    const problem = read.collection.problems.find((p) => p.file === file);
    return fail('conflict', `${file} does not parse${problem ? ` (${problem.message})` : ''}; fix it first. It is not overwritten, so nothing in it is lost.`);
  }
}
