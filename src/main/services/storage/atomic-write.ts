import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The app's temporary files and folders: `.<name>.<12 hex>.tmp`. Only names of this shape are
 * ever removed as left-overs of a crash (see `stale-temps.ts`).
 */
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;
/** History body files (`history/body-files.ts`) are written through `.<entry>-<8 hex>.<req|res>.txt.tmp`. */
const BODY_TEMP_NAME = /^\..+-[0-9a-f]{8}\.(req|res)\.txt\.tmp$/;

/** A new temporary name next to `path` (same folder, so the final rename stays on one file system). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

export function isAppTempName(name: string): boolean {
  return TEMP_NAME.test(name) || BODY_TEMP_NAME.test(name);
}

/**
 * Writes a file so that a crash leaves either the old or the new content, never half of one:
 * temp file in the same folder, fsync, rename over the target.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
