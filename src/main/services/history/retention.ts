import type { DatabaseSync } from 'node:sqlite';
import type { Settings } from '@shared/model/settings';

type HistorySettings = Settings['history'];

const DAY = 24 * 60 * 60 * 1000;

interface Totals {
  count: number;
  bytes: number;
}

function totals(db: DatabaseSync): Totals {
  return db.prepare('SELECT count, bytes FROM totals').get() as unknown as Totals;
}

/** Whether anything is over the retention limits (count, total size, age). Cheap: totals row and an index. */
export function retentionExcess(db: DatabaseSync, settings: HistorySettings, now: number): boolean {
  const t = totals(db);
  if (t.count > settings.maxEntries || t.bytes > settings.maxBytes) return true;
  const oldest = db.prepare('SELECT min(started_at) AS oldest FROM entries').get() as { oldest: number | null };
  return oldest.oldest !== null && oldest.oldest < now - settings.maxAgeDays * DAY;
}

/** Ids of the next (at most `batch`) entries to prune: too old first, then the oldest over the count and size limits. */
export function pruneStep(db: DatabaseSync, settings: HistorySettings, now: number, batch: number): number[] {
  const cutoff = now - settings.maxAgeDays * DAY;
  const old = db.prepare('SELECT id FROM entries WHERE started_at < ? ORDER BY started_at LIMIT ?').all(cutoff, batch) as { id: number }[];
  if (old.length > 0) return old.map((r) => r.id);
  const t = totals(db);
  if (t.count > settings.maxEntries) {
    const rows = db.prepare('SELECT id FROM entries ORDER BY id LIMIT ?').all(Math.min(batch, t.count - settings.maxEntries)) as { id: number }[];
    return rows.map((r) => r.id);
  }
  if (t.bytes > settings.maxBytes) {
    const rows = db.prepare('SELECT id, stored_bytes FROM entries ORDER BY id LIMIT ?').all(batch) as { id: number; stored_bytes: number }[];
    const ids: number[] = [];
    let excess = t.bytes - settings.maxBytes;
    for (const row of rows) {
      if (excess <= 0) break;
      ids.push(row.id);
      excess -= row.stored_bytes;
    }
    return ids;
  }
  return [];
}
