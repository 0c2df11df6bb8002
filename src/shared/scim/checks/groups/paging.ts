import { indexWalk, okPage, readPage, walkFailure, walkIds, type Page, type Walk } from '../pages';
import { all, needs } from '../preconditions';
import { expectedIds, get, groupsEndpoint, isCount, runUsers, scoped, show, usersEndpoint, type RunUsers } from '../queries';
import { describe, literal } from '../responses';
import type { CheckContext, CheckDefinition, CheckVerdict, CreatedResource, ScimResponse } from '../types';
import { fail, pass, warn, worst } from '../verdicts';

const paging = all(needs.users, needs.filter);
const FIX_PAGING = 'Page as RFC 7644 §3.4.2.4 defines: startIndex is 1-based, count is the most Resources to return.';

const sharedQuery = (ctx: CheckContext, users: RunUsers, params: Record<string, number | undefined>) => get(usersEndpoint(ctx.facts), { filter: `userName sw ${literal(users.prefix)}`, ...params });

async function sharedPage(ctx: CheckContext, users: RunUsers, params: Record<string, number | undefined>): Promise<Page | ScimResponse> {
  const response = await ctx.client.send(sharedQuery(ctx, users, params));
  return okPage(response) ? readPage(response) : response;
}

const isPage = (value: Page | ScimResponse): value is Page => 'ids' in value;

function notAPage(what: string, response: ScimResponse, fix = FIX_PAGING): CheckVerdict {
  return fail(`${what} answered ${response.status || 'nothing'}`, { expected: '200 ListResponse', actual: describe(response), fix });
}

const query = (params: Record<string, number | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join('&') || 'no paging parameters';

/** Walks the shared users two by two and judges that every one came exactly once. */
function judgeWalk(walk: Walk, expected: readonly string[], label: (id: string) => string, what: string, fix: string): CheckVerdict {
  if (walk.end === 'error') return fail(`${what} failed at ${walkFailure(walk)}`, { expected: '200 pages', actual: walkFailure(walk), fix });
  const { all: seen, duplicates } = walkIds(walk);
  const mine = seen.filter((id) => expected.includes(id));
  const missing = expected.filter((id) => !seen.includes(id));
  const names = (ids: readonly string[]) => ids.map(label).join(', ') || 'none';
  const oversized = walk.pages.find((p) => p.size > 2);
  const problems = [duplicates.length ? `repeated ${names(duplicates)}` : '', missing.length ? `never returned ${names(missing)}` : '', oversized ? `a page of count=2 had ${oversized.size} Resources` : ''].filter(Boolean);
  if (problems.length > 0) return fail(`${what}: ${problems.join('; ')}`, { expected: `each of ${names(expected)} exactly once`, actual: walk.pages.map((p) => `[${names(p.ids)}]`).join(' '), fix });
  return pass(`${what}: ${names(mine)} each once over ${walk.pages.length} pages`);
}

const walkShared = (ctx: CheckContext, users: RunUsers, filter = `userName sw ${literal(users.prefix)}`) =>
  indexWalk(ctx, (startIndex) => get(usersEndpoint(ctx.facts), { filter, startIndex, count: 2 }), 2, 8);

/** Paging by index (RFC 7644 §3.4.2.4). */
export const pagingChecks: CheckDefinition[] = [
  {
    id: 'P01',
    mutates: false,
    requires: paging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const fix = 'Never return more Resources than count (RFC 7644 §3.4.2.4: "the service provider MUST NOT return more results than specified").';
      const verdicts: CheckVerdict[] = [];
      for (const [request, count] of [[sharedQuery(ctx, users, { count: 2 }), 2], [get(usersEndpoint(ctx.facts), { count: 1 }), 1]] as const) {
        const response = await ctx.client.send(request);
        if (!okPage(response)) verdicts.push(notAPage(`count=${count}`, response, fix));
        else {
          const page = readPage(response);
          verdicts.push(page.size <= count ? pass(`count=${count} → ${page.size} Resources`) : fail(`count=${count} returned ${page.size} Resources`, { expected: `at most ${count}`, actual: describe(response), fix }));
        }
      }
      return worst(verdicts);
    },
  },
  {
    id: 'P02',
    mutates: false,
    requires: paging,
    async run(ctx) {
      const page = await sharedPage(ctx, await runUsers(ctx), { startIndex: 2, count: 2 });
      if (!isPage(page)) return notAPage('startIndex=2&count=2', page);
      if (page.startIndex === 2) return pass('startIndex=2&count=2 answered startIndex 2');
      return fail(`startIndex=2&count=2 answered startIndex ${show(page.startIndex)}`, { expected: 'startIndex 2 (REQUIRED when results are paged)', actual: describe(page.response), fix: 'Echo the 1-based index of the first Resource in startIndex (RFC 7644 §3.4.2.4; REQUIRED with partial results, §3.4.2).' });
    },
  },
  {
    id: 'P03',
    mutates: false,
    requires: paging,
    async run(ctx) {
      const page = await sharedPage(ctx, await runUsers(ctx), { startIndex: 2, count: 2 });
      if (!isPage(page)) return notAPage('startIndex=2&count=2', page);
      const wrong = (['totalResults', 'itemsPerPage', 'startIndex'] as const).filter((name) => (name === 'totalResults' || page[name] !== undefined) && !isCount(page[name]));
      if (wrong.length === 0) return pass(`totalResults ${show(page.totalResults)}, itemsPerPage ${show(page.itemsPerPage)}, startIndex ${show(page.startIndex)}: JSON integers`);
      return fail(`${wrong.map((n) => `${n} is ${show(page[n])}`).join(', ')}`, { expected: 'non-negative JSON integers (totalResults always)', actual: describe(page.response), fix: 'Write totalResults, itemsPerPage and startIndex as JSON integers, not strings (RFC 7644 §3.4.2, RFC 7643 §2.3.4).' });
    },
  },
  {
    id: 'P04',
    mutates: false,
    requires: paging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const verdicts: CheckVerdict[] = [];
      for (const params of [{ startIndex: 1, count: 2 }, { startIndex: 5, count: 2 }, { count: 0 }]) {
        const page = await sharedPage(ctx, users, params);
        if (!isPage(page)) verdicts.push(notAPage(query(params), page));
        else if (page.itemsPerPage === page.size) verdicts.push(pass(`${query(params)}: itemsPerPage ${page.size}`));
        else if (page.itemsPerPage === undefined && (page.totalResults === page.size || page.size === 0)) verdicts.push(pass(`${query(params)}: ${page.size} Resources, no itemsPerPage`));
        else verdicts.push(fail(`${query(params)}: itemsPerPage ${show(page.itemsPerPage)} with ${page.size} Resources`, { expected: `itemsPerPage ${page.size}`, actual: describe(page.response), fix: 'Set itemsPerPage to the number of Resources in this page (RFC 7644 §3.4.2: "The number of resources returned in a list response page"), not the count asked for.' }));
      }
      return worst(verdicts);
    },
  },
  {
    id: 'P05',
    mutates: false,
    requires: paging,
    async run(ctx) {
      const page = await sharedPage(ctx, await runUsers(ctx), { count: 0 });
      const fix = 'With count=0 return totalResults and no Resources (RFC 7644 §3.4.2.4: "A value of 0 indicates that no resource results are to be returned except for totalResults").';
      if (!isPage(page)) return notAPage('count=0', page, fix);
      if (page.size === 0 && page.totalResults === 5) return pass('count=0 → totalResults 5, no Resources');
      return fail(`count=0 answered ${page.size} Resources, totalResults ${show(page.totalResults)}`, { expected: 'no Resources, totalResults 5', actual: describe(page.response), fix });
    },
  },
  {
    id: 'P06',
    mutates: false,
    requires: paging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const verdicts: CheckVerdict[] = [];
      const fix = 'Read a startIndex below 1 as 1 (RFC 7644 §3.4.2.4: "A value less than 1 SHALL be interpreted as 1").';
      for (const startIndex of [0, -3]) {
        const page = await sharedPage(ctx, users, { startIndex, count: 5 });
        if (!isPage(page)) verdicts.push(notAPage(`startIndex=${startIndex}`, page, fix));
        else if (page.size === 5 && (page.startIndex === undefined || page.startIndex === 1)) verdicts.push(pass(`startIndex=${startIndex} read as 1`));
        else verdicts.push(fail(`startIndex=${startIndex}&count=5 answered ${page.size} Resources, startIndex ${show(page.startIndex)}`, { expected: 'the 5 shared users from index 1, startIndex 1', actual: describe(page.response), fix }));
      }
      return worst(verdicts);
    },
  },
  {
    id: 'P07',
    mutates: false,
    requires: paging,
    async run(ctx) {
      const page = await sharedPage(ctx, await runUsers(ctx), { count: -1 });
      const fix = 'Read a negative count as 0 (RFC 7644 §3.4.2.4: "A negative value SHALL be interpreted as 0"): totalResults only.';
      if (!isPage(page)) return notAPage('count=-1', page, fix);
      if (page.size === 0 && page.totalResults === 5) return pass('count=-1 read as 0: totalResults 5, no Resources');
      return fail(`count=-1 answered ${page.size} Resources, totalResults ${show(page.totalResults)}`, { expected: 'no Resources, totalResults 5', actual: describe(page.response), fix });
    },
  },
  {
    id: 'P08',
    mutates: false,
    requires: paging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const max = ctx.facts.features.pagination?.maxPageSize ?? ctx.facts.features.filter.maxResults;
      const count = (max ?? 10_000) + 1;
      const fix = 'Cap a count above the maximum page size instead of refusing it (RFC 7644 §3.4.2.4: the provider MAY return fewer results than count).';
      const verdicts: CheckVerdict[] = [];
      for (const [what, request] of [[`count=${count} on the shared users`, sharedQuery(ctx, users, { count })], [`count=${count} on ${usersEndpoint(ctx.facts)}`, get(usersEndpoint(ctx.facts), { count })]] as const) {
        const response = await ctx.client.send(request);
        if (response.status === 400) verdicts.push(warn(`${what} was refused with 400`, { expected: `200 with at most ${max ?? 'the server\'s maximum'} Resources`, actual: describe(response), fix }));
        else if (!okPage(response)) verdicts.push(notAPage(what, response, fix));
        else {
          const page = readPage(response);
          if (max !== undefined && page.size > max) verdicts.push(fail(`${what} returned ${page.size} Resources, above the advertised maximum ${max}`, { expected: `at most ${max}`, actual: describe(response), fix: 'Never return more than maxPageSize / filter.maxResults (RFC 9865 §4, RFC 7643 §5).' }));
          else verdicts.push(pass(`${what} → 200 with ${page.size} Resources`));
        }
      }
      return worst(verdicts);
    },
  },
  {
    id: 'P09',
    mutates: false,
    requires: paging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const fix = 'Default startIndex to 1 and count to the server\'s page size when they are absent (RFC 7644 §3.4.2.4).';
      const verdicts: CheckVerdict[] = [];
      const first = await sharedPage(ctx, users, { count: 2 });
      if (!isPage(first)) verdicts.push(notAPage('count=2 without startIndex', first, fix));
      else if (first.size === 2 && (first.startIndex === undefined || first.startIndex === 1)) verdicts.push(pass('count=2 without startIndex → the first 2'));
      else verdicts.push(fail(`count=2 without startIndex answered ${first.size} Resources, startIndex ${show(first.startIndex)}`, { expected: '2 Resources from index 1', actual: describe(first.response), fix }));
      const rest = await sharedPage(ctx, users, { startIndex: 2 });
      const pageSize = ctx.facts.features.pagination?.defaultPageSize;
      const wanted = Math.min(4, pageSize ?? 4);
      if (!isPage(rest)) verdicts.push(notAPage('startIndex=2 without count', rest, fix));
      else if (rest.size === wanted || (pageSize === undefined && rest.size >= 1 && rest.size <= 4)) verdicts.push(pass(`startIndex=2 without count → ${rest.size} Resources`));
      else verdicts.push(fail(`startIndex=2 without count answered ${rest.size} Resources`, { expected: `${wanted} (the 4 users after the first${pageSize !== undefined ? `, defaultPageSize ${pageSize}` : ''})`, actual: describe(rest.response), fix }));
      return worst(verdicts);
    },
  },
  {
    id: 'P10',
    mutates: false,
    requires: paging,
    async run(ctx) {
      const page = await sharedPage(ctx, await runUsers(ctx), { startIndex: 100, count: 10 });
      const fix = 'Answer a startIndex past the last result with 200, no Resources and the true totalResults (RFC 7644 §3.4.2.4).';
      if (!isPage(page)) return page.status === 400 ? warn('startIndex=100 (past the 5 results) was refused with 400', { expected: '200, no Resources, totalResults 5', actual: describe(page), fix }) : notAPage('startIndex=100', page, fix);
      if (page.size === 0 && page.totalResults === 5) return pass('startIndex=100 → 200, no Resources, totalResults 5');
      return fail(`startIndex=100 answered ${page.size} Resources, totalResults ${show(page.totalResults)}`, { expected: 'no Resources, totalResults 5', actual: describe(page.response), fix });
    },
  },
  {
    id: 'P11',
    mutates: false,
    requires: paging,
    async run(ctx) {
      const users = await runUsers(ctx);
      return judgeWalk(await walkShared(ctx, users), [...users.ids], users.label, 'Paging the 5 shared users by 2', 'Keep a stable order across pages and a 1-based startIndex, so a walk returns every result once (RFC 7644 §3.4.2.4; Okta imports users this way).');
    },
  },
  {
    id: 'P12',
    mutates: false,
    requires: paging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const walk = await walkShared(ctx, users);
      if (walk.end === 'error') return fail(`The walk failed at ${walkFailure(walk)}`, { expected: '200 pages', actual: walkFailure(walk) });
      const totals = walk.pages.map((p) => p.totalResults);
      if (totals.every((t) => t === 5)) return pass(`totalResults 5 on all ${walk.pages.length} pages`);
      return fail(`totalResults across the pages: ${totals.map(show).join(', ')}`, { expected: 'totalResults 5 on every page', actual: walk.pages.map((p) => describe(p.response)).join(' | '), fix: 'totalResults is the number of matches of the query, not of the page or of what is left (RFC 7644 §3.4.2.4).' });
    },
  },
  {
    id: 'P13',
    mutates: false,
    requires: paging,
    async run(ctx) {
      const users = await runUsers(ctx);
      const filter = 'title eq "Engineer" or title eq "Manager"';
      const expected = expectedIds(ctx.facts, users.users, filter);
      const walk = await walkShared(ctx, users, scoped(filter, users.prefix));
      const verdict = judgeWalk(walk, expected, users.label, `Paging filter ${filter} by 2`, 'Page through the matches of the filter (RFC 7644 §3.4.2.4).');
      if (verdict.status !== 'pass') return verdict;
      const extra = walkIds(walk).all.filter((id) => !expected.includes(id) && users.ids.has(id));
      if (extra.length > 0) return fail(`Paging the filtered query also returned ${extra.map(users.label).join(', ')}`, { expected: expected.map(users.label).join(', '), actual: walkIds(walk).all.map(users.label).join(', '), fix: 'Apply the filter to every page.' });
      const totals = walk.pages.map((p) => p.totalResults);
      if (!totals.every((t) => t === expected.length)) return fail(`totalResults ${totals.map(show).join(', ')} for ${expected.length} matches`, { expected: `totalResults ${expected.length} on every page`, actual: walk.pages.map((p) => describe(p.response)).join(' | '), fix: 'totalResults counts the matches of the filter (RFC 7644 §3.4.2.4).' });
      return verdict;
    },
  },
  {
    id: 'P14',
    mutates: true,
    requires: all(needs.groups, needs.filter),
    async run(ctx) {
      const base = ctx.fixtures.uniqueName('p14');
      const made: CreatedResource[] = [];
      for (const i of [1, 2, 3]) made.push(await ctx.fixtures.createGroup({ displayName: `${base}-${i}` }));
      const label = (id: string) => `group ${made.findIndex((m) => m.id === id) + 1}`;
      const walk = await indexWalk(ctx, (startIndex) => get(groupsEndpoint(ctx.facts), { filter: `displayName sw ${literal(`${base}-`)}`, startIndex, count: 2 }), 2, 5);
      const verdict = judgeWalk(walk, made.map((m) => m.id), label, 'Paging 3 groups by 2', 'Page /Groups as /Users (RFC 7644 §3.4.2.4).');
      if (verdict.status !== 'pass') return verdict;
      const totals = walk.pages.map((p) => p.totalResults);
      return totals.every((t) => t === 3) ? verdict : fail(`totalResults ${totals.map(show).join(', ')} for 3 groups`, { expected: 'totalResults 3 on every page', actual: walk.pages.map((p) => describe(p.response)).join(' | '), fix: 'totalResults counts the matches (RFC 7644 §3.4.2.4).' });
    },
  },
  {
    id: 'P15',
    mutates: false,
    exclusive: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = usersEndpoint(ctx.facts);
      const shared = await ctx.fixtures.sharedUsers();
      const limit = 50;
      const walk = await indexWalk(ctx, (startIndex) => get(endpoint, { startIndex, count: 100 }), 100, limit);
      const fix = 'Okta imports with startIndex=1,101,201… and count=100 until totalResults: keep the order stable and startIndex 1-based (RFC 7644 §3.4.2.4; Okta SCIM 2.0 reference).';
      if (walk.end === 'error') return fail(`The Okta-style walk failed at ${walkFailure(walk)}`, { expected: '200 pages', actual: walkFailure(walk), fix });
      const { all: seen, duplicates } = walkIds(walk);
      if (walk.pages.some((p) => p.size > 100)) return fail('A page of count=100 held more than 100 Resources', { expected: 'at most 100', actual: walk.pages.map((p) => p.size).join(', '), fix });
      if (duplicates.length > 0) return fail(`${duplicates.length} users came back twice across ${walk.pages.length} pages`, { expected: 'each user once', actual: `repeated ids: ${duplicates.slice(0, 5).join(', ')}`, fix });
      if (walk.end === 'limit') return pass(`${limit} pages of 100 without a repeat (the walk stops there; totalResults ${show(walk.pages[0]?.totalResults)})`);
      const missing = shared.users.filter((u) => !seen.includes(u.id));
      if (missing.length > 0) return fail(`The walk never returned ${missing.length} of the run's users`, { expected: 'every user', actual: `${seen.length} users over ${walk.pages.length} pages`, fix });
      const total = walk.pages[0]?.totalResults;
      if (total !== seen.length) return warn(`The walk collected ${seen.length} users, totalResults said ${show(total)} (another client may have changed users meanwhile)`, { expected: `${show(total)} users`, actual: `${seen.length}`, fix });
      return pass(`${walk.pages.length} pages of up to 100: ${seen.length} users, each once, as totalResults said`);
    },
  },
];
