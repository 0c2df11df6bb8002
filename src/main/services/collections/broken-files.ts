import { rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { REQUEST_SUFFIX, SavedRequest, type CollectionProblem } from '@shared/model/collection';
import { readJsonFile } from './json-file';

/** The file as it is on disk now (not as it was last read): whether it parses, and if not, why. */
export async function problemOnDisk(file: string): Promise<CollectionProblem | undefined> {
  const read = await readJsonFile(file, SavedRequest);
  return read.ok || read.missing ? undefined : read.problem;
}

/**
 * Where a request file that does not parse is kept when the app saves over it:
 * `create-user.request.json` → `create-user.broken-2025-01-31T12-00-00-000Z.json`, which the
 * collection does not read as a request, next to it.
 */
export function brokenName(file: string, now: Date): string {
  const base = basename(file);
  const stem = base.endsWith(REQUEST_SUFFIX) ? base.slice(0, -REQUEST_SUFFIX.length) : base;
  return join(dirname(file), `${stem}.broken-${now.toISOString().replace(/[:.]/g, '-')}.json`);
}

/** Moves `file` to `aside` if it does not parse (renaming, so its bytes stay as the user left them); returns the problem. */
export async function keepIfBroken(file: string, aside: string): Promise<CollectionProblem | undefined> {
  const problem = await problemOnDisk(file);
  if (problem) await rename(file, aside);
  return problem;
}
