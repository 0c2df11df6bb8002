import { member } from '../features';
import { cursorOf, cursorWalk, indexWalk, okPage, readPage, walkFailure, walkIds, type Walk } from '../pages';
import { all, needs } from '../preconditions';
import { get, runUsers, show, usersEndpoint, withQuery, type RunUsers } from '../queries';
import { describe, literal } from '../responses';
import type { CheckContext, CheckDefinition, CheckVerdict, ScimRequest } from '../types';
import { fail, pass, skip, warn } from '../verdicts';

export const cursorPaging = all(needs.users, needs.filter, needs.cursor);

/** RFC 3986 §2.3 unreserved characters, the only ones RFC 9865 §2 allows in a cursor. */
export const UNRESERVED = /^[A-Za-z0-9\-._~]+$/;

/** The shared users, two per page, from `cursor`. */
export const cursorQuery = (ctx: CheckContext, users: RunUsers, cursor: string, extra: Record<string, string | number | undefined> = {}): ScimRequest =>
  get(usersEndpoint(ctx.facts), { filter: `userName sw ${literal(users.prefix)}`, count: 2, ...extra, cursor });

export const walkShared = (ctx: CheckContext, users: RunUsers, extra: Record<string, string | number | undefined> = {}) => cursorWalk(ctx, (cursor) => cursorQuery(ctx, users, cursor, extra), 8);

const FIX_NEXT = 'Include nextCursor on every page but the last, and leave it out only when there are no more results (RFC 9865 §2, Table 2).';

/** Fails the check for a walk that did not end normally. */
export function walkTrouble(walk: Walk): CheckVerdict | undefined {
  if (walk.end === 'error') return fail(`The cursor walk failed at ${walkFailure(walk)}`, { expected: '200 pages', actual: walkFailure(walk), fix: 'Accept the nextCursor values you issue, with the same query parameters (RFC 9865 §2).' });
  if (walk.end === 'loop') return fail(`nextCursor repeated a cursor already followed (page ${walk.pages.length}): an endless loop`, { expected: 'a new cursor per page, none on the last', actual: walk.pages.map((p) => show(p.nextCursor)).join(' → '), fix: FIX_NEXT });
  if (walk.end === 'limit') return fail(`The walk over 5 users by 2 did not end after ${walk.pages.length} pages`, { expected: 'about 3 pages, the last without nextCursor', actual: walk.pages.map((p) => `${p.size} Resources, nextCursor ${show(p.nextCursor)}`).join(' | '), fix: FIX_NEXT });
  return undefined;
}

/** Cursor paging (RFC 9865): the walk itself. */
export const cursorChecks: CheckDefinition[] = [
  {
    id: 'K01',
    mutates: false,
    requires: all(needs.users, needs.filter),
    async run(ctx) {
      const pagination = ctx.facts.features.pagination;
      ctx.client.cite(ctx.facts.discovery.serviceProviderConfig);
      if (pagination?.cursor) return pass(`The ServiceProviderConfig claims cursor paging (pagination: cursor true, index ${pagination.index}, default ${pagination.defaultPaginationMethod ?? 'not stated'}); the cursor checks run`);
      const users = await runUsers(ctx);
      const response = await ctx.client.send(cursorQuery(ctx, users, ''));
      const next = okPage(response) ? cursorOf(member(response.json, 'nextCursor')) : undefined;
      if (next !== undefined) {
        return warn('The server answers cursor paging (nextCursor on ?cursor=) but its ServiceProviderConfig does not advertise pagination.cursor, so the cursor checks are skipped', {
          expected: 'pagination: { cursor: true, … } in the ServiceProviderConfig',
          actual: pagination ? `pagination ${JSON.stringify(pagination)}` : 'no pagination member',
          fix: 'Advertise cursor paging in the ServiceProviderConfig (RFC 9865 §4: a provider implementing it SHOULD include "pagination").',
        });
      }
      return skip(`${pagination ? 'pagination.cursor is not true' : 'The ServiceProviderConfig has no pagination member'} and ?cursor= got no nextCursor: the server does not do cursor paging; the cursor checks are skipped`);
    },
  },
  {
    id: 'K02',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const endpoint = usersEndpoint(ctx.facts);
      const forms: [string, ScimRequest][] = [
        ['cursor=', cursorQuery(ctx, users, '')],
        ['cursor (no value, as RFC 9865 writes it)', { method: 'GET', path: `${withQuery(endpoint, { filter: `userName sw ${literal(users.prefix)}`, count: 2 })}&cursor` }],
      ];
      for (const [name, request] of forms) {
        const response = await ctx.client.send(request);
        if (!okPage(response)) return fail(`The first page (${name}) answered ${response.status || 'nothing'}`, { expected: '200 ListResponse with nextCursor', actual: describe(response), fix: 'An empty cursor asks for the first page of a cursor-paged query (RFC 9865 §2).' });
        const page = readPage(response);
        if (cursorOf(page.nextCursor) === undefined) return fail(`The first page of 2 (of 5 results, ${name}) has nextCursor ${show(page.nextCursor)}`, { expected: 'a nextCursor (more results exist)', actual: describe(response), fix: FIX_NEXT });
        if (page.size > 2) return fail(`The first page with count=2 held ${page.size} Resources`, { expected: 'at most 2', actual: describe(response), fix: 'Never return more than count (RFC 9865 §2).' });
      }
      return pass('An empty cursor (cursor= and bare cursor) started the walk: 2 Resources and a nextCursor');
    },
  },
  {
    id: 'K03',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const walk = await walkShared(ctx, users);
      const trouble = walkTrouble(walk);
      if (trouble) return trouble;
      const { all: ids } = walkIds(walk);
      const missing = [...users.ids].filter((id) => !ids.includes(id));
      if (missing.length > 0) return fail(`nextCursor was left out after ${ids.length} of 5 results: ${missing.map(users.label).join(', ')} never came`, { expected: 'nextCursor until all 5 were returned', actual: walk.pages.map((p) => `${p.size} Resources, nextCursor ${show(p.nextCursor)}`).join(' | '), fix: FIX_NEXT });
      const last = walk.pages[walk.pages.length - 1]!;
      return pass(`${walk.pages.length} pages; only the last had no nextCursor${last.size === 0 ? ' (an empty page after the one that completed the results)' : ''}`);
    },
  },
  {
    id: 'K04',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const response = await ctx.client.send(cursorQuery(ctx, users, ''));
      if (!okPage(response)) return fail(`The first page answered ${response.status || 'nothing'}`, { expected: '200 ListResponse', actual: describe(response) });
      const page = readPage(response);
      if (page.previousCursor === undefined || page.previousCursor === null) return pass('The first page has no previousCursor');
      return fail(`The first page carries previousCursor ${show(page.previousCursor)}`, { expected: 'no previousCursor on the first page', actual: describe(response), fix: 'Leave previousCursor out of the first page (RFC 9865 §2, Table 2: "previousCursor MUST not be returned with the first page").' });
    },
  },
  {
    id: 'K05',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const walk = await walkShared(ctx, users);
      const trouble = walkTrouble(walk);
      if (trouble) return trouble;
      const back = walk.pages.map((p, i) => ({ i, cursor: cursorOf(p.previousCursor) })).filter((b) => b.i > 0 && b.cursor !== undefined);
      if (back.length === 0) return skip('The server returns no previousCursor (OPTIONAL, RFC 9865 §2): backward paging not offered');
      const fix = 'A previousCursor must lead to the page before (RFC 9865 §2, Table 2).';
      for (const { i, cursor } of back) {
        const response = await ctx.client.send(cursorQuery(ctx, users, cursor!));
        if (!okPage(response)) return fail(`previousCursor of page ${i + 1} answered ${response.status || 'nothing'}`, { expected: `page ${i} again`, actual: describe(response), fix });
        const page = readPage(response);
        const want = walk.pages[i - 1]!.ids;
        if (page.ids.join() !== want.join()) return fail(`previousCursor of page ${i + 1} led to ${page.ids.map(users.label).join(', ') || 'no users'}, not page ${i} (${want.map(users.label).join(', ')})`, { expected: want.map(users.label).join(', '), actual: describe(response), fix });
        if (i === 1 && cursorOf(page.previousCursor) !== undefined) return fail('Walking back to the first page returned a previousCursor on it', { expected: 'no previousCursor on the first page', actual: describe(response), fix: 'RFC 9865 §2: previousCursor MUST not be returned with the first page.' });
      }
      return pass(`previousCursor led back to the same page each time (${back.length} checked)`);
    },
  },
  {
    id: 'K06',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const walk = await walkShared(ctx, await runUsers(ctx));
      const cursors = walk.cursors.filter((c): c is string => typeof c === 'string' && c !== '');
      if (cursors.length === 0) return walkTrouble(walk) ?? skip('No cursor was returned to look at (see K02)');
      const bad = cursors.filter((c) => !UNRESERVED.test(c));
      if (bad.length === 0) return pass(`${cursors.length} cursors, all of RFC 3986 unreserved characters`);
      const chars = [...new Set(bad.join('').replace(/[A-Za-z0-9\-._~]/g, ''))].join(' ');
      return fail(`${bad.length} of ${cursors.length} cursors contain reserved or other characters: ${chars}`, { expected: 'only A–Z a–z 0–9 - . _ ~', actual: bad.slice(0, 3).map((c) => show(c)).join(', '), fix: 'Encode cursors with URL-safe characters only, e.g. base64url without padding (RFC 9865 §2: the cursor "may only contain characters from the unreserved characters set", RFC 3986 §2.3).' });
    },
  },
  {
    id: 'K07',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const walk = await walkShared(ctx, await runUsers(ctx));
      const values = walk.pages.flatMap((p, i) => [['nextCursor', p.nextCursor, i], ['previousCursor', p.previousCursor, i]] as const).filter(([, v]) => v !== undefined);
      const bad = values.filter(([, v]) => v !== null && (typeof v !== 'string' || v === ''));
      if (bad.length > 0) {
        return fail(`${bad.map(([n, v, i]) => `${n} ${show(v)} on page ${i + 1}`).join(', ')}`, { expected: 'a non-empty string, or the member left out', actual: walk.pages.map((p) => describe(p.response)).join(' | '), fix: 'Cursor values are non-empty strings; on the last page leave nextCursor out (an empty cursor means "first page", RFC 9865 §2).' });
      }
      const trouble = walkTrouble(walk);
      if (trouble) return trouble;
      const nulls = values.filter(([, v]) => v === null).length;
      return pass(`${values.length - nulls} cursor values, all non-empty strings${nulls ? ` (${nulls} null, read as absent)` : ''}`);
    },
  },
  {
    id: 'K08',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const walk = await walkShared(ctx, users);
      const trouble = walkTrouble(walk);
      if (trouble) return trouble;
      const { all: ids, duplicates } = walkIds(walk);
      const fix = 'A cursor walk returns each result exactly once (RFC 9865 §2).';
      const names = (list: readonly string[]) => list.map(users.label).join(', ') || 'none';
      if (duplicates.length > 0) return fail(`The cursor walk repeated ${names(duplicates)}`, { expected: 'each user once', actual: names(ids), fix });
      const missing = [...users.ids].filter((id) => !ids.includes(id));
      if (missing.length > 0) return fail(`The cursor walk never returned ${names(missing)}`, { expected: names([...users.ids]), actual: names(ids), fix });
      if (ctx.facts.features.pagination?.index) {
        const byIndex = await indexWalk(ctx, (startIndex) => get(usersEndpoint(ctx.facts), { filter: `userName sw ${literal(users.prefix)}`, startIndex, count: 2 }), 2, 8);
        const indexIds = walkIds(byIndex).all.filter((id) => users.ids.has(id));
        if (byIndex.end === 'done' && [...new Set(indexIds)].sort().join() !== [...new Set(ids)].sort().join()) {
          return fail('The cursor walk and the index walk returned different users', { expected: `index walk: ${names(indexIds)}`, actual: `cursor walk: ${names(ids)}`, fix });
        }
      }
      return pass(`The cursor walk returned the 5 shared users once each${ctx.facts.features.pagination?.index ? ', the same as the index walk' : ''}`);
    },
  },
  {
    id: 'K09',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const walk = await walkShared(ctx, await runUsers(ctx));
      return walkTrouble(walk) ?? pass(`The walk ended after ${walk.pages.length} pages without repeating a cursor`);
    },
  },
  {
    id: 'K18',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const walk = await walkShared(ctx, await runUsers(ctx));
      const trouble = walkTrouble(walk);
      if (trouble) return trouble;
      const totals = walk.pages.map((p) => p.totalResults);
      if (totals.every((t) => t === undefined)) return pass('totalResults omitted on cursor pages (RFC 9865 §2 allows it)');
      const wrong = totals.filter((t) => t !== undefined && t !== 5);
      if (wrong.length === 0) return pass(`totalResults 5 on ${totals.filter((t) => t !== undefined).length} of ${totals.length} cursor pages`);
      return fail(`totalResults on the cursor pages: ${totals.map(show).join(', ')}`, { expected: 'omitted, or 5 (the matches of the query) on every page', actual: walk.pages.map((p) => describe(p.response)).join(' | '), fix: 'When totalResults is given it counts all results of the query (RFC 7644 §3.4.2; RFC 9865 §2 only allows leaving it out).' });
    },
  },
];
