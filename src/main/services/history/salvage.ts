import { existsSync, rmSync } from 'node:fs';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';

/** What could be copied out of a damaged history database. */
export interface SalvageResult {
  saved: number;
  /** how many entries the damaged file held, when it can still tell (its totals row, or an index) */
  held: number | undefined;
  /** body files (`req_file`, `res_file`) the saved rows refer to */
  bodyFiles: Set<string>;
  /** why not a single row could be read, if so */
  unreadable?: string;
}

/** Row ids read per query; a range that fails is halved until the bad rows stand alone. */
const CHUNK = 256;
/** When no bound can be read, rows per page assumed to guess the highest id (small rows). */
const ROWS_PER_PAGE_GUESS = 64;

type Row = Record<string, SQLInputValue>;

function tryGet<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * Copies every row of `entries` that can still be read from the damaged database at `file` into
 * `into` (a new database at the current schema), keeping ids. Rows are read range by range; a
 * range that meets a bad page is split in halves down to single rows, so a bad page loses only
 * the rows it held. The file is opened read-only and left exactly as it was.
 */
export function salvageEntries(file: string, into: DatabaseSync): SalvageResult {
  const result: SalvageResult = { saved: 0, held: undefined, bodyFiles: new Set() };
  const shm = `${file}-shm`;
  const hadShm = existsSync(shm);
  let from: DatabaseSync;
  try {
    from = new DatabaseSync(file, { readOnly: true, defensive: false });
    // a file cut short: read the pages that are there instead of refusing the whole file
    // (only takes effect outside defensive mode; the connection is read-only either way)
    from.exec('PRAGMA writable_schema = ON');
  } catch (error) {
    return { ...result, unreadable: (error as Error).message };
  }
  try {
    copyRows(from, into, result);
  } finally {
    from.close();
    // reading a WAL database makes a shared-memory file; the damaged one is left as it was found
    if (!hadShm) rmSync(shm, { force: true });
  }
  return result;
}

function copyRows(from: DatabaseSync, into: DatabaseSync, result: SalvageResult): void {
  const target = (into.prepare('PRAGMA table_info(entries)').all() as { name: string }[]).map((c) => c.name);
  let source: string[];
  try {
    source = (from.prepare('PRAGMA table_info(entries)').all() as { name: string }[]).map((c) => c.name);
  } catch (error) {
    result.unreadable = `its list of tables cannot be read (${(error as Error).message})`;
    return;
  }
  const columns = target.filter((c) => source.includes(c));
  if (!columns.includes('id')) {
    result.unreadable = 'it has no history entries table';
    return;
  }
  result.held = heldCount(from);
  const select = from.prepare(`SELECT ${columns.join(', ')} FROM entries WHERE id BETWEEN ? AND ? ORDER BY id`);
  // one row by key: a range scan also steps onto the next row's page, which may be the bad one
  const selectOne = from.prepare(`SELECT ${columns.join(', ')} FROM entries WHERE id = ?`);
  const insert = into.prepare(`INSERT OR IGNORE INTO entries (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const seen = new Set<number>();
  const keep = (row: Row) => {
    const id = Number(row.id);
    if (seen.has(id) || !plausible(row)) return;
    seen.add(id);
    if (Number(insert.run(...columns.map((c) => row[c] ?? null)).changes) === 0) return;
    result.saved++;
    for (const name of [row.req_file, row.res_file]) if (typeof name === 'string') result.bodyFiles.add(name);
  };
  const copyRange = (lo: number, hi: number): void => {
    let rows: Row[];
    try {
      rows = lo === hi ? ([selectOne.get(lo)].filter(Boolean) as Row[]) : (select.all(lo, hi) as Row[]);
    } catch {
      if (lo === hi) return;
      const mid = Math.floor((lo + hi) / 2);
      copyRange(lo, mid);
      copyRange(mid + 1, hi);
      return;
    }
    for (const row of rows) keep(row);
  };
  const { lo, hi } = idBounds(from);
  into.exec('BEGIN');
  try {
    for (let at = lo; at <= hi; at += CHUNK) copyRange(at, Math.min(hi, at + CHUNK - 1));
    into.exec('COMMIT');
  } catch (error) {
    if (into.isTransaction) into.exec('ROLLBACK');
    throw error;
  }
}

/** A row whose text columns hold what the app wrote (a damaged page can read back as junk). */
function plausible(row: Row): boolean {
  if (typeof row.uid !== 'string' || typeof row.method !== 'string' || typeof row.url !== 'string' || typeof row.meta !== 'string') return false;
  try {
    const meta = JSON.parse(row.meta) as { exchange?: unknown } | null;
    return typeof meta === 'object' && meta !== null && typeof meta.exchange === 'object';
  } catch {
    return false;
  }
}

/** The entry count before the damage: the running totals, else a count that an index can answer. */
function heldCount(from: DatabaseSync): number | undefined {
  const totals = tryGet(() => from.prepare('SELECT count FROM totals').get() as { count: number } | undefined);
  if (typeof totals?.count === 'number') return totals.count;
  const counted = tryGet(() => from.prepare('SELECT count(*) AS n FROM entries').get() as { n: number });
  return counted?.n;
}

/** The lowest and highest row ids, from the table's ends, else from any index that can be read. */
function idBounds(from: DatabaseSync): { lo: number; hi: number } {
  const one = (sql: string) => tryGet(() => (from.prepare(sql).get() as { id: number | null } | undefined)?.id ?? undefined);
  const indexes = (tryGet(() => from.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'entries'").all() as { name: string }[]) ?? []).map(
    (r) => r.name,
  );
  const fromIndexes = (fn: 'min' | 'max') =>
    indexes.map((name) => one(`SELECT ${fn}(id) AS id FROM entries INDEXED BY "${name.replace(/"/g, '""')}"`)).filter((n): n is number => n !== undefined);
  const lo = one('SELECT id FROM entries ORDER BY id LIMIT 1') ?? Math.min(...fromIndexes('min'), Number.POSITIVE_INFINITY);
  let hi = one('SELECT id FROM entries ORDER BY id DESC LIMIT 1') ?? Math.max(...fromIndexes('max'), Number.NEGATIVE_INFINITY);
  if (!Number.isFinite(hi)) {
    const pages = tryGet(() => (from.prepare('PRAGMA page_count').get() as { page_count: number }).page_count) ?? 0;
    hi = pages * ROWS_PER_PAGE_GUESS;
  }
  return { lo: Number.isFinite(lo) ? lo : 1, hi };
}
