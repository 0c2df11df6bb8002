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
  'e.id, e.uid, e.started_at, e.endpoint_id, e.endpoint_name, e.method, e.url, e.status, e.error_kind, e.duration_ms, e.req_bytes, e.res_bytes';

/**
 * SQL for one page, newest first, keyset-paged on the row id (`id < cursor`), with one row more
 * than the page to know whether another page follows. With search text the full-text index
 * drives the scan in descending rowid order, so a page stops early.
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
  if (request.endpointId) {
    where.push('e.endpoint_id = ?');
    params.push(request.endpointId);
  }
  if (request.methods?.length) {
    where.push(`e.method IN (${request.methods.map(() => '?').join(', ')})`);
    params.push(...request.methods);
  }
  if (request.statusClasses?.length) {
    where.push(`(${request.statusClasses.map(() => 'e.status BETWEEN ? AND ?').join(' OR ')})`);
    for (const c of request.statusClasses) {
      const base = Number(c[0]) * 100;
      params.push(base, base + 99);
    }
  }
  if (request.errorsOnly) where.push('(e.error_kind IS NOT NULL OR e.status >= 400)');
  if (request.from) {
    where.push('e.started_at >= ?');
    params.push(epoch(request.from, 'from'));
  }
  if (request.to) {
    where.push('e.started_at < ?');
    params.push(epoch(request.to, 'to'));
  }
  const from = match ? 'entries_fts f JOIN entries e ON e.id = f.rowid' : 'entries e';
  const sql = `SELECT ${SUMMARY_COLUMNS} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${idColumn} DESC LIMIT ?`;
  params.push(request.limit + 1);
  return { sql, params };
}
