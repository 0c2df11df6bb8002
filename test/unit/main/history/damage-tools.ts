import { closeSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { HistoryStore } from '../../../../src/main/services/history/history-store';
import { syntheticExchange } from '../../../fixtures/synthetic-exchange';
import { openStore } from './helpers';

export const PAGE_SIZE = 4096;

/** A page of the database as `dbstat` describes it. */
export interface Page {
  name: string;
  path: string;
  pageno: number;
  pagetype: string;
  ncell: number;
}

/** A closed history of `count` entries (ids 1…count, nothing deleted), a few MB on disk. */
export async function buildHistory(dir: string, count: number, bodyBytes = 600): Promise<void> {
  const { store } = openStore(dir);
  for (let i = 1; i <= count; i++) {
    store.record(syntheticExchange(i, { bodyBytes }));
    if (i % 500 === 0) store.flush();
  }
  await store.close();
}

/** Every page of the database, in b-tree order within each tree (read before the damage). */
export function pages(file: string): Page[] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare('SELECT name, path, pageno, pagetype, ncell FROM dbstat ORDER BY name, path').all() as unknown as Page[];
  } finally {
    db.close();
  }
}

/**
 * The leaves of the `entries` table with the row ids each holds: rows were inserted as ids 1…n
 * with none deleted, so the k-th leaf in key order holds the next `ncell` ids.
 */
export function entryLeaves(all: Page[]): { page: Page; ids: number[] }[] {
  let next = 1;
  return all
    .filter((p) => p.name === 'entries' && p.pagetype === 'leaf')
    .map((page) => {
      const ids = Array.from({ length: page.ncell }, (_, i) => next + i);
      next += page.ncell;
      return { page, ids };
    });
}

/** The interior pages above a page (its path's prefixes) in the same tree. */
export function ancestors(all: Page[], page: Page): Page[] {
  const parts = page.path.split('/').filter(Boolean);
  const prefixes = parts.map((_, i) => `/${parts.slice(0, i).join('/')}${i ? '/' : ''}`);
  return all.filter((p) => p.name === page.name && prefixes.includes(p.path));
}

/** Overwrites whole pages in place with a byte that makes no valid b-tree page. */
export function scribble(file: string, pagenos: number[]): void {
  const fd = openSync(file, 'r+');
  try {
    for (const pageno of pagenos) writeSync(fd, Buffer.alloc(PAGE_SIZE, 0xa5), 0, PAGE_SIZE, (pageno - 1) * PAGE_SIZE);
  } finally {
    closeSync(fd);
  }
}

/** Every entry id the store lists, paging through all of history. */
export function listedIds(store: HistoryStore): number[] {
  const ids: number[] = [];
  let cursor: number | undefined;
  for (;;) {
    const page = store.list({ limit: 1000, ...(cursor !== undefined ? { cursor } : {}) });
    ids.push(...page.entries.map((e) => e.id));
    if (page.nextCursor === undefined) return ids.sort((a, b) => a - b);
    cursor = page.nextCursor;
  }
}

/** The damaged database kept beside the new one (not its -wal / -shm companions). */
export function asideFile(dir: string): string | undefined {
  const name = readdirSync(dir).find((f) => /^history\.sqlite\.damaged-[0-9TZ-]+$/.test(f));
  return name && join(dir, name);
}

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
