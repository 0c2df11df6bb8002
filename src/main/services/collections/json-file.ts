import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { CollectionProblem } from '@shared/model/collection';
import { writeFileAtomic } from '../storage/atomic-write';

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where a value for a JSON path's last key sits in the text, for messages about a valid-JSON, wrong-shape file. */
function locateKey(text: string, path: readonly PropertyKey[]): { line: number; column: number } | undefined {
  const key = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (!key) return undefined;
  const at = text.indexOf(`${JSON.stringify(key)}`);
  return at < 0 ? undefined : lineColumn(text, at);
}

export type ReadResult<T> = { ok: true; value: T; text: string } | { ok: false; problem: CollectionProblem; missing: boolean };

/** Reads and validates one JSON file; a problem says the file, line, column and what is wrong. */
export async function readJsonFile<S extends z.ZodType>(file: string, schema: S): Promise<ReadResult<z.output<S>>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, missing: code === 'ENOENT', problem: { file, message: `cannot be read: ${(error as Error).message}` } };
  }
  return parseJsonText(file, text, schema);
}

/**
 * The same, synchronously: for many small files a plain read is several times faster than a
 * trip through the thread pool each; callers read in chunks and yield between them.
 */
export function readJsonFileSync<S extends z.ZodType>(file: string, schema: S): ReadResult<z.output<S>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, missing: code === 'ENOENT', problem: { file, message: `cannot be read: ${(error as Error).message}` } };
  }
  return parseJsonText(file, text, schema);
}

export function parseJsonText<S extends z.ZodType>(file: string, text: string, schema: S): ReadResult<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const offset = position !== undefined ? Number(position) : text.length;
    const where = lineColumn(text, offset);
    const reason = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    return { ok: false, missing: false, problem: { file, ...where, message: `is not valid JSON: ${reason} (line ${where.line}, column ${where.column})` } };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    const where = locateKey(text, issue.path);
    return {
      ok: false,
      missing: false,
      problem: { file, ...(where ?? {}), message: `${path}: ${issue.message}${where ? ` (line ${where.line})` : ''}` },
    };
  }
  return { ok: true, value: parsed.data, text };
}

/** 2-space indent, trailing newline, keys in the order the value was built: small, stable diffs. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Text handed out by `formatJsonInPieces` at a time (UTF-16 units, about). */
const PIECE_CHARS = 1 << 16;

/**
 * `formatJson(value)` handed to `sink` in pieces of about 64 K characters, never the whole text at
 * once: a request file holding a body of tens of megabytes is written without a string (and a
 * buffer) of its size. Plain JSON data only (what `JSON.parse` gives and the app's own file objects).
 */
export function formatJsonInPieces(value: unknown, sink: (piece: string) => void): void {
  let piece = '';
  const emit = (text: string) => {
    piece += text;
    if (piece.length >= PIECE_CHARS) {
      sink(piece);
      piece = '';
    }
  };
  const skipped = (member: unknown) => member === undefined || typeof member === 'function' || typeof member === 'symbol';
  const write = (item: unknown, indent: string): void => {
    if (Array.isArray(item)) {
      if (item.length === 0) return emit('[]');
      const inner = `${indent}  `;
      emit('[');
      for (let i = 0; i < item.length; i++) {
        emit(i > 0 ? `,\n${inner}` : `\n${inner}`);
        const member: unknown = item[i];
        if (skipped(member)) emit('null');
        else write(member, inner);
      }
      return emit(`\n${indent}]`);
    }
    if (typeof item === 'object' && item !== null) {
      const inner = `${indent}  `;
      let first = true;
      for (const key of Object.keys(item)) {
        const member: unknown = (item as Record<string, unknown>)[key];
        if (skipped(member)) continue;
        emit(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
        first = false;
        write(member, inner);
      }
      return emit(first ? '{}' : `\n${indent}}`);
    }
    emit(JSON.stringify(item));
  };
  write(value, '');
  sink(`${piece}\n`);
}

/** Files in a collection are meant to be shared (git): readable by others, never holding a secret. */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, formatJson(value), 0o644);
}
