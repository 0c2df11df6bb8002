import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate, NewerSchemaError } from './migrations';

export const DATABASE_FILE = 'history.sqlite';
export const BODIES_DIR = 'bodies';

const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;
/** Lines of `PRAGMA quick_check` output quoted in a message. */
const PROBLEM_LINES = 3;

/** The integrity check found damage, or the file is empty or cut short. */
export class DamagedDatabaseError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'DamagedDatabaseError';
  }
}

/** The database file is unusable (not SQLite, or damaged pages), as opposed to a passing error. */
export function isDamage(error: unknown): boolean {
  if (error instanceof NewerSchemaError || error instanceof DamagedDatabaseError) return true;
  const code = (error as { errcode?: number } | null)?.errcode;
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB || (typeof code === 'number' && (code & 0xff) === SQLITE_CORRUPT);
}

/** An error SQLite itself raised (as opposed to one of ours or of the file system). */
export function isSqliteError(error: unknown): boolean {
  return typeof (error as { errcode?: unknown } | null)?.errcode === 'number';
}

export function describeDamage(error: unknown): string {
  if (error instanceof NewerSchemaError || error instanceof DamagedDatabaseError) return error.message;
  const e = error as { errstr?: string; message?: string };
  return e.errstr ?? e.message ?? String(error);
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 3 : 1)} MiB`;

/**
 * What is wrong with the file before SQLite reads it: empty (SQLite would take a 0-byte file
 * for a new, empty database) or shorter than its header says. Undefined when neither.
 */
export function fileProblem(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const size = statSync(file).size;
  const wal = `${file}-wal`;
  // the pages may all still be in the write-ahead log: SQLite reads them from there
  const walBytes = existsSync(wal) ? statSync(wal).size : 0;
  if (size === 0) return walBytes > 0 ? undefined : 'the file is empty (0 bytes)';
  if (size < 100) return `the file is cut short (${size} bytes, less than a database header)`;
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') return undefined; // SQLite says "not a database"
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = header.readUInt32BE(28);
  // the page count in the header is only valid when its "valid-for" counter matches the change counter
  const valid = header.readUInt32BE(92) === header.readUInt32BE(24);
  const expected = pages * pageSize;
  // with a write-ahead log the header may run ahead of the file until the next checkpoint: SQLite decides
  if (valid && pages > 0 && size < expected && walBytes === 0) return `the file is cut short (${mib(size)} of the ${mib(expected)} its header gives)`;
  return undefined;
}

/** `PRAGMA quick_check` over every page: undefined when sound, else what it found. */
export function integrityProblem(db: DatabaseSync): string | undefined {
  try {
    const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    const lines = rows.map((r) => r.quick_check);
    if (lines.length === 1 && lines[0] === 'ok') return undefined;
    const shown = lines.slice(0, PROBLEM_LINES).join('; ');
    return `the integrity check found damage: ${shown}${lines.length > PROBLEM_LINES ? ` (and ${lines.length - PROBLEM_LINES} more)` : ''}`;
  } catch (error) {
    if (!isDamage(error)) throw error;
    return `the integrity check found damage: ${describeDamage(error)}`;
  }
}

/**
 * Opens (creating when missing) the history database in `dir`, in WAL mode, at the current schema.
 * An existing file is checked whole (`PRAGMA quick_check`) before anything is written to it;
 * a damaged one throws `DamagedDatabaseError` (see `heal.ts`).
 */
export function openDatabase(dir: string): DatabaseSync {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, DATABASE_FILE);
  const problem = fileProblem(file);
  if (problem) throw new DamagedDatabaseError(problem);
  const existed = existsSync(file);
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA busy_timeout = 2000');
    // reads first: an existing file is not written to before it is known to be sound
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    if (existed) {
      const damage = integrityProblem(db);
      if (damage) throw new DamagedDatabaseError(damage);
    }
    // before the first table exists: lets pruning give pages back to the file system
    if (version === 0) db.exec('PRAGMA auto_vacuum = INCREMENTAL');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Moves a damaged database (and its WAL and shared-memory files) aside under a dated name,
 * never deleting anything. The body files stay: rows saved from it still point at them.
 */
export function moveAside(dir: string, stamp: string): string {
  const target = join(dir, `${DATABASE_FILE}.damaged-${stamp}`);
  for (const suffix of ['', '-wal', '-shm']) {
    const from = join(dir, `${DATABASE_FILE}${suffix}`);
    if (existsSync(from)) renameSync(from, `${target}${suffix}`);
  }
  return target;
}

/** A file-name-safe time stamp: `2025-01-31T12-00-00-000Z`. */
export const fileStamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');
