import type { DatabaseSync } from 'node:sqlite';
import { fail } from '@shared/api/errors';
import { ConformanceRun, RunListItem, runListItem } from '@shared/model/conformance';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import { describeDamage, isDamage } from '../history/database';
import type { Logger } from '../log/logger';
import { moveRunsAside, NewerRunsSchemaError, openRunDatabase } from './run-database';

export interface RunStoreOptions {
  /** `dataPaths().conformance` */
  dir: string;
  scrubber: SecretScrubber;
  log: Logger;
  /** runs kept; the oldest go first (default 500) */
  keep?: number;
  onNotice?: (message: string) => void;
}

interface ItemRow {
  run_id: string;
  item: string;
}

/**
 * Finished conformance runs, kept in `node:sqlite` (WAL) so two runs can be compared later. A run
 * is written once, whole, after its secrets are replaced; nothing else writes the file.
 */
export class RunStore {
  private db: DatabaseSync;
  private closed = false;

  constructor(private readonly options: RunStoreOptions) {
    this.db = this.open();
  }

  save(run: ConformanceRun): void {
    const clean = ConformanceRun.parse(JSON.parse(this.options.scrubber.scrub(JSON.stringify(run))));
    const item = runListItem(clean);
    this.guard(() => {
      this.db.exec('BEGIN');
      try {
        this.db
          .prepare(
            `INSERT OR REPLACE INTO runs (run_id, endpoint_id, target_url, profile, started_at, finished_at, cancelled, passed, failed, warned, skipped, item, data)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            clean.runId, clean.target.endpointId ?? null, clean.target.url, clean.profile, clean.startedAt, clean.finishedAt, clean.cancelled ? 1 : 0,
            item.summary.passed, item.summary.failed, item.summary.warned, item.summary.skipped, JSON.stringify(item), JSON.stringify(clean),
          );
        const keep = this.options.keep ?? 500;
        this.db.prepare('DELETE FROM runs WHERE run_id NOT IN (SELECT run_id FROM runs ORDER BY started_at DESC LIMIT ?)').run(keep);
        this.db.exec('COMMIT');
      } catch (error) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /** Newest first; a row that no longer reads as a run is left out and reported once in the log. */
  list(query: { endpointId?: string | undefined; limit: number }): RunListItem[] {
    const rows = this.guard(() =>
      query.endpointId !== undefined
        ? (this.db.prepare('SELECT run_id, item FROM runs WHERE endpoint_id = ? ORDER BY started_at DESC LIMIT ?').all(query.endpointId, query.limit) as unknown as ItemRow[])
        : (this.db.prepare('SELECT run_id, item FROM runs ORDER BY started_at DESC LIMIT ?').all(query.limit) as unknown as ItemRow[]),
    );
    const items: RunListItem[] = [];
    for (const row of rows) {
      const parsed = parseJson(row.item, RunListItem);
      if (parsed.ok) items.push(parsed.value);
      else this.options.log.warn('conformance: a kept run could not be read', { runId: row.run_id, problem: parsed.problem });
    }
    return items;
  }

  get(runId: string): ConformanceRun {
    const row = this.guard(() => this.db.prepare('SELECT data FROM runs WHERE run_id = ?').get(runId) as { data: string } | undefined);
    if (!row) throw fail('not-found', `Conformance run ${runId} is not kept (it may have been deleted)`, { what: 'conformance run' });
    const parsed = parseJson(row.data, ConformanceRun);
    if (!parsed.ok) throw fail('storage', `Conformance run ${runId} in ${this.options.dir} cannot be read: ${parsed.problem}`, { path: this.options.dir, hint: 'Delete this run; the others are not affected.' });
    return parsed.value;
  }

  delete(runIds: readonly string[]): number {
    if (runIds.length === 0) return 0;
    const marks = runIds.map(() => '?').join(', ');
    return this.guard(() => Number(this.db.prepare(`DELETE FROM runs WHERE run_id IN (${marks})`).run(...runIds).changes));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private open(): DatabaseSync {
    try {
      return openRunDatabase(this.options.dir);
    } catch (error) {
      if (!isDamage(error) && !(error instanceof NewerRunsSchemaError)) throw fail('storage', `Cannot open the conformance run database in ${this.options.dir}: ${describeDamage(error)}`, { path: this.options.dir });
      this.setAside(error);
      return openRunDatabase(this.options.dir);
    }
  }

  private guard<T>(work: () => T): T {
    if (this.closed) throw fail('storage', 'The conformance run database is closed (the app is stopping)', { path: this.options.dir });
    try {
      return work();
    } catch (error) {
      if (!isDamage(error)) throw error;
      try {
        this.db.close();
      } catch {}
      this.setAside(error);
      this.db = openRunDatabase(this.options.dir);
      return work();
    }
  }

  private setAside(error: unknown): void {
    const aside = moveRunsAside(this.options.dir);
    const message = `The conformance run database could not be read (${error instanceof Error ? error.message : String(error)}). It was moved, untouched, to ${aside} and a new, empty one was started.`;
    this.options.log.warn('conformance run database set aside', { path: aside });
    this.options.onNotice?.(message);
  }
}

function parseJson<T>(text: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }): { ok: true; value: T } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: issue ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` : 'unexpected shape' };
}
