import { member } from './features';
import { listIds } from './queries';
import { describe, isListResponse, resourcesOf } from './responses';
import type { CheckContext, ScimRequest, ScimResponse } from './types';

/** One page of a ListResponse, read leniently (member names in any case). */
export interface Page {
  response: ScimResponse;
  /** ids of its Resources, in order */
  ids: string[];
  /** Resources length (also those without an id) */
  size: number;
  totalResults: unknown;
  itemsPerPage: unknown;
  startIndex: unknown;
  /** the values as sent (may be null, a number, an empty string …) */
  nextCursor: unknown;
  previousCursor: unknown;
}

export function readPage(response: ScimResponse): Page {
  const json = response.json;
  return {
    response,
    ids: listIds(response),
    size: resourcesOf(json)?.length ?? 0,
    totalResults: member(json, 'totalResults'),
    itemsPerPage: member(json, 'itemsPerPage'),
    startIndex: member(json, 'startIndex'),
    nextCursor: member(json, 'nextCursor'),
    previousCursor: member(json, 'previousCursor'),
  };
}

/** A usable cursor: a non-empty string (null and absent mean "none", RFC 7643 §2.5). */
export const cursorOf = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export const okPage = (response: ScimResponse) => response.status === 200 && isListResponse(response.json);

export interface Walk {
  pages: Page[];
  /** why the walk stopped */
  end: 'done' | 'loop' | 'limit' | 'error';
  /** the answer that was not a page (end = error) */
  failed?: ScimResponse;
  /** every cursor value seen, in order (next and previous) */
  cursors: unknown[];
}

/**
 * Follows nextCursor from an empty cursor until a page has none (RFC 9865 §2). Stops on an error, on a
 * cursor seen before (an endless loop) and after `maxPages`.
 */
export async function cursorWalk(ctx: CheckContext, request: (cursor: string) => ScimRequest, maxPages: number): Promise<Walk> {
  const pages: Page[] = [];
  const cursors: unknown[] = [];
  const seen = new Set<string>(['']);
  let cursor = '';
  for (;;) {
    if (ctx.signal.aborted || pages.length >= maxPages) return { pages, end: 'limit', cursors };
    const response = await ctx.client.send(request(cursor));
    if (!okPage(response)) return { pages, end: 'error', failed: response, cursors };
    const page = readPage(response);
    pages.push(page);
    if (page.nextCursor !== undefined) cursors.push(page.nextCursor);
    if (page.previousCursor !== undefined) cursors.push(page.previousCursor);
    const next = cursorOf(page.nextCursor);
    if (next === undefined) return { pages, end: 'done', cursors };
    if (seen.has(next)) return { pages, end: 'loop', cursors };
    seen.add(next);
    cursor = next;
  }
}

/** Index paging (RFC 7644 §3.4.2.4): startIndex 1, 1+count … until a page is empty or past totalResults. */
export async function indexWalk(ctx: CheckContext, request: (startIndex: number) => ScimRequest, count: number, maxPages: number): Promise<Walk> {
  const pages: Page[] = [];
  let startIndex = 1;
  for (;;) {
    if (ctx.signal.aborted || pages.length >= maxPages) return { pages, end: 'limit', cursors: [] };
    const response = await ctx.client.send(request(startIndex));
    if (!okPage(response)) return { pages, end: 'error', failed: response, cursors: [] };
    const page = readPage(response);
    pages.push(page);
    const total = typeof page.totalResults === 'number' ? page.totalResults : undefined;
    startIndex += count;
    if (page.size === 0 || (total !== undefined && startIndex > total)) return { pages, end: 'done', cursors: [] };
  }
}

/** Every id of a walk, in order, with the ones seen more than once. */
export function walkIds(walk: Walk): { all: string[]; duplicates: string[] } {
  const all = walk.pages.flatMap((p) => p.ids);
  const duplicates = [...new Set(all.filter((id, i) => all.indexOf(id) !== i))];
  return { all, duplicates };
}

/** "page 2 answered 400 …" for a walk that stopped on an error. */
export function walkFailure(walk: Walk): string {
  return walk.failed ? `page ${walk.pages.length + 1}: ${describe(walk.failed)}` : '';
}
