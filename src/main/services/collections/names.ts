import { REQUEST_SUFFIX } from '@shared/model/collection';

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A file-system-safe, readable base name for a request or folder name: "Create user (Entra)" → "create-user-entra". */
export function slug(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  if (!base) return 'untitled';
  return RESERVED.test(base) ? `${base}-1` : base;
}

/** `base`, or `base-2`, `base-3`… whichever is not `taken` (compared case-insensitively, for macOS and Windows). */
export function uniqueName(base: string, suffix: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  let candidate = `${base}${suffix}`;
  for (let n = 2; lower.has(candidate.toLowerCase()); n++) candidate = `${base}-${n}${suffix}`;
  return candidate;
}

export const requestFileName = (name: string, taken: Iterable<string>) => uniqueName(slug(name), REQUEST_SUFFIX, taken);
export const folderDirName = (name: string, taken: Iterable<string>) => uniqueName(slug(name), '', taken);

/** A folder keeps the name the user typed where the file system allows it. */
export function folderName(name: string, taken: Iterable<string>): string {
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
  const cleaned = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-').replace(/[. ]+$/, '').trim().slice(0, 100);
  if (!cleaned || cleaned.startsWith('.') || RESERVED.test(cleaned)) return folderDirName(name, taken);
  return uniqueName(cleaned, '', taken);
}
