import { fail } from '@shared/api/errors';
import type { HistoryPageRequest } from '@shared/model/history';

type Param = string | number | null;

/**
 * The user's search text as an FTS5 query: each whitespace-separated term is a phrase (so
 * `jensen@example.com` matches those words in a row) and a prefix (`barb` finds `barbara`).
 * Quotes are escaped, so no text the user types is FTS syntax.
 */
export function ftsQuery(text: string): string | undefined {
  const terms = text
    .split(/\s+/)
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .map((term) => `"${term.replace(/"/g, '""')}"*`);
  return terms.length === 0 ? undefined : terms.join(' AND ');
}

function epoch(value: string, field: string): number {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw fail('validation', `${field}: "${value}" is not a date (use ISO 8601, e.g. 2025-01-31T12:00:00Z)`, { issues: [{ path: field, message: 'not a date' }] });
  return ms;
}

export const SUMMARY_COLUMNS =
  'e.id, e.uid, e.started_at, e.endpoint_id, e.endpoint_name, e.method, e.url, e.status, e.error_kind, e.duration_ms, e.req_bytes, e.res_bytes, e.group_id, e.group_label';

/** What marks a match in a search snippet (private-use characters: no server sends them). */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

/** Conditions on the entry `alias` from the filters (all but the search text and the cursor). */
function fieldConditions(request: HistoryPageRequest, alias: string): { where: string[]; params: Param[] } {
  const where: string[] = [];
  const params: Param[] = [];
  if (request.endpointId) {
    where.push(`${alias}.endpoint_id = ?`);
    params.push(request.endpointId);
  }
  if (request.methods?.length) {
    where.push(`${alias}.method IN (${request.methods.map(() => '?').join(', ')})`);
    params.push(...request.methods);
  }
  if (request.statusClasses?.length) {
    where.push(`(${request.statusClasses.map(() => `${alias}.status BETWEEN ? AND ?`).join(' OR ')})`);
    for (const c of request.statusClasses) {
      const base = Number(c[0]) * 100;
      params.push(base, base + 99);
    }
  }
  if (request.errorsOnly) where.push(`(${alias}.error_kind IS NOT NULL OR ${alias}.status >= 400)`);
  if (request.from) {
    where.push(`${alias}.started_at >= ?`);
    params.push(epoch(request.from, 'from'));
  }
  if (request.to) {
    where.push(`${alias}.started_at < ?`);
    params.push(epoch(request.to, 'to'));
  }
  return { where, params };
}

/**
 * SQL for one page, newest first, keyset-paged on the row id (`id < cursor`), with one row more
 * than the page to know whether another page follows. With search text the full-text index
 * drives the scan in descending rowid order, so a page stops early, and each row says where it
 * matched (a snippet).
 *
 * A run (entries sharing a group id: the pages of "Fetch all pages") is one row, at the place of
 * its newest entry that passes the same search and filters, carrying the run's size; with
 * `groupId` the run's own entries are listed instead.
 */
export function listSql(request: HistoryPageRequest): { sql: string; params: Param[] } {
  const where: string[] = [];
  const params: Param[] = [];
  const match = request.text ? ftsQuery(request.text) : undefined;
  const idColumn = match ? 'f.rowid' : 'e.id';
  if (match) {
    where.push('entries_fts MATCH ?');
    params.push(match);
  }
  if (request.cursor !== undefined) {
    where.push(`${idColumn} < ?`);
    params.push(request.cursor);
  }
  const fields = fieldConditions(request, 'e');
  where.push(...fields.where);
  params.push(...fields.params);
  if (request.groupId !== undefined) {
    where.push('e.group_id = ?');
    params.push(request.groupId);
  } else {
    const newer = fieldConditions(request, 'g');
    const conditions = ['g.group_id = e.group_id', 'g.id > e.id', ...newer.where];
    if (match) conditions.push('g.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)');
    where.push(`(e.group_id IS NULL OR NOT EXISTS (SELECT 1 FROM entries g WHERE ${conditions.join(' AND ')}))`);
    params.push(...newer.params, ...(match ? [match] : []));
  }
  const size = request.groupId !== undefined ? 'NULL' : 'CASE WHEN e.group_id IS NULL THEN NULL ELSE (SELECT count(*) FROM entries s WHERE s.group_id = e.group_id) END';
  const snippet = match ? `snippet(entries_fts, -1, '${MATCH_START}', '${MATCH_END}', '…', 12)` : 'NULL';
  const from = match ? 'entries_fts f JOIN entries e ON e.id = f.rowid' : 'entries e';
  const sql = `SELECT ${SUMMARY_COLUMNS}, ${size} AS group_size, ${snippet} AS snippet FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${idColumn} DESC LIMIT ?`;
  params.push(request.limit + 1);
  return { sql, params };
}
