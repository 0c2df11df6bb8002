import { copyFile, readFile, rename } from 'node:fs/promises';
import { fail } from '@shared/api/errors';
import { Endpoint, ENDPOINTS_FILE_VERSION, type EndpointsFile } from '@shared/model/endpoint';
import { writeJsonAtomic } from '../storage/atomic-write';

export interface LoadedEndpoints {
  endpoints: Endpoint[];
  /** what the user should know: a file set aside, endpoints that could not be read */
  notice?: string;
}

type Migration = (file: Record<string, unknown>) => Record<string, unknown>;

/**
 * Upgrades from version N to N+1, indexed by N. Version 1 is the first shape; a future change of
 * the Endpoint model adds its step here, so a file written by any older version still loads.
 */
export const ENDPOINT_MIGRATIONS: Record<number, Migration> = {};

export function migrateEndpointsFile(json: unknown): { file: Record<string, unknown>; problem?: string } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { file: {}, problem: 'it is not a JSON object' };
  let file = json as Record<string, unknown>;
  let version = file.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { file, problem: `its "version" is ${JSON.stringify(version)}, not a version number` };
  if (version > ENDPOINTS_FILE_VERSION) return { file, problem: `it was written by a newer SCIM Inspector (file version ${version}; this one reads up to ${ENDPOINTS_FILE_VERSION})` };
  while (version < ENDPOINTS_FILE_VERSION) {
    const step = ENDPOINT_MIGRATIONS[version];
    if (!step) return { file, problem: `no migration from file version ${version}` };
    file = step(file);
    version += 1;
  }
  return { file };
}

/**
 * Reads endpoints.json. Nothing the user had is lost: an unreadable file is moved aside with a notice;
 * a file where only some endpoints are invalid keeps the valid ones and a copy of the original.
 */
export async function loadEndpointsFile(path: string, now = Date.now()): Promise<LoadedEndpoints> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { endpoints: [] };
    throw fail('storage', `Cannot read ${path}: ${(error as Error).message}`, { path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const aside = `${path}.broken-${now}`;
    await rename(path, aside);
    return { endpoints: [], notice: `Saved endpoints could not be read (${path} is not valid JSON: ${(error as Error).message}); it was kept as ${aside}.` };
  }
  const { file, problem } = migrateEndpointsFile(json);
  if (problem) {
    const aside = `${path}.unreadable-${now}`;
    await rename(path, aside);
    return { endpoints: [], notice: `Saved endpoints could not be read (${problem}); the file was kept as ${aside}.` };
  }
  const raw = Array.isArray(file.endpoints) ? file.endpoints : [];
  const endpoints: Endpoint[] = [];
  const dropped: string[] = [];
  raw.forEach((item, index) => {
    const parsed = Endpoint.safeParse(item);
    if (parsed.success) {
      endpoints.push(parsed.data);
    } else {
      const issue = parsed.error.issues[0];
      const name = typeof (item as { name?: unknown })?.name === 'string' ? `"${(item as { name: string }).name}"` : `#${index + 1}`;
      dropped.push(`${name} (${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'})`);
    }
  });
  if (dropped.length === 0) return { endpoints };
  const copy = `${path}.partial-${now}`;
  await copyFile(path, copy);
  return { endpoints, notice: `Some saved endpoints could not be read and are not shown: ${dropped.join('; ')}. The original file was kept as ${copy}.` };
}

export async function saveEndpointsFile(path: string, endpoints: Endpoint[]): Promise<void> {
  const file: EndpointsFile = { version: ENDPOINTS_FILE_VERSION, endpoints };
  await writeJsonAtomic(path, file);
}
