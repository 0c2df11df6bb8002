import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { join } from 'node:path';
import { fail, isAppFailure } from '@shared/api/errors';
import { FOLDER_FILE, FolderFile, type SavedRequest } from '@shared/model/collection';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import { tempPathFor } from '../storage/atomic-write';
import { canonicalFolder, canonicalRequest } from './canonical';
import { childId } from './collection-reader';
import { formatJsonInPieces } from './json-file';
import { folderName, NameAllocator, requestFileName } from './names';
import { sanitizeRequest } from './sanitize';

/** A folder or request to write (imports). */
export type TreeNode = { kind: 'folder'; name: string; description?: string | undefined; children: TreeNode[] } | { kind: 'request'; request: SavedRequest };

/** Folders deeper than this (below the folder written into) are flattened into their ancestor at this depth. */
export const MAX_FOLDER_DEPTH = 24;
/**
 * Longest path (bytes) a file of a collection may get: macOS allows 1024 in all; a folder that
 * would push its files past this is flattened like one past the depth limit.
 */
export const MAX_PATH_BYTES = 1000;
/** Room kept for a request file name (`<slug ≤ 60>-<n>.request.json`) at the end of a path. */
const FILE_NAME_ROOM = 90;
/**
 * Files written per turn of the event loop. Plain writes: for many small files a synchronous
 * write is several times faster than three trips through the thread pool (open, write, close);
 * yielding between chunks keeps the app responsive.
 */
const FILES_PER_TURN = 100;

/** Everything an import writes, decided before a byte is written. */
export interface TreePlan {
  /** folders to create, relative to the target, parents first */
  dirs: string[];
  /** files to write, as the JSON values they hold (formatted as they are written) */
  files: { path: string; json: unknown }[];
  /** names directly in the target folder, in order */
  top: { name: string; folder: boolean }[];
  /** ids of the requests written, relative to the collection */
  itemIds: string[];
  warnings: string[];
}

/**
 * Names every folder and file of `nodes` written into a folder that already holds `taken`, at
 * `targetId` in the collection and `targetPath` on disk: request files sanitised and canonical,
 * folder names fitted to the file system, folders past the depth or path limit flattened (said
 * in a warning). Linear in the number of nodes.
 */
export function planTree(nodes: readonly TreeNode[], target: { id: string; path: string; taken: Iterable<string> }, scrubber: SecretScrubber): TreePlan {
  const plan: TreePlan = { dirs: [], files: [], top: [], itemIds: [], warnings: [] };
  const flattened = { count: 0, into: new Set<string>() };
  // the staging folder adds its own name to every path while the files are written
  const base = Buffer.byteLength(tempPathFor(join(target.path, 'import'))) + 1;
  const level = (items: readonly TreeNode[], dir: string, id: string, depth: number, names: NameAllocator, order: { name: string; folder: boolean }[]) => {
    for (const node of items) {
      if (node.kind === 'request') {
        const { request, warnings } = sanitizeRequest(node.request, scrubber);
        plan.warnings.push(...warnings);
        const name = requestFileName(request.name, names);
        plan.files.push({ path: dir ? `${dir}/${name}` : name, json: canonicalRequest(request) });
        plan.itemIds.push(childId(id, name));
        order.push({ name, folder: false });
        continue;
      }
      const name = folderName(node.name, names);
      const path = dir ? `${dir}/${name}` : name;
      if (depth >= MAX_FOLDER_DEPTH || base + Buffer.byteLength(path) + 1 + FILE_NAME_ROOM > MAX_PATH_BYTES) {
        // its contents join this folder, after what is already there
        flattened.count++;
        flattened.into.add(id || '(the top)');
        level(node.children, dir, id, depth, names, order);
        continue;
      }
      plan.dirs.push(path);
      const children: { name: string; folder: boolean }[] = [];
      level(node.children, path, childId(id, name), depth + 1, new NameAllocator(), children);
      plan.files.push({ path: `${path}/${FOLDER_FILE}`, json: canonicalFolder(FolderFile.parse({ description: node.description, order: children.map((c) => c.name) })) });
      order.push({ name, folder: true });
    }
  };
  level(nodes, '', target.id, 0, new NameAllocator(target.taken), plan.top);
  if (flattened.count > 0) {
    const where = [...flattened.into].slice(0, 3).map((f) => `"${f}"`).join(', ');
    plan.warnings.push(
      `${flattened.count} folder(s) nested more than ${MAX_FOLDER_DEPTH} levels deep (or with paths too long for the file system) were flattened: their requests were put in ${where}${flattened.into.size > 3 ? ' and others' : ''}.`,
    );
  }
  return plan;
}

/** UTF-16 units encoded at a time: a long string (a body as text) is never one buffer of its size. */
const SLICE = 1 << 20;

/** Writes a new file (never over an existing one) holding `json` formatted, in pieces. */
function writeJson(path: string, json: unknown): void {
  let fd: number | undefined;
  let buffer: Buffer | undefined;
  let first: string | undefined;
  const write = (text: string) => {
    // a slice of n UTF-16 units is at most 3n bytes of UTF-8
    buffer ??= Buffer.allocUnsafe(SLICE * 3);
    for (let at = 0; at < text.length; ) {
      let end = Math.min(text.length, at + SLICE);
      // never between the two halves of a surrogate pair
      if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
      const bytes = buffer.write(text.slice(at, end));
      for (let written = 0; written < bytes; ) written += writeSync(fd!, buffer, written, bytes - written);
      at = end;
    }
  };
  try {
    formatJsonInPieces(json, (piece) => {
      // most files are one small piece: written in one call, like any small file
      if (first === undefined && fd === undefined && piece.length <= SLICE) return void (first = piece);
      if (fd === undefined) {
        fd = openSync(path, 'wx', 0o644);
        if (first !== undefined) write(first);
      }
      write(piece);
    });
    if (fd === undefined) writeFileSync(path, first ?? '', { mode: 0o644, flag: 'wx' });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes a plan into `targetDir` all or nothing: everything goes into a hidden staging folder
 * next to the target (never read as part of the collection, removed at start if a crash leaves
 * it), then each top-level entry is moved into place. If any step fails, what was moved is moved
 * back and the staging folder removed: the target is as it was. `commit` runs the moves (the
 * watcher wraps them as the app's own change); `after` runs once they are in place (the order
 * file), and its failure undoes the moves too.
 */
export async function writePlan(
  targetDir: string,
  plan: TreePlan,
  hooks: { commit: (move: () => Promise<void>) => Promise<void>; after: () => Promise<void> },
): Promise<void> {
  const staging = tempPathFor(join(targetDir, 'import'));
  await mkdir(staging);
  const moved: string[] = [];
  try {
    for (const dir of plan.dirs) mkdirSync(join(staging, dir));
    for (let i = 0; i < plan.files.length; i += FILES_PER_TURN) {
      for (const file of plan.files.slice(i, i + FILES_PER_TURN)) writeJson(join(staging, file.path), file.json);
      await nextTurn();
    }
    try {
      await hooks.commit(async () => {
        // never over something that appeared since the names were chosen
        const present = new NameAllocator(await readdir(targetDir));
        for (const { name } of plan.top) {
          if (present.has(name)) throw Object.assign(new Error(`${join(targetDir, name)} appeared while importing; nothing was imported`), { code: 'EEXIST' });
          await rename(join(staging, name), join(targetDir, name));
          moved.push(name);
        }
      });
      await hooks.after();
    } catch (error) {
      for (const name of moved.reverse()) await rename(join(targetDir, name), join(staging, name)).catch(() => undefined);
      throw error;
    }
  } catch (error) {
    if (isAppFailure(error)) throw error;
    throw fail('storage', `Nothing was imported into ${targetDir}: ${(error as Error).message}`, { path: targetDir });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
