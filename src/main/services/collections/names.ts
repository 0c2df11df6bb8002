import { createHash } from 'node:crypto';
import { REQUEST_SUFFIX } from '@shared/model/collection';

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * Bytes a folder name may take (UTF-8). File systems allow 255 bytes per name (not characters:
 * 85 CJK characters are 255 bytes); a shorter budget leaves room for a `-2` suffix and keeps
 * nested paths well inside the 1024-byte path limit of macOS.
 */
export const FOLDER_NAME_BYTES = 128;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `text` if it fits `maxBytes` of UTF-8, else its longest start that fits, cut between characters
 * (never inside a character or a combining sequence), with `~` and 6 hex digits of a hash of the
 * whole text: two long names that start alike stay apart, and the same name gives the same cut.
 */
export function fitBytes(text: string, maxBytes: number): string {
  if (bytes(text) <= maxBytes) return text;
  const suffix = `~${createHash('sha256').update(text).digest('hex').slice(0, 6)}`;
  let kept = '';
  let used = 0;
  const budget = maxBytes - suffix.length;
  for (const { segment } of graphemes.segment(text)) {
    const size = bytes(segment);
    if (used + size > budget) break;
    kept += segment;
    used += size;
  }
  return `${kept.replace(/[. ]+$/, '')}${suffix}`;
}

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

/**
 * Hands out names unique in one folder (compared case-insensitively, for macOS and Windows):
 * `base`, else `base-2`, `base-3`… Remembers what it gave and the next number to try per base,
 * so n names cost about n steps, not n² (an import of 10 000 requests called "GET /Users").
 */
export class NameAllocator {
  private readonly taken: Set<string>;
  private readonly next = new Map<string, number>();

  constructor(taken: Iterable<string> = []) {
    this.taken = new Set([...taken].map((t) => t.toLowerCase()));
  }

  has(name: string): boolean {
    return this.taken.has(name.toLowerCase());
  }

  /** Marks `name` as used. */
  add(name: string): void {
    this.taken.add(name.toLowerCase());
  }

  take(base: string, suffix: string): string {
    const key = `${base}\u0000${suffix}`.toLowerCase();
    let n = this.next.get(key) ?? 1;
    let candidate = n === 1 ? `${base}${suffix}` : `${base}-${n}${suffix}`;
    while (this.taken.has(candidate.toLowerCase())) candidate = `${base}-${++n}${suffix}`;
    this.next.set(key, n + 1);
    this.add(candidate);
    return candidate;
  }
}

const allocator = (taken: Iterable<string> | NameAllocator) => (taken instanceof NameAllocator ? taken : new NameAllocator(taken));

/** `base`, or `base-2`, `base-3`… whichever is not `taken` (compared case-insensitively, for macOS and Windows). */
export function uniqueName(base: string, suffix: string, taken: Iterable<string> | NameAllocator): string {
  return allocator(taken).take(base, suffix);
}

export const requestFileName = (name: string, taken: Iterable<string> | NameAllocator) => uniqueName(slug(name), REQUEST_SUFFIX, taken);
export const folderDirName = (name: string, taken: Iterable<string> | NameAllocator) => uniqueName(slug(name), '', taken);

/**
 * A folder keeps the name the user typed where the file system allows it: characters no file
 * system takes become `-`, and a name over `FOLDER_NAME_BYTES` is cut (see `fitBytes`).
 */
export function folderName(name: string, taken: Iterable<string> | NameAllocator): string {
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
  const cleaned = fitBytes(name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-').replace(/[. ]+$/, '').trim(), FOLDER_NAME_BYTES);
  if (!cleaned || cleaned.startsWith('.') || RESERVED.test(cleaned)) return folderDirName(name, taken);
  return uniqueName(cleaned, '', taken);
}
