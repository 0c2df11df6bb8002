import type { Requirement } from '../preconditions';
import { all, needs } from '../preconditions';
import { cursorOf, cursorWalk, okPage, readPage, walkIds, type Page } from '../pages';
import { expectedIds, get, judgeError, listIds, runUsers, scoped, searchRequest, show, usersEndpoint, type RunUsers } from '../queries';
import { describe, literal, scimTypeOf } from '../responses';
import type { CheckContext, CheckDefinition, CheckVerdict } from '../types';
import { fail, pass, skip, warn, worst } from '../verdicts';
import { cursorPaging, cursorQuery, walkShared, walkTrouble } from './cursor';
import { judgeOrder } from './sort';

/** The longest cursorTimeout K11 waits out. */
export const MAX_CURSOR_WAIT_SECONDS = 15;

const shortTimeout: Requirement = (facts) => {
  const timeout = facts.features.pagination?.cursorTimeout;
  if (timeout === undefined) return 'The ServiceProviderConfig advertises no cursorTimeout, so when a cursor expires is unknown';
  if (timeout > MAX_CURSOR_WAIT_SECONDS) return `cursorTimeout is ${timeout} s; a run waits at most ${MAX_CURSOR_WAIT_SECONDS} s for a cursor to expire`;
  return undefined;
};

async function firstCursor(ctx: CheckContext, users: RunUsers, extra: Record<string, string | number | undefined> = {}): Promise<{ page: Page; next: string } | CheckVerdict> {
  const response = await ctx.client.send(cursorQuery(ctx, users, '', extra));
  const page = okPage(response) ? readPage(response) : undefined;
  const next = cursorOf(page?.nextCursor);
  if (!page || next === undefined) return skip(`No nextCursor to work with: the first page answered ${describe(response)} (see K02)`);
  return { page, next };
}

const isVerdict = (value: unknown): value is CheckVerdict => typeof value === 'object' && value !== null && 'status' in value && 'detail' in value;

/** Changes the last character, so an opaque cursor is no longer the one issued. */
const tamper = (cursor: string) => `${cursor.slice(0, -1)}${cursor.endsWith('A') ? 'B' : 'A'}`;

/** Cursor paging (RFC 9865): errors, limits and the cursor's relation to other parameters. */
export const cursorErrorChecks: CheckDefinition[] = [
  {
    id: 'K10',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const fix = 'Answer a cursor you did not issue with 400 and scimType invalidCursor (RFC 9865 §2.1, Table 3); forged cursors should be detected (§5.2).';
      const verdicts: CheckVerdict[] = [];
      const unknown = `${ctx.prefix}NotACursor`;
      const foreign = await ctx.client.send(cursorQuery(ctx, users, unknown));
      if (foreign.status === 200) verdicts.push(fail(`The made-up cursor "${unknown}" was accepted (200)`, { expected: '400 invalidCursor', actual: describe(foreign), fix }));
      else verdicts.push(judgeError(foreign, { what: 'A made-up cursor', scimType: 'invalidCursor', fix }));
      const first = await firstCursor(ctx, users);
      if (!isVerdict(first)) {
        const changed = tamper(first.next);
        const response = await ctx.client.send(cursorQuery(ctx, users, changed));
        if (response.status === 200) verdicts.push(warn('A nextCursor with its last character changed was accepted (200): cursors are not tamper-evident', { expected: '400 invalidCursor', actual: describe(response), fix }));
        else verdicts.push(judgeError(response, { what: 'A changed nextCursor', scimType: 'invalidCursor', fix }));
      }
      return worst(verdicts);
    },
  },
  {
    id: 'K11',
    mutates: false,
    exclusive: true,
    requires: all(cursorPaging, shortTimeout),
    async run(ctx) {
      const users = await runUsers(ctx);
      const timeout = ctx.facts.features.pagination!.cursorTimeout!;
      const first = await firstCursor(ctx, users);
      if (isVerdict(first)) return first;
      await ctx.sleep((timeout + 2) * 1000);
      if (ctx.signal.aborted) return skip('The run was cancelled while waiting for the cursor to expire');
      const response = await ctx.client.send(cursorQuery(ctx, users, first.next));
      const fix = 'Answer an expired cursor with 400 and scimType expiredCursor (RFC 9865 §2.1, Table 3).';
      if (response.status === 200) return pass(`The cursor still worked ${timeout + 2} s later (cursorTimeout ${timeout} s is the least a cursor lives, RFC 9865 §4: allowed)`);
      if (response.status === 400 && scimTypeOf(response) === 'invalidCursor') return warn(`After cursorTimeout (${timeout} s) the cursor was refused with invalidCursor`, { expected: '400 expiredCursor', actual: describe(response), fix });
      return judgeError(response, { what: `A cursor ${timeout + 2} s old (cursorTimeout ${timeout} s)`, scimType: 'expiredCursor', fix });
    },
  },
  {
    id: 'K12',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const max = ctx.facts.features.pagination?.maxPageSize;
      const count = (max ?? 100_000) + 1;
      const response = await ctx.client.send(cursorQuery(ctx, users, '', { count }));
      if (response.status === 400) {
        return scimTypeOf(response) === 'invalidCount' ? pass(`cursor=&count=${count} refused with 400 invalidCount`) : judgeError(response, { what: `cursor=&count=${count}`, scimType: 'invalidCount', fix: 'Refuse a count above maxPageSize with scimType invalidCount, or cap it (RFC 9865 §2.1).' });
      }
      if (!okPage(response)) return fail(`cursor=&count=${count} answered ${response.status || 'nothing'}`, { expected: `200 capped at ${max ?? 'the maximum'} or 400 invalidCount`, actual: describe(response), fix: 'Cap the page or refuse with invalidCount (RFC 9865 §2.1).' });
      const page = readPage(response);
      if (max !== undefined && page.size > max) return fail(`cursor=&count=${count} returned ${page.size} Resources, above maxPageSize ${max}`, { expected: `at most ${max}`, actual: describe(response), fix: 'Never return more than maxPageSize (RFC 9865 §4).' });
      return pass(`cursor=&count=${count} answered 200 with ${page.size} Resources${max !== undefined ? ` (maxPageSize ${max})` : ''}`);
    },
  },
  {
    id: 'K13',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const verdicts: CheckVerdict[] = [];
      const fix = 'With cursor paging count=0 returns only totalResults and a negative count is read as 0 (RFC 9865 §2, Table 1: "A negative value SHALL be interpreted as 0"); invalidCount is for counts outside 0…maxPageSize.';
      for (const count of [0, -1]) {
        const response = await ctx.client.send(cursorQuery(ctx, users, '', { count }));
        if (!okPage(response)) verdicts.push(fail(`cursor=&count=${count} answered ${response.status || 'nothing'}`, { expected: '200 with totalResults and no Resources', actual: describe(response), fix }));
        else {
          const page = readPage(response);
          if (page.size > 0) verdicts.push(fail(`cursor=&count=${count} returned ${page.size} Resources`, { expected: 'no Resources', actual: describe(response), fix }));
          else if (page.totalResults !== undefined && page.totalResults !== 5) verdicts.push(fail(`cursor=&count=${count} answered totalResults ${show(page.totalResults)}`, { expected: 'totalResults 5', actual: describe(response), fix }));
          else verdicts.push(pass(`cursor=&count=${count} → no Resources, totalResults ${show(page.totalResults)}`));
        }
      }
      return worst(verdicts);
    },
  },
  {
    id: 'K14',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const first = await firstCursor(ctx, users);
      if (isVerdict(first)) return first;
      const other = 'title eq "Engineer"';
      const filter = scoped(other, users.prefix);
      const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter, count: 2, cursor: first.next }));
      if (response.status === 400) {
        return scimTypeOf(response) === 'invalidCursor' ? pass('A cursor sent with a different filter was refused with 400 invalidCursor') : judgeError(response, { what: 'A cursor sent with a different filter', scimType: 'invalidCursor', fix: 'A cursor belongs to its query: refuse it for another one with invalidCursor (RFC 9865 §2, §2.1).' });
      }
      if (!okPage(response)) return fail(`A cursor sent with a different filter answered ${response.status || 'nothing'}`, { expected: '400 invalidCursor, or a page of the new query', actual: describe(response), fix: 'Refuse the cursor with invalidCursor (RFC 9865 §2.1).' });
      const allowed = new Set(expectedIds(ctx.facts, users.users, other));
      const wrong = listIds(response).filter((id) => users.ids.has(id) && !allowed.has(id));
      if (wrong.length > 0) return fail(`A cursor sent with filter ${other} returned users that do not match it: ${wrong.map(users.label).join(', ')}`, { expected: `400 invalidCursor, or only users matching ${other}`, actual: describe(response), fix: 'Bind the cursor to its query and refuse it for another one with invalidCursor (RFC 9865 §2.1).' });
      return pass('A cursor sent with a different filter answered a page of the new query (the filter was applied)');
    },
  },
  {
    id: 'K15',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const endpoint = usersEndpoint(ctx.facts);
      const walk = await cursorWalk(ctx, (cursor) => searchRequest(endpoint, { filter: `userName sw ${literal(users.prefix)}`, count: 2, cursor }), 8);
      if (walk.pages.length === 0 && walk.failed && [404, 405, 501].includes(walk.failed.status)) return skip(`POST ${endpoint}/.search answered ${walk.failed.status}: not available (see Q01)`);
      const trouble = walkTrouble(walk);
      if (trouble) return trouble;
      const { all: ids, duplicates } = walkIds(walk);
      const missing = [...users.ids].filter((id) => !ids.includes(id));
      if (walk.pages.length < 2 || duplicates.length > 0 || missing.length > 0) {
        return fail(`POST .search with "cursor": "" and count 2: ${walk.pages.length} pages, ${duplicates.length} repeated, ${missing.length} never returned`, { expected: '3 pages of the 5 shared users, each once', actual: walk.pages.map((p) => describe(p.response)).join(' | '), fix: 'Accept cursor and count in a SearchRequest body as in the URL (RFC 9865 §3).' });
      }
      return pass(`POST .search paged by cursor: ${walk.pages.length} pages, the 5 shared users once each`);
    },
  },
  {
    id: 'K16',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const plain = get(usersEndpoint(ctx.facts), { filter: `userName sw ${literal(users.prefix)}`, count: 2 });
      const response = await ctx.client.send(plain);
      if (!okPage(response)) return fail(`A query without cursor or startIndex answered ${response.status || 'nothing'}`, { expected: '200 ListResponse', actual: describe(response), fix: 'Answer a query that names no pagination method with the default method (RFC 9865 §2.4).' });
      const first = readPage(response);
      const next = cursorOf(first.nextCursor);
      if (next === undefined) return pass('A plain query got no nextCursor: the server does not force cursors on it');
      const rest = await cursorWalk(ctx, (cursor) => cursorQuery(ctx, users, cursor === '' ? next : cursor), 8);
      const trouble = walkTrouble(rest);
      if (trouble) return trouble;
      const ids = [...first.ids, ...walkIds(rest).all];
      const missing = [...users.ids].filter((id) => !ids.includes(id));
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (missing.length || repeated.length) return fail(`Following the nextCursor of a plain query: ${missing.length} users never came, ${repeated.length} repeated`, { expected: 'the 5 shared users once each', actual: ids.map(users.label).join(', '), fix: 'When a plain query gets a nextCursor (RFC 9865 §2.3), that cursor must lead through the rest of the results.' });
      return pass('A plain query got a nextCursor (cursors forced, RFC 9865 §2.3) and following it returned the rest once each');
    },
  },
  {
    id: 'K17',
    mutates: false,
    requires: all(cursorPaging, (facts) => (facts.features.pagination?.defaultPaginationMethod === undefined ? 'The ServiceProviderConfig names no defaultPaginationMethod (RFC 9865 §4: OPTIONAL), so no default to hold it to' : undefined)),
    async run(ctx) {
      const users = await runUsers(ctx);
      const method = ctx.facts.features.pagination!.defaultPaginationMethod!;
      const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter: `userName sw ${literal(users.prefix)}`, count: 2 }));
      const fix = `Page a query that names neither cursor nor startIndex with the advertised defaultPaginationMethod "${method}" (RFC 9865 §2.4, §4).`;
      if (!okPage(response)) return fail(`A query without a paging method answered ${response.status || 'nothing'}`, { expected: '200 ListResponse', actual: describe(response), fix });
      const page = readPage(response);
      if (method === 'cursor') return cursorOf(page.nextCursor) !== undefined ? pass('defaultPaginationMethod cursor: a plain query got a nextCursor') : fail('defaultPaginationMethod is cursor but a plain query (2 of 5 results) got no nextCursor', { expected: 'a nextCursor', actual: describe(response), fix });
      if (method === 'index') return page.startIndex === 1 ? pass('defaultPaginationMethod index: a plain query got an index page (startIndex 1)') : fail(`defaultPaginationMethod is index but a plain partial page has startIndex ${show(page.startIndex)}`, { expected: 'startIndex 1 (REQUIRED with partial results, RFC 7644 §3.4.2)', actual: describe(response), fix });
      return fail(`defaultPaginationMethod is "${method}"`, { expected: '"cursor" or "index"', actual: method, fix: 'RFC 9865 §4: the possible values are "cursor" and "index".' });
    },
  },
  {
    id: 'K19',
    mutates: false,
    requires: all(cursorPaging, needs.sort),
    async run(ctx) {
      const users = await runUsers(ctx);
      const walk = await walkShared(ctx, users, { sortBy: 'userName', sortOrder: 'descending' });
      const trouble = walkTrouble(walk);
      if (trouble) return trouble;
      return judgeOrder(ctx.facts, {
        what: 'A cursor walk with sortBy=userName&sortOrder=descending',
        ids: walkIds(walk).all,
        resources: users.users,
        sortBy: 'userName',
        descending: true,
        label: users.label,
        fix: 'Keep cursor pages in the sortBy order (RFC 9865 §2.2; RFC 7644 §3.4.2.3: the sortBy attribute "SHALL be used to order the returned responses").',
      });
    },
  },
  {
    id: 'K20',
    mutates: false,
    requires: (facts, profile) =>
      cursorPaging(facts, profile) ?? 'Needs a second credential for the same server to try one credential\'s cursor with another (RFC 9865 §5.2); a run has only the endpoint\'s own',
    run: () => Promise.resolve(skip('No second credential')),
  },
  {
    id: 'K21',
    mutates: false,
    requires: cursorPaging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const response = await ctx.client.send(cursorQuery(ctx, users, '', { startIndex: 1 }));
      if (response.status >= 400 && response.status < 500) return pass(`cursor with startIndex was refused with ${response.status}${scimTypeOf(response) ? ` ${scimTypeOf(response)}` : ''}`);
      if (!okPage(response)) return fail(`cursor with startIndex answered ${response.status || 'nothing'}`, { expected: 'a 400 error, or a page by one of the two methods', actual: describe(response), fix: 'Refuse the combination with 400, or answer by one method (RFC 9865 §2.4).' });
      const page = readPage(response);
      const strangers = page.ids.filter((id) => !users.ids.has(id));
      if (page.size > 2 || strangers.length > 0) return fail(`cursor with startIndex answered ${page.size} Resources${strangers.length ? `, ${strangers.length} outside the query` : ''}`, { expected: 'at most 2 of the shared users', actual: describe(response), fix: 'Answer by one method, keeping count and the filter (RFC 9865 §2.4).' });
      const method = cursorOf(page.nextCursor) !== undefined ? 'cursor' : page.startIndex !== undefined ? 'index' : 'unclear';
      return pass(`cursor with startIndex answered a page (${method} paging chosen)`);
    },
  },
];
