import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export const RUNS_FILE = 'runs.sqlite';

/**
 * The run database's schema, one step per version (`PRAGMA user_version`); released steps are never
 * edited. A run is kept whole as JSON (`data`); the columns beside it are what lists and filters read.
 */
const MIGRATIONS: readonly ((db: DatabaseSync) => void)[] = [
  (db) => {
    db.exec(`
      CREATE TABLE runs (
        run_id TEXT PRIMARY KEY,
        endpoint_id TEXT,
        target_url TEXT NOT NULL,
        profile TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        cancelled INTEGER NOT NULL,
        passed INTEGER NOT NULL,
        failed INTEGER NOT NULL,
        warned INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        item TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX runs_started ON runs(started_at);
      CREATE INDEX runs_endpoint ON runs(endpoint_id, started_at);
    `);
  },
];

export const RUNS_SCHEMA_VERSION = MIGRATIONS.length;

export class NewerRunsSchemaError extends Error {
  constructor(readonly version: number) {
    super(`it was written by a newer version of the app (schema ${version}; this version knows up to ${RUNS_SCHEMA_VERSION})`);
    this.name = 'NewerRunsSchemaError';
  }
}

function migrate(db: DatabaseSync): void {
  const { user_version: from } = db.prepare('PRAGMA user_version').get() as { user_version: number };
  if (from > RUNS_SCHEMA_VERSION) throw new NewerRunsSchemaError(from);
  for (let version = from; version < RUNS_SCHEMA_VERSION; version++) {
    db.exec('BEGIN');
    try {
      MIGRATIONS[version]!(db);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

/** Opens (creating when missing) the run database in `dir`, in WAL mode, at the current schema. */
export function openRunDatabase(dir: string): DatabaseSync {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(join(dir, RUNS_FILE));
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA busy_timeout = 2000');
    migrate(db);
    db.prepare('SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Moves a damaged run database (with its WAL and shared-memory files) aside, deleting nothing. */
export function moveRunsAside(dir: string, now = new Date()): string {
  const target = join(dir, `${RUNS_FILE}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`);
  for (const suffix of ['', '-wal', '-shm']) {
    const from = join(dir, `${RUNS_FILE}${suffix}`);
    if (existsSync(from)) renameSync(from, `${target}${suffix}`);
  }
  return target;
}
