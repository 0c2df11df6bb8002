import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { isAppTempName } from '../storage/atomic-write';
import { BODIES_DIR, fileStamp, moveAside, openDatabase } from './database';
import { salvageEntries } from './salvage';

/** What healing a damaged history did, for the notice and the log. */
export interface HealReport {
  /** what was wrong */
  problem: string;
  /** where the damaged file now is, untouched */
  aside: string;
  saved: number;
  /** entries that could not be read, when the damaged file could still tell how many it held */
  lost: number | undefined;
  /** why nothing could be read at all, if so */
  unreadable?: string;
  /** where body files of entries that were not saved were moved, if any */
  orphanBodies?: { dir: string; count: number };
}

/**
 * Sets a damaged history database aside and starts a new one holding every entry that can still
 * be read from it. Nothing is deleted: the damaged file keeps its bytes, under a dated name next
 * to the new one, and body files of entries that could not be saved move to a dated folder.
 */
export function healHistory(dir: string, problem: string, now: Date): { db: DatabaseSync; report: HealReport } {
  const stamp = fileStamp(now);
  const aside = moveAside(dir, stamp);
  const db = openDatabase(dir);
  const salvage = salvageEntries(aside, db);
  const report: HealReport = {
    problem,
    aside,
    saved: salvage.saved,
    lost: salvage.held === undefined ? undefined : Math.max(0, salvage.held - salvage.saved),
    ...(salvage.unreadable ? { unreadable: salvage.unreadable } : {}),
  };
  const orphans = moveOrphanBodies(join(dir, BODIES_DIR), salvage.bodyFiles, join(dir, `${BODIES_DIR}.damaged-${stamp}`));
  if (orphans > 0) report.orphanBodies = { dir: join(dir, `${BODIES_DIR}.damaged-${stamp}`), count: orphans };
  return { db, report };
}

/** Moves body files no saved row refers to out of the way (they would never be pruned), keeping them. */
function moveOrphanBodies(bodies: string, referenced: ReadonlySet<string>, target: string): number {
  if (!existsSync(bodies)) return 0;
  let moved = 0;
  for (const entry of readdirSync(bodies, { withFileTypes: true })) {
    if (!entry.isFile() || referenced.has(entry.name) || isAppTempName(entry.name)) continue;
    if (moved === 0) mkdirSync(target, { recursive: true, mode: 0o700 });
    renameSync(join(bodies, entry.name), join(target, entry.name));
    moved++;
  }
  return moved;
}

const count = (n: number) => n.toLocaleString('en-US');

/** The notice the user reads: what happened, what was saved and lost, where the damaged file is. */
export function healNotice(report: HealReport): string {
  const kept = `The damaged file is kept, untouched, at ${report.aside}`;
  const bodies = report.orphanBodies ? ` Body files of entries that were not saved (${count(report.orphanBodies.count)}) were moved to ${report.orphanBodies.dir}.` : '';
  if (report.saved === 0) {
    const lost = report.lost ? ` (it held ${count(report.lost)} entries)` : '';
    return `The history database could not be read (${report.problem}) and no entry could be saved from it${lost}. ${kept}; a new, empty history was started.${bodies}`;
  }
  const lost =
    report.lost === undefined
      ? `${count(report.saved)} entries were saved into a new history; how many could not be read is not known.`
      : report.lost === 0
        ? `All ${count(report.saved)} entries were saved into a new history.`
        : `${count(report.saved)} of ${count(report.saved + report.lost)} entries were saved into a new history; ${count(report.lost)} could not be read.`;
  return `The history database could not be used (${report.problem}). ${lost} ${kept}.${bodies}`;
}
