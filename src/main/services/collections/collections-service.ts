import { cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { fail } from '@shared/api/errors';
import {
  COLLECTION_FILE,
  CollectionFile,
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
import { canonicalCollection, canonicalRequest } from './canonical';
import { childId, readCollection, type ReadCollection } from './collection-reader';
import { brokenName, keepIfBroken, problemOnDisk } from './broken-files';
import { readJsonFile, writeJsonFile } from './json-file';
import { brokenFileError, childNames, findItem, itemPath, orderFileId } from './items';
import { file, folder, FolderWatcher, gone, type OwnChange } from './folder-watcher';
import { folderName, requestFileName, slug, uniqueName } from './names';
import { newCollectionPlan, newCollectionTarget, type NewCollection } from './new-collection';
import { planTree, writePlan, type TreeNode } from './tree-writer';
import { addVariables, writeOrder } from './order-file';
import { CollectionLocations, type Known } from './collection-locations';
import { collectionId, FolderRegistry } from './registry';
import { sanitizeRequest, sanitizeVariables } from './sanitize';
import type { CollectionSecrets } from './collection-secrets';
import { moveTypedCredentials } from './secret-variables';

export type { TreeNode } from './tree-writer';

export interface CollectionsOptions {
  /** `<data>/collections`: the default home of collections */
  dir: string;
  /** JSON file listing the folders opened from elsewhere */
  registryFile: string;
  scrubber: SecretScrubber;
  log: Logger;
  /** the keychain for credentials typed into a saved request (moved into secret variables); without it they are left out */
  secrets?: CollectionSecrets;
  onChange?: (collectionId: string) => void;
  /** watch folders for changes made outside the app (default true) */
  watch?: boolean;
  debounceMs?: number;
}

interface Cached {
  read: ReadCollection;
  stale: boolean;
}

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
  private readonly locations: CollectionLocations;
  private readonly cache = new Map<string, Cached>();
  private readonly watcher: FolderWatcher;
  readonly notices: string[] = [];

  constructor(private readonly options: CollectionsOptions) {
    this.registry = new FolderRegistry(options.registryFile);
    this.locations = new CollectionLocations(options.dir, this.registry);
    this.watcher = new FolderWatcher(
      (id) => {
        const cached = this.cache.get(id);
        if (cached) cached.stale = true;
        this.options.onChange?.(id);
      },
      { debounceMs: options.debounceMs ?? 200 },
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
    const known = await this.locations.all();
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
    return this.get((await this.createWithTree(input, [])).collectionId);
  }

  /** Adds a folder from elsewhere (a git checkout); one without `collection.json` gets one. */
  async open(folderPath: string): Promise<Collection> {
    if (!isAbsolute(folderPath)) throw fail('validation', `The collection folder must be an absolute path, not "${folderPath}"`, { issues: [{ path: 'folder', message: 'not absolute' }] });
    const folder = resolve(folderPath);
    const info = await stat(folder).catch(() => undefined);
    if (!info?.isDirectory()) throw fail('not-found', `${folder} is not a folder`, { what: 'folder' });
    const file = await readJsonFile(join(folder, COLLECTION_FILE), CollectionFile);
    if (!file.ok && file.missing) await writeJsonFile(join(folder, COLLECTION_FILE), canonicalCollection(CollectionFile.parse({ name: basename(folder) })));
    if (!this.locations.isInternal(folder)) await this.registry.add(folder);
    return this.get(collectionId(folder));
  }

  /** Forgets a collection; its files are deleted only when asked (always kept for a folder opened from elsewhere unless asked). */
  async remove(id: string, deleteFiles: boolean): Promise<void> {
    const known = await this.locations.find(id);
    this.watcher.unwatch(id);
    this.cache.delete(id);
    if (known.external) await this.registry.remove(known.folder);
    if (deleteFiles || !known.external) await rm(known.folder, { recursive: true, force: true });
    this.options.onChange?.(id);
  }

  async update(id: string, patch: { name?: string | undefined; description?: string | undefined; variables?: Record<string, string> | undefined; secrets?: string[] | undefined }): Promise<{ collection: Collection; warnings: string[] }> {
    const { read, known } = await this.readWithKnown(id);
    if (read.orderFiles.get('') === 'broken') throw brokenFileError(join(known.folder, COLLECTION_FILE), read);
    const current = read.file ?? CollectionFile.parse({ name: read.collection.name });
    const { variables, warnings } = sanitizeVariables(patch.variables ?? current.variables, this.options.scrubber);
    const next = CollectionFile.parse({
      ...current,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description || undefined } : {}),
      variables,
      ...(patch.secrets !== undefined ? { secrets: patch.secrets } : {}),
    });
    await this.own(known, [file(COLLECTION_FILE)], () => writeJsonFile(join(known.folder, COLLECTION_FILE), canonicalCollection(next)));
    return { collection: await this.changed(id), warnings };
  }

  // ---- requests and folders ----------------------------------------------------------------------

  /**
   * Creates a request in `parentId`, or overwrites `itemId` (its file name stays; `rename` changes it).
   * A file there that does not parse (edited by hand) is not overwritten: it is kept next to the
   * request under a `.broken-<time>.json` name, and a warning says where.
   */
  async saveRequest(id: string, input: { parentId?: string | undefined; itemId?: string | undefined; request: SavedRequestInput }): Promise<Saved> {
    const { read, known } = await this.readWithKnown(id);
    const secrets = this.options.secrets;
    const typed = secrets ? await moveTypedCredentials(read.collection, SavedRequest.parse(input.request), secrets, (names) => this.update(id, { secrets: names })) : undefined;
    const { request, warnings } = sanitizeRequest(typed?.request ?? SavedRequest.parse(input.request), this.options.scrubber);
    warnings.unshift(...(typed?.warnings ?? []));
    if (input.itemId) {
      const item = findItem(read, input.itemId, 'request');
      const path = this.pathOf(known, item.id);
      const aside = brokenName(path, new Date());
      const asideId = childId(item.parentId, basename(aside));
      const problem = await this.own(known, [file(item.id), file(asideId)], async () => {
        const broken = await keepIfBroken(path, aside);
        await writeJsonFile(path, canonicalRequest(request));
        return broken;
      });
      if (problem) warnings.push(`${path} did not parse (${problem.message}), so it was not overwritten: it was kept as ${aside}, and "${request.name}" was saved in its place.`);
      await this.changed(id);
      return { itemId: item.id, warnings };
    }
    const parentId = input.parentId ?? '';
    this.folderItem(read, parentId);
    const taken = await readdir(this.pathOf(known, parentId));
    const name = requestFileName(request.name, taken);
    await this.own(known, [file(childId(parentId, name)), file(orderFileId(parentId))], async () => {
      await writeJsonFile(join(this.pathOf(known, parentId), name), canonicalRequest(request));
      warnings.push(...(await this.placeChild(known, read, parentId, name)));
    });
    await this.changed(id);
    return { itemId: childId(parentId, name), warnings };
  }

  async createFolder(id: string, parentId: string, name: string): Promise<Saved> {
    const { read, known } = await this.readWithKnown(id);
    this.folderItem(read, parentId);
    const dir = folderName(name, await readdir(this.pathOf(known, parentId)));
    const warnings = await this.own(known, [folder(childId(parentId, dir)), file(orderFileId(parentId))], async () => {
      await mkdir(join(this.pathOf(known, parentId), dir));
      return this.placeChild(known, read, parentId, dir);
    });
    await this.changed(id);
    return { itemId: childId(parentId, dir), warnings };
  }

  /** Renames a request (its name and its file) or a folder (its directory). */
  async rename(id: string, itemId: string, name: string): Promise<Saved> {
    const { read, known } = await this.readWithKnown(id);
    const item = findItem(read, itemId);
    const parentDir = this.pathOf(known, item.parentId);
    const base = basename(this.pathOf(known, item.id));
    const taken = (await readdir(parentDir)).filter((n) => n !== base);
    if (item.kind === 'request') {
      // the file is rewritten from what was read: not if it has been broken by hand since
      const problem = item.request ? await problemOnDisk(this.pathOf(known, item.id)) : undefined;
      if (!item.request || problem) throw brokenFileError(this.pathOf(known, item.id), read, problem?.message);
      const { request, warnings } = sanitizeRequest({ ...item.request, name }, this.options.scrubber);
      const newBase = slug(name) === slug(item.request.name) ? base : requestFileName(name, taken);
      const changes: OwnChange[] = [newBase === base ? file(item.id) : gone(item.id), file(childId(item.parentId, newBase)), file(orderFileId(item.parentId))];
      await this.own(known, changes, async () => {
        await writeJsonFile(join(parentDir, newBase), canonicalRequest(request));
        if (newBase !== base) await rm(join(parentDir, base), { force: true });
        warnings.push(...(await this.replaceInOrder(known, read, item.parentId, base, newBase)));
      });
      await this.changed(id);
      return { itemId: childId(item.parentId, newBase), warnings };
    }
    const newBase = folderName(name, taken);
    const changes: OwnChange[] = [gone(item.id), folder(childId(item.parentId, newBase)), file(orderFileId(item.parentId))];
    const warnings = await this.own(known, changes, async () => {
      await rename(join(parentDir, base), join(parentDir, newBase));
      return this.replaceInOrder(known, read, item.parentId, base, newBase);
    });
    await this.changed(id);
    return { itemId: childId(item.parentId, newBase), warnings };
  }

  /**
   * Moves an item into `parentId` at `index` among the other children (end when omitted);
   * within the same folder, a reorder.
   */
  async move(id: string, itemId: string, parentId: string, index?: number): Promise<Saved> {
    const { read, known } = await this.readWithKnown(id);
    const item = findItem(read, itemId);
    this.folderItem(read, parentId);
    if (item.kind === 'folder' && (parentId === item.id || parentId.startsWith(`${item.id}/`))) {
      throw fail('validation', `A folder cannot be moved into itself ("${item.id}" into "${parentId}")`, { issues: [{ path: 'parentId', message: 'inside the moved folder' }] });
    }
    const base = basename(this.pathOf(known, item.id));
    let newBase = base;
    if (parentId !== item.parentId) {
      const taken = await readdir(this.pathOf(known, parentId));
      newBase = item.kind === 'request' ? uniqueName(base.slice(0, -REQUEST_SUFFIX.length), REQUEST_SUFFIX, taken) : uniqueName(base, '', taken);
    }
    const changes = [gone(item.id), (item.kind === 'folder' ? folder : file)(childId(parentId, newBase)), file(orderFileId(item.parentId)), file(orderFileId(parentId))];
    const warnings = await this.own(known, changes, async () => {
      const out: string[] = [];
      if (parentId !== item.parentId) {
        await rename(this.pathOf(known, item.id), join(this.pathOf(known, parentId), newBase));
        out.push(...(await this.setOrder(known, read, item.parentId, childNames(read, item.parentId).filter((n) => n !== base))));
      }
      const siblings = childNames(read, parentId).filter((n) => n !== base && n !== newBase);
      const at = index === undefined ? siblings.length : Math.max(0, Math.min(index, siblings.length));
      siblings.splice(at, 0, newBase);
      out.push(...(await this.setOrder(known, read, parentId, siblings)));
      return out;
    });
    await this.changed(id);
    return { itemId: childId(parentId, newBase), warnings };
  }

  /** A copy right after the original: "<name> copy" for a request, the whole tree for a folder. */
  async duplicate(id: string, itemId: string): Promise<Saved> {
    const { read, known } = await this.readWithKnown(id);
    const item = findItem(read, itemId);
    const parentDir = this.pathOf(known, item.parentId);
    const taken = await readdir(parentDir);
    const base = basename(this.pathOf(known, item.id));
    if (item.kind === 'request' && !item.request) throw brokenFileError(this.pathOf(known, item.id), read);
    const copy = item.kind === 'request' ? requestFileName(`${item.request!.name} copy`, taken) : folderName(`${item.name} copy`, taken);
    const changes: OwnChange[] = [(item.kind === 'folder' ? folder : file)(childId(item.parentId, copy)), file(orderFileId(item.parentId))];
    const warnings = await this.own(known, changes, async () => {
      if (item.kind === 'request') await writeJsonFile(join(parentDir, copy), canonicalRequest({ ...item.request!, name: `${item.request!.name} copy` }));
      else await cp(join(parentDir, base), join(parentDir, copy), { recursive: true, errorOnExist: true });
      const names = childNames(read, item.parentId);
      names.splice(names.indexOf(base) + 1, 0, copy);
      return this.setOrder(known, read, item.parentId, names);
    });
    await this.changed(id);
    return { itemId: childId(item.parentId, copy), warnings };
  }

  async deleteItem(id: string, itemId: string): Promise<void> {
    const { read, known } = await this.readWithKnown(id);
    const item = findItem(read, itemId);
    const base = basename(this.pathOf(known, item.id));
    await this.own(known, [gone(item.id), file(orderFileId(item.parentId))], async () => {
      await rm(this.pathOf(known, item.id), { recursive: true, force: true });
      await this.setOrder(known, read, item.parentId, childNames(read, item.parentId).filter((n) => n !== base));
    });
    await this.changed(id);
  }

  /**
   * Writes a tree of folders and requests under `parentId` in one go (imports), all or nothing
   * (see `writePlan`): every file sanitised and canonical, the parent's order updated once,
   * `addVariables` (those the collection lacks) added to it, one change event.
   */
  async writeTree(id: string, parentId: string, nodes: readonly TreeNode[], options: { addVariables?: Record<string, string> } = {}): Promise<{ itemIds: string[]; warnings: string[] }> {
    const { read, known } = await this.readWithKnown(id);
    this.folderItem(read, parentId);
    const current = read.file ?? CollectionFile.parse({ name: read.collection.name });
    const added = Object.fromEntries(Object.entries(options.addVariables ?? {}).filter(([name]) => !(name in current.variables)));
    const collectionFile = join(known.folder, COLLECTION_FILE);
    if (Object.keys(added).length && read.orderFiles.get('') === 'broken') throw brokenFileError(collectionFile, read);
    const dir = this.pathOf(known, parentId);
    const plan = planTree(nodes, { id: parentId, path: dir, taken: await readdir(dir) }, this.options.scrubber);
    const warnings = [...plan.warnings];
    const changes = [...plan.top.map((t) => (t.folder ? folder : file)(childId(parentId, t.name))), file(orderFileId(parentId)), file(COLLECTION_FILE)];
    await this.own(known, changes, () =>
      writePlan(dir, plan, {
        commit: (move) => move(),
        after: async () => {
          warnings.push(...(await this.setOrder(known, read, parentId, [...childNames(read, parentId), ...plan.top.map((t) => t.name)])));
          if (Object.keys(added).length) warnings.push(...(await addVariables(known.folder, added, current, this.options.scrubber)));
        },
      }),
    );
    this.stale(id);
    return { itemIds: plan.itemIds, warnings };
  }

  /**
   * A new collection holding `nodes` (imports; none for an empty one), all or nothing: nothing is
   * written before the whole tree is planned, and a failure leaves no trace (see `writePlan`).
   */
  async createWithTree(input: NewCollection, nodes: readonly TreeNode[]): Promise<{ collectionId: string; itemIds: string[]; warnings: string[] }> {
    const target = await newCollectionTarget(this.options.dir, input);
    const plan = await newCollectionPlan(target, input, nodes, this.options.scrubber);
    const register = async () => {
      if (!this.locations.isInternal(target.folder)) await this.registry.add(target.folder);
    };
    try {
      await writePlan(target.dir, plan, { commit: (move) => move(), after: register });
    } catch (error) {
      if (target.made) await rm(target.made, { recursive: true, force: true });
      throw error;
    }
    return { collectionId: collectionId(target.folder), itemIds: plan.itemIds, warnings: plan.warnings };
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

  private async read(id: string): Promise<ReadCollection> {
    return (await this.readWithKnown(id)).read;
  }

  private async readWithKnown(id: string): Promise<{ read: ReadCollection; known: Known }> {
    const known = await this.locations.find(id);
    const cached = this.cache.get(id);
    if (cached && !cached.stale) return { read: cached.read, known };
    const read = await readCollection(known.folder, known);
    this.cache.set(id, { read, stale: false });
    if (this.options.watch !== false) this.watcher.watch(known.id, known.folder);
    return { read, known };
  }

  /** Runs one of the app's own changes: the watcher does not take its events for outside changes. */
  private own<T>(known: Known, changes: readonly OwnChange[], work: () => Promise<T>): Promise<T> {
    return this.watcher.ownWrite(known.id, changes, work);
  }

  /** After a write of ours that is not read back now: drop the cache and tell listeners. */
  private stale(id: string): void {
    const cached = this.cache.get(id);
    if (cached) cached.stale = true;
    this.options.onChange?.(id);
  }

  /** After a write of ours: drop the cache, tell listeners, return the fresh collection. */
  private async changed(id: string): Promise<Collection> {
    const cached = this.cache.get(id);
    if (cached) cached.stale = true;
    const collection = await this.get(id);
    this.options.onChange?.(id);
    return collection;
  }

  private folderItem(read: ReadCollection, folderId: string): void {
    if (folderId !== '') findItem(read, folderId, 'folder');
  }

  private pathOf(known: Known, itemId: string): string {
    return itemPath(known.folder, itemId);
  }

  private async placeChild(known: Known, read: ReadCollection, parentId: string, name: string): Promise<string[]> {
    return this.setOrder(known, read, parentId, [...childNames(read, parentId).filter((n) => n !== name), name]);
  }

  private async replaceInOrder(known: Known, read: ReadCollection, parentId: string, from: string, to: string): Promise<string[]> {
    return this.setOrder(known, read, parentId, childNames(read, parentId).map((n) => (n === from ? to : n)));
  }

  /** Writes a folder's order, unless its order file is broken (then it is left alone, with a warning). */
  private async setOrder(known: Known, read: ReadCollection, folderId: string, names: string[]): Promise<string[]> {
    return writeOrder(this.pathOf(known, folderId), folderId === '', names, read.collection.name);
  }

}
