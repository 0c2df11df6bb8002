import { readdirSync, rmSync, lstatSync, type Dirent } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isAppTempName } from './atomic-write';

/** When this process started: a temporary file older than that belongs to no write still running here. */
export const PROCESS_STARTED_AT = performance.timeOrigin;

export interface SweepOptions {
  /** also look in sub-folders (collection folders), skipping hidden ones and `node_modules` */
  recursive?: boolean;
  /** only what was last modified before this (epoch ms); default: the start of this process */
  before?: number;
}

/** Folders the walk never enters: hidden ones (`.git`) and dependencies. Temp folders are matched by name first. */
const skipDir = (name: string) => name.startsWith('.') || name === 'node_modules';

/**
 * Removes what a killed process left behind of the app's atomic writes (`.<name>.<12 hex>.tmp`
 * files, and import staging folders of that shape) in `dir`. Nothing else is touched: a name of
 * another shape, or a temp file written since this process started, stays. Returns what was removed.
 */
export async function removeStaleTemps(dir: string, options: SweepOptions = {}): Promise<string[]> {
  const before = options.before ?? PROCESS_STARTED_AT;
  const removed: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (isAppTempName(entry.name)) {
        const info = await lstat(path).catch(() => undefined);
        if (info && info.mtimeMs < before) {
          await rm(path, { recursive: true, force: true }).catch(() => undefined);
          removed.push(path);
        }
      } else if (options.recursive && entry.isDirectory() && !skipDir(entry.name)) {
        await walk(path);
      }
    }
  };
  await walk(dir);
  return removed;
}

/** The same for one folder, synchronously (history's body files, before the database opens). */
export function removeStaleTempsSync(dir: string, before = PROCESS_STARTED_AT): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!isAppTempName(name)) continue;
    const path = join(dir, name);
    try {
      if (lstatSync(path).mtimeMs >= before) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}
