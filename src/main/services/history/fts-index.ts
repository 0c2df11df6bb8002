import type { DatabaseSync } from 'node:sqlite';

/** Rows indexed in one transaction, between two turns of the event loop. */
const CHUNK = 200;
/** Quiet time after the last write before indexing starts. */
const QUIET_MS = 250;

/**
 * Adds up to `limit` not yet indexed entries to the full-text index; how many it added. Copied inside
 * SQLite, so every value is indexed as the content table holds it (a status bound from JavaScript
 * would be a REAL and tokenize as "200.0", out of step with the content table).
 */
export function indexPending(db: DatabaseSync, limit: number): number {
  db.exec('BEGIN');
  try {
    const added = Number(
      db
        .prepare('INSERT INTO entries_fts(rowid, url, method, status, req_body, res_body) SELECT id, url, method, status, req_body, res_body FROM entries WHERE fts_pending = 1 ORDER BY id LIMIT ?')
        .run(limit).changes,
    );
    if (added > 0) db.prepare('UPDATE entries SET fts_pending = 0 WHERE id IN (SELECT id FROM entries WHERE fts_pending = 1 ORDER BY id LIMIT ?)').run(added);
    db.exec('COMMIT');
    return added;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Keeps history's full-text index up to date without slowing down recording: entries are indexed once
 * writes have been quiet for a moment, a chunk per turn of the event loop; a search first indexes
 * whatever is still waiting, so it never misses an entry.
 */
export class DeferredIndex {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly run: <T>(work: (db: DatabaseSync) => T) => T,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Writes happened: index once they have been quiet for a moment. */
  schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.step(), QUIET_MS);
    this.timer.unref();
  }

  /** Everything now (before a search). */
  catchUp(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.run((db) => {
      while (indexPending(db, CHUNK * 10) > 0);
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private step(): void {
    this.timer = undefined;
    if (this.stopped) return;
    let more: boolean;
    try {
      more = this.run((db) => indexPending(db, CHUNK)) === CHUNK;
    } catch (error) {
      this.onError(error);
      return;
    }
    if (more) {
      this.timer = setTimeout(() => this.step(), 0);
      this.timer.unref();
    }
  }
}
