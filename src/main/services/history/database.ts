import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate, NewerSchemaError } from './migrations';

export const DATABASE_FILE = 'history.sqlite';
export const BODIES_DIR = 'bodies';

const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

/** The database file is unusable (not SQLite, or damaged pages), as opposed to a passing error. */
export function isDamage(error: unknown): boolean {
  if (error instanceof NewerSchemaError) return true;
  const code = (error as { errcode?: number } | null)?.errcode;
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB || (typeof code === 'number' && (code & 0xff) === SQLITE_CORRUPT);
}

export function describeDamage(error: unknown): string {
  if (error instanceof NewerSchemaError) return error.message;
  const e = error as { errstr?: string; message?: string };
  return e.errstr ?? e.message ?? String(error);
}

/** Opens (creating when missing) the history database in `dir`, in WAL mode, at the current schema. */
export function openDatabase(dir: string): DatabaseSync {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(join(dir, DATABASE_FILE));
  try {
    // reads first: an existing file is not written to before it is known to be sound
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    // before the first table exists: lets pruning give pages back to the file system
    if (version === 0) db.exec('PRAGMA auto_vacuum = INCREMENTAL');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA busy_timeout = 2000');
    if (version > 0) checkReadable(db);
    migrate(db);
    checkReadable(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Touches the schema, the newest and oldest pages and the totals: a damaged file fails here. */
function checkReadable(db: DatabaseSync): void {
  db.prepare('SELECT id FROM entries ORDER BY id DESC LIMIT 1').get();
  db.prepare('SELECT id FROM entries ORDER BY id LIMIT 1').get();
  db.prepare('SELECT count, bytes FROM totals').get();
}

/**
 * Moves a damaged database (and its WAL, shared-memory file and body files) aside, never deleting
 * anything; returns the new name of the database file.
 */
export function moveAside(dir: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = join(dir, `${DATABASE_FILE}.damaged-${stamp}`);
  for (const suffix of ['', '-wal', '-shm']) {
    const from = join(dir, `${DATABASE_FILE}${suffix}`);
    if (existsSync(from)) renameSync(from, `${target}${suffix}`);
  }
  const bodies = join(dir, BODIES_DIR);
  if (existsSync(bodies)) renameSync(bodies, join(dir, `${BODIES_DIR}.damaged-${stamp}`));
  return target;
}
