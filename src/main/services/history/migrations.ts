import type { DatabaseSync } from 'node:sqlite';

/**
 * The history database's schema, one step per version (`PRAGMA user_version`). Steps are
 * append-only: a released step is never edited, a change is a new step.
 */
export const MIGRATIONS: readonly ((db: DatabaseSync) => void)[] = [
  // 1: entries, full-text index over URL, method, status and bodies, running totals
  (db) => {
    db.exec(`
      CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        endpoint_id TEXT,
        endpoint_name TEXT,
        method TEXT NOT NULL,
        url TEXT NOT NULL,
        status INTEGER,
        error_kind TEXT,
        duration_ms REAL NOT NULL,
        req_bytes INTEGER NOT NULL,
        res_bytes INTEGER NOT NULL,
        req_body TEXT,
        res_body TEXT,
        req_file TEXT,
        res_file TEXT,
        meta TEXT NOT NULL,
        stored_bytes INTEGER NOT NULL
      );
      CREATE INDEX entries_uid ON entries(uid);
      CREATE INDEX entries_started ON entries(started_at);
      CREATE INDEX entries_endpoint ON entries(endpoint_id, id);
      CREATE VIRTUAL TABLE entries_fts USING fts5(
        url, method, status, req_body, res_body,
        content='entries', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TABLE totals (one INTEGER PRIMARY KEY CHECK (one = 1), count INTEGER NOT NULL, bytes INTEGER NOT NULL);
      INSERT INTO totals VALUES (1, 0, 0);
      CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN
        INSERT INTO entries_fts(rowid, url, method, status, req_body, res_body)
          VALUES (new.id, new.url, new.method, new.status, new.req_body, new.res_body);
        UPDATE totals SET count = count + 1, bytes = bytes + new.stored_bytes;
      END;
      CREATE TRIGGER entries_ad AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, url, method, status, req_body, res_body)
          VALUES ('delete', old.id, old.url, old.method, old.status, old.req_body, old.res_body);
        UPDATE totals SET count = count - 1, bytes = bytes - old.stored_bytes;
      END;
    `);
  },
  // 2: runs (the pages of "Fetch all pages"): a group id and label per entry, listed as one row
  (db) => {
    db.exec(`
      ALTER TABLE entries ADD COLUMN group_id TEXT;
      ALTER TABLE entries ADD COLUMN group_label TEXT;
      CREATE INDEX entries_group ON entries(group_id, id) WHERE group_id IS NOT NULL;
    `);
  },
  // 3: the full-text index is brought up to date when the app is idle, not in every insert (a run of
  // hundreds of requests no longer tokenizes every body while it runs); a search catches up first
  (db) => {
    db.exec(`
      ALTER TABLE entries ADD COLUMN fts_pending INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX entries_fts_pending ON entries(id) WHERE fts_pending = 1;
      DROP TRIGGER entries_ai;
      CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN
        UPDATE totals SET count = count + 1, bytes = bytes + new.stored_bytes;
      END;
      DROP TRIGGER entries_ad;
      CREATE TRIGGER entries_ad AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, url, method, status, req_body, res_body)
          SELECT 'delete', old.id, old.url, old.method, old.status, old.req_body, old.res_body WHERE old.fts_pending = 0;
        UPDATE totals SET count = count - 1, bytes = bytes - old.stored_bytes;
      END;
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings `db` to the current schema; each step in its own transaction. */
export function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  const from = row.user_version;
  if (from > SCHEMA_VERSION) {
    throw new NewerSchemaError(from);
  }
  for (let version = from; version < SCHEMA_VERSION; version++) {
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

export class NewerSchemaError extends Error {
  constructor(readonly version: number) {
    super(`it was written by a newer version of the app (schema ${version}; this version knows up to ${SCHEMA_VERSION})`);
    this.name = 'NewerSchemaError';
  }
}
