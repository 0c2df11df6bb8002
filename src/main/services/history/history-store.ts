import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { DeferredIndex } from './fts-index';
import { fail } from '@shared/api/errors';
import type { HttpExchange } from '@shared/model/exchange';
import type { HistoryPage, HistoryPageRequest, HistoryStats, HistorySummary } from '@shared/model/history';
import type { Settings } from '@shared/model/settings';

type HistorySettings = Settings['history'];
import type { ExchangeRecord } from '@shared/redact/exchanges';
import type { Replacement } from '@shared/redact/options';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import type { CompletedExchange, ExchangeSink } from '../exchange-sink';
import type { Logger } from '../log/logger';
import { BodyFiles } from './body-files';
import { removeStaleTempsSync } from '../storage/stale-temps';
import { BODIES_DIR, DATABASE_FILE, describeDamage, integrityProblem, isDamage, isSqliteError, openDatabase } from './database';
import { healHistory, healNotice } from './heal';
import { HistoryRedaction, type EntryMeta, type EntryRow } from './entry-row';
import { listSql } from './list-query';
import { pruneStep, retentionExcess } from './retention';

export type HistoryChangeReason = 'recorded' | 'deleted' | 'cleared' | 'pruned' | 'reset';

export interface HistoryStoreOptions {
  /** folder of the database and its body files (`dataPaths().history`) */
  dir: string;
  scrubber: SecretScrubber;
  settings: () => HistorySettings;
  log: Logger;
  onChange?: (reason: HistoryChangeReason, count: number) => void;
  /** a problem the user must hear about (a damaged database healed: what was saved, what was lost) */
  onNotice?: (message: string) => void;
  now?: () => number;
}

/** A stored entry read back whole. */
export interface StoredEntry {
  summary: HistorySummary;
  exchange: HttpExchange;
  requestBody: string | undefined;
  responseBody: string | undefined;
  /** what was replaced when it was written */
  redactions?: Replacement[];
}

interface SummaryRow {
  id: number;
  uid: string;
  started_at: number;
  endpoint_id: string | null;
  endpoint_name: string | null;
  method: string;
  url: string;
  status: number | null;
  error_kind: string | null;
  duration_ms: number;
  req_bytes: number;
  res_bytes: number;
  group_id: string | null;
  group_label: string | null;
  /** in a list: how many entries the run has (set on a row that stands for a run) */
  group_size?: number | null;
  /** in a search: where the text matched */
  snippet?: string | null;
}

interface FullRow extends SummaryRow {
  req_body: string | null;
  res_body: string | null;
  req_file: string | null;
  res_file: string | null;
  meta: string;
}

const INSERT = `INSERT INTO entries (uid, started_at, endpoint_id, endpoint_name, method, url, status, error_kind, duration_ms,
  req_bytes, res_bytes, req_body, res_body, req_file, res_file, meta, stored_bytes, group_id, group_label, fts_pending)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`;
/**
 * Recorded entries wait this long (or until this many wait) and are written in one transaction: a
 * commit per exchange cost ~100 µs of SQLite time each while a conformance run sent hundreds.
 */
const FLUSH_MS = 20;
const FLUSH_ROWS = 100;
/** Retention is looked at no more often than this while requests keep coming. */
const PRUNE_CHECK_MS = 2000;

const BATCH = 250;

function toSummary(row: SummaryRow): HistorySummary {
  return {
    id: row.id,
    exchangeId: row.uid,
    startedAt: new Date(row.started_at).toISOString(),
    endpointId: row.endpoint_id ?? undefined,
    endpointName: row.endpoint_name ?? undefined,
    method: row.method,
    url: row.url,
    status: row.status ?? undefined,
    errorKind: row.error_kind ?? undefined,
    durationMs: row.duration_ms,
    requestBytes: row.req_bytes,
    responseBytes: row.res_bytes,
    ...(row.group_id ? { group: { id: row.group_id, label: row.group_label ?? '', ...(typeof row.group_size === 'number' ? { size: row.group_size } : {}) } } : {}),
    ...(row.snippet ? { snippet: row.snippet } : {}),
  };
}

/**
 * Every sent request, in `node:sqlite` (WAL, FTS5). It is the request engine's `ExchangeSink`:
 * `record` redacts at once and queues; the queue is written in one transaction per turn of the
 * event loop. Retention prunes in small batches between turns.
 */
export class HistoryStore implements ExchangeSink {
  readonly notices: string[] = [];
  private db!: DatabaseSync;
  private insert!: StatementSync;
  private readonly files: BodyFiles;
  private readonly redaction: HistoryRedaction;
  private pending: EntryRow[] = [];
  private flushScheduled = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private pruning: Promise<number> | undefined;
  private pruneAgain = false;
  private closed = false;
  /** the full integrity check already ran after a read error this session */
  private checkedAfterError = false;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;
  private readonly index: DeferredIndex;
  private pruneCheckedAt = 0;
  private pruneCheck: NodeJS.Timeout | undefined;

  constructor(private readonly options: HistoryStoreOptions) {
    this.files = new BodyFiles(join(options.dir, BODIES_DIR));
    this.redaction = new HistoryRedaction(options.scrubber);
    this.now = options.now ?? Date.now;
    this.index = new DeferredIndex(
      (work) => this.guard(() => work(this.db)),
      (error) => this.options.log.warn('history: full-text indexing failed', { error: String(error) }),
    );
    this.openOrHeal();
    // age-based retention also applies while nothing is sent
    this.timer = setInterval(() => this.schedulePrune(), 60 * 60 * 1000);
    this.timer.unref();
    this.schedulePrune();
  }

  // ---- recording ----------------------------------------------------------------------------

  record(completed: CompletedExchange): void {
    const settings = this.options.settings();
    if (!settings.enabled || this.closed) return;
    try {
      this.pending.push(this.redaction.row(completed, settings.inlineBodyBytes));
    } catch (error) {
      this.options.log.error('history: could not prepare an entry', { exchange: completed.exchange.id, error: String(error) });
      return;
    }
    if (this.pending.length >= FLUSH_ROWS) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      this.flushTimer = setTimeout(() => this.flush(), FLUSH_MS);
    }
  }

  /**
   * Writes what `record` queued. Runs by itself `FLUSH_MS` after the first entry queued (or once
   * `FLUSH_ROWS` wait); reads, tests and shutdown call it first.
   */
  flush(): void {
    this.flushScheduled = false;
    clearTimeout(this.flushTimer);
    if (this.pending.length === 0 || this.closed) return;
    const rows = this.pending;
    this.pending = [];
    try {
      this.guard(() => this.insertRows(rows));
    } catch (error) {
      this.options.log.error('history: entries could not be written', { count: rows.length, error: String(error) });
      this.notify(`${rows.length} request(s) could not be added to history: ${describeDamage(error)}`);
      return;
    }
    this.options.onChange?.('recorded', rows.length);
    this.index.schedule();
    this.schedulePruneSoon();
  }

  /** A retention check after writes, at most one per PRUNE_CHECK_MS while writes keep coming. */
  private schedulePruneSoon(): void {
    if (this.pruneCheck) return;
    const wait = Math.max(0, this.pruneCheckedAt + PRUNE_CHECK_MS - Date.now());
    if (wait === 0) {
      this.pruneCheckedAt = Date.now();
      this.schedulePrune();
      return;
    }
    this.pruneCheck = setTimeout(() => {
      this.pruneCheck = undefined;
      this.pruneCheckedAt = Date.now();
      this.schedulePrune();
    }, wait);
    this.pruneCheck.unref();
  }

  private insertRows(rows: EntryRow[]): void {
    const written: string[] = [];
    try {
      this.db.exec('BEGIN');
      for (const row of rows) {
        const reqFile = row.request.whole !== undefined ? this.files.write(row.uid, 'req', row.request.whole) : null;
        const resFile = row.response.whole !== undefined ? this.files.write(row.uid, 'res', row.response.whole) : null;
        if (reqFile) written.push(reqFile);
        if (resFile) written.push(resFile);
        const stored =
          row.url.length + row.meta.length + (row.request.inline?.length ?? 0) + (row.response.inline?.length ?? 0) + (row.request.whole?.length ?? 0) + (row.response.whole?.length ?? 0) + 64;
        this.insert.run(
          row.uid, row.startedAt, row.endpointId, row.endpointName, row.method, row.url, row.status, row.errorKind, row.durationMs,
          row.requestBytes, row.responseBytes, row.request.inline, row.response.inline, reqFile, resFile, row.meta, stored, row.groupId, row.groupLabel,
        );
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      this.files.remove(written);
      throw error;
    }
  }

  // ---- reading -------------------------------------------------------------------------------

  list(request: HistoryPageRequest): HistoryPage {
    this.flush();
    if (request.text) this.index.catchUp();
    const { sql, params } = listSql(request);
    const rows = this.guard(() => this.db.prepare(sql).all(...params) as unknown as SummaryRow[]);
    const more = rows.length > request.limit;
    const page = more ? rows.slice(0, request.limit) : rows;
    return { entries: page.map(toSummary), ...(more ? { nextCursor: page[page.length - 1]!.id } : {}) };
  }

  get(id: number): StoredEntry {
    this.flush();
    const row = this.guard(() => this.db.prepare(`SELECT * FROM entries WHERE id = ?`).get(id) as unknown as FullRow | undefined);
    if (!row) throw fail('not-found', `History entry ${id} does not exist (it may have been deleted or pruned)`, { what: 'history entry' });
    return this.toStored(row);
  }

  /** Entries by id, oldest first (the order a log reads in), with whole bodies: what exports use. */
  records(ids: readonly number[]): ExchangeRecord[] {
    return [...new Set(ids)]
      .sort((a, b) => a - b)
      .map((id) => this.get(id))
      .map(({ exchange, requestBody, responseBody, redactions }) => ({ exchange, requestBody, responseBody, redactions }));
  }

  /** The entry recorded for an exchange id (what the engine returned), if it is still kept. */
  findByExchangeId(exchangeId: string): StoredEntry | undefined {
    this.flush();
    const row = this.guard(() => this.db.prepare('SELECT * FROM entries WHERE uid = ? ORDER BY id DESC LIMIT 1').get(exchangeId) as unknown as FullRow | undefined);
    return row && this.toStored(row);
  }

  stats(): HistoryStats {
    this.flush();
    return this.guard(() => {
      const totals = this.db.prepare('SELECT count, bytes FROM totals').get() as { count: number; bytes: number };
      const range = this.db.prepare('SELECT min(started_at) AS oldest, max(started_at) AS newest FROM entries').get() as { oldest: number | null; newest: number | null };
      return {
        count: totals.count,
        bytes: totals.bytes,
        ...(range.oldest !== null ? { oldest: new Date(range.oldest).toISOString() } : {}),
        ...(range.newest !== null ? { newest: new Date(range.newest).toISOString() } : {}),
      };
    });
  }

  private toStored(row: FullRow): StoredEntry {
    const meta = JSON.parse(row.meta) as EntryMeta;
    const requestBody = row.req_file ? (this.files.read(row.req_file) ?? row.req_body ?? undefined) : (row.req_body ?? undefined);
    const responseBody = row.res_file ? (this.files.read(row.res_file) ?? row.res_body ?? undefined) : (row.res_body ?? undefined);
    return { summary: toSummary(row), exchange: meta.exchange, requestBody, responseBody, redactions: meta.redactions };
  }

  // ---- deleting --------------------------------------------------------------------------------

  async delete(ids: readonly number[]): Promise<number> {
    this.flush();
    let deleted = 0;
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += BATCH) {
      deleted += this.deleteIds(unique.slice(i, i + BATCH));
      if (i + BATCH < unique.length) await yieldToLoop();
    }
    if (deleted > 0) this.options.onChange?.('deleted', deleted);
    return deleted;
  }

  /** Everything goes: the files are removed and a new, empty database is created. */
  async clear(): Promise<void> {
    this.pending = [];
    await this.pruning;
    this.db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(this.options.dir, `${DATABASE_FILE}${suffix}`), { force: true });
    rmSync(this.files.dir, { recursive: true, force: true });
    this.openOrHeal();
    this.options.onChange?.('cleared', 0);
  }

  private deleteIds(ids: readonly number[]): number {
    if (ids.length === 0) return 0;
    return this.guard(() => {
      const marks = ids.map(() => '?').join(', ');
      const files = this.db.prepare(`SELECT req_file, res_file FROM entries WHERE id IN (${marks})`).all(...ids) as { req_file: string | null; res_file: string | null }[];
      this.db.exec('BEGIN');
      try {
        const result = this.db.prepare(`DELETE FROM entries WHERE id IN (${marks})`).run(...ids);
        this.db.exec('COMMIT');
        this.files.remove(files.flatMap((f) => [f.req_file, f.res_file]));
        return Number(result.changes);
      } catch (error) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  // ---- retention ---------------------------------------------------------------------------------

  /** Prunes to the retention settings in batches, yielding to the event loop between them. */
  prune(): Promise<number> {
    if (this.pruning) {
      this.pruneAgain = true;
      return this.pruning;
    }
    this.pruning = (async () => {
      let total = 0;
      try {
        do {
          this.pruneAgain = false;
          for (;;) {
            if (this.closed) return total;
            const ids = this.guard(() => pruneStep(this.db, this.options.settings(), this.now(), BATCH));
            if (ids.length === 0) break;
            total += this.deleteIds(ids);
            await yieldToLoop();
          }
        } while (this.pruneAgain);
        if (total > 0 && !this.closed) {
          this.guard(() => this.db.exec('PRAGMA incremental_vacuum'));
          this.options.onChange?.('pruned', total);
        }
      } catch (error) {
        this.options.log.error('history: pruning failed', { error: String(error) });
      } finally {
        this.pruning = undefined;
      }
      return total;
    })();
    return this.pruning;
  }

  private schedulePrune(): void {
    if (this.closed) return;
    try {
      if (this.guard(() => retentionExcess(this.db, this.options.settings(), this.now()))) void this.prune();
    } catch (error) {
      this.options.log.warn('history: retention check failed', { error: String(error) });
    }
  }

  /** Waits for queued writes and a running prune, and brings the full-text index up to date: no work left for later. */
  async idle(): Promise<void> {
    this.flush();
    while (this.pruning) await this.pruning;
    this.index.catchUp();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    clearInterval(this.timer);
    if (this.pruneCheck) clearTimeout(this.pruneCheck);
    this.index.stop();
    await this.pruning;
    this.db.close();
  }

  // ---- damage --------------------------------------------------------------------------------------

  /**
   * Runs `work`; if the database turns out to be damaged, heals it (a new database with every entry
   * that can still be read, the damaged file kept beside it) and retries once.
   */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      const problem = this.damage(error);
      if (problem === undefined) throw error;
      this.healNow(problem);
      return work();
    }
  }

  /** What is damaged, if `error` says so; the first other SQLite error runs the full integrity check. */
  private damage(error: unknown): string | undefined {
    if (isDamage(error)) return describeDamage(error);
    if (!isSqliteError(error) || this.checkedAfterError) return undefined;
    this.checkedAfterError = true;
    try {
      return integrityProblem(this.db);
    } catch {
      return undefined;
    }
  }

  private openOrHeal(): void {
    removeStaleTempsSync(this.files.dir);
    try {
      this.db = openDatabase(this.options.dir);
    } catch (error) {
      if (!isDamage(error)) throw fail('storage', `Cannot open the history database in ${this.options.dir}: ${describeDamage(error)}`, { path: this.options.dir });
      this.heal(describeDamage(error));
    }
    this.insert = this.db.prepare(INSERT);
    // entries left unindexed by the last session, or copied out of a damaged database
    this.index.schedule();
  }

  private healNow(problem: string): void {
    try {
      this.db.close();
    } catch {}
    this.heal(problem);
    this.insert = this.db.prepare(INSERT);
    this.index.schedule();
    this.options.onChange?.('reset', 0);
  }

  private heal(problem: string): void {
    const { db, report } = healHistory(this.options.dir, problem, new Date());
    this.db = db;
    this.options.log.warn('history database damaged; readable entries saved into a new one', { ...report, orphanBodies: report.orphanBodies?.count });
    this.notify(healNotice(report));
  }

  private notify(message: string): void {
    this.notices.push(message);
    this.options.onNotice?.(message);
  }
}
