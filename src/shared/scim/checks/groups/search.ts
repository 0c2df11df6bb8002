import { URN } from '../../urns';
import { member } from '../features';
import { okPage, readPage } from '../pages';
import { all, needs } from '../preconditions';
import { expectedIds, get, groupsEndpoint, judgeError, judgeMatches, listIds, runUsers, scoped, searchRequest, show, usersEndpoint } from '../queries';
import { describe, literal } from '../responses';
import type { CheckContext, CheckDefinition, CheckVerdict, ScimRequest, ScimResponse } from '../types';
import { fail, pass, skip, warn, worst } from '../verdicts';

const FIX_SEARCH = 'Answer POST <endpoint>/.search with a SearchRequest body like the same query in the URL, with a ListResponse (RFC 7644 §3.4.3).';

/** A .search the server does not serve: 501 says so properly (warn); 404/405 hide it (fail). */
function unavailable(response: ScimResponse, what: string): CheckVerdict | undefined {
  if (response.status === 501) return warn(`${what} answered 501: the server does not implement it`, { expected: '200 ListResponse', actual: describe(response), fix: FIX_SEARCH });
  if (response.status === 404 || response.status === 405) return fail(`${what} answered ${response.status}, as if no such endpoint existed`, { expected: '200 ListResponse (or 501 if not implemented, RFC 7644 §3.12)', actual: describe(response), fix: FIX_SEARCH });
  return undefined;
}

/** For the checks that use .search for something else: skip when .search itself is missing (Q01 reports it). */
async function sendSearch(ctx: CheckContext, request: ScimRequest): Promise<ScimResponse | CheckVerdict> {
  const response = await ctx.client.send(request);
  if ([404, 405, 501].includes(response.status)) return skip(`POST ${request.path} answered ${response.status}: not available (see Q01)`);
  return response;
}

const isVerdict = (value: ScimResponse | CheckVerdict): value is CheckVerdict => 'status' in value && typeof value.status === 'string';

const searching = all(needs.users, needs.filter);

/** POST /.search (RFC 7644 §3.4.3). */
export const searchChecks: CheckDefinition[] = [
  {
    id: 'Q01',
    mutates: false,
    requires: searching,
    async run(ctx) {
      const users = await runUsers(ctx);
      const endpoint = usersEndpoint(ctx.facts);
      const inner = 'title eq "Engineer"';
      const response = await ctx.client.send(searchRequest(endpoint, { filter: scoped(inner, users.prefix) }));
      return unavailable(response, `POST ${endpoint}/.search`) ?? judgeMatches({ what: `POST ${endpoint}/.search with filter ${inner}`, response, expected: expectedIds(ctx.facts, users.users, inner), known: users.ids, label: users.label, fix: FIX_SEARCH });
    },
  },
  {
    id: 'Q02',
    mutates: true,
    requires: all(needs.groups, needs.filter),
    async run(ctx) {
      const group = await ctx.fixtures.createGroup();
      const endpoint = groupsEndpoint(ctx.facts);
      const filter = `displayName eq ${literal(String(member(group.sent, 'displayName')))}`;
      const response = await ctx.client.send(searchRequest(endpoint, { filter }));
      return unavailable(response, `POST ${endpoint}/.search`) ?? judgeMatches({ what: `POST ${endpoint}/.search with filter ${filter}`, response, expected: [group.id], known: new Set([group.id]), label: () => 'the group', fix: FIX_SEARCH });
    },
  },
  {
    id: 'Q03',
    mutates: true,
    requires: searching,
    async run(ctx) {
      const users = await runUsers(ctx);
      // a group too when the server has groups: the answer then holds two resource types
      const group = ctx.facts.groupType ? await ctx.fixtures.createGroup() : undefined;
      const name = group ? String(member(group.sent, 'displayName')) : undefined;
      const filter = `userName sw ${literal(users.prefix)}${name ? ` or displayName eq ${literal(name)}` : ''}`;
      const response = await ctx.client.send(searchRequest('/', { filter }));
      const expected = [...users.ids, ...(group ? [group.id] : [])];
      const label = (id: string) => (id === group?.id ? 'the group' : users.label(id));
      const verdict =
        unavailable(response, 'POST /.search at the root') ??
        judgeMatches({
          what: `POST /.search with filter ${filter}`,
          response,
          expected,
          known: new Set(expected),
          label,
          fix: 'Search every resource type from the root (RFC 7644 §3.4.3, §3.4.2.1), reading an attribute a type does not have as no value (§3.4.2.2).',
        });
      return verdict.status === 'pass' ? pass(`POST /.search found the 5 shared users${group ? ' and the group' : ''} in one answer`) : verdict;
    },
  },
  {
    id: 'Q04',
    mutates: false,
    requires: searching,
    async run(ctx) {
      const response = await sendSearch(ctx, searchRequest(usersEndpoint(ctx.facts), { filter: 'userName eq' }));
      if (isVerdict(response)) return response;
      return judgeError(response, { what: 'POST .search with filter "userName eq"', scimType: 'invalidFilter', fix: 'Refuse a malformed filter in a SearchRequest with 400 invalidFilter (RFC 7644 §3.4.3, §3.12).' });
    },
  },
  {
    id: 'Q05',
    mutates: false,
    requires: searching,
    async run(ctx) {
      const users = await runUsers(ctx);
      const sorted = ctx.facts.features.sort;
      const body = { filter: `userName sw ${literal(users.prefix)}`, startIndex: 2, count: 2, ...(sorted ? { sortBy: 'userName' } : {}) };
      const response = await sendSearch(ctx, searchRequest(usersEndpoint(ctx.facts), body));
      if (isVerdict(response)) return response;
      const fix = 'Read startIndex and count (and sortBy) from the SearchRequest body as from the URL (RFC 7644 §3.4.3, §3.4.2.4).';
      if (!okPage(response)) return fail(`POST .search with startIndex 2, count 2 answered ${response.status || 'nothing'}`, { expected: '200 ListResponse', actual: describe(response), fix });
      const page = readPage(response);
      const problems = [page.size !== 2 ? `${page.size} Resources` : '', page.startIndex !== 2 ? `startIndex ${show(page.startIndex)}` : '', page.totalResults !== 5 ? `totalResults ${show(page.totalResults)}` : ''].filter(Boolean);
      if (sorted && problems.length === 0) {
        const want = [users.byKey('b').id, users.byKey('c').id];
        if (page.ids.join() !== want.join()) problems.push(`${page.ids.map(users.label).join(', ')} instead of shared-b, shared-c (sortBy userName)`);
      }
      if (problems.length > 0) return fail(`POST .search with startIndex 2, count 2: ${problems.join(', ')}`, { expected: `2 Resources${sorted ? ' (shared-b, shared-c)' : ''}, startIndex 2, totalResults 5`, actual: describe(response), fix });
      return pass(`POST .search honoured startIndex 2 and count 2${sorted ? ' and sortBy' : ''}`);
    },
  },
  {
    id: 'Q06',
    mutates: false,
    requires: searching,
    async run(ctx) {
      const users = await runUsers(ctx);
      const endpoint = usersEndpoint(ctx.facts);
      const filter = `userName sw ${literal(users.prefix)}`;
      const verdicts: CheckVerdict[] = [];
      for (const [what, body] of [
        ['a SearchRequest without schemas', { filter }],
        ['a body whose schemas is the ListResponse URN', { schemas: [URN.listResponse], filter }],
      ] as const) {
        const response = await sendSearch(ctx, { method: 'POST', path: `${endpoint}/.search`, body });
        if (isVerdict(response)) return response;
        if (response.status === 400) verdicts.push(pass(`${what} was refused with 400`));
        else if (response.status === 200) verdicts.push(warn(`${what} was accepted (200)`, { expected: '400 (invalidSyntax)', actual: describe(response), fix: `Check that a .search body lists "${URN.searchRequest}" in schemas (RFC 7644 §3.4.3: "Query requests MUST use the SearchRequest schema").` }));
        else verdicts.push(fail(`${what} answered ${response.status || 'nothing'}`, { expected: '400', actual: describe(response), fix: 'Refuse a body without the SearchRequest schema with 400 invalidSyntax (RFC 7644 §3.4.3, §3.12).' }));
      }
      return worst(verdicts);
    },
  },
  {
    id: 'Q07',
    mutates: false,
    requires: searching,
    async run(ctx) {
      const users = await runUsers(ctx);
      const endpoint = usersEndpoint(ctx.facts);
      const verdicts: CheckVerdict[] = [];
      for (const inner of ['title eq "Engineer"', 'emails[type eq "home"]', 'not (active eq true)']) {
        const filter = scoped(inner, users.prefix);
        const byGet = await ctx.client.send(get(endpoint, { filter }));
        const byPost = await sendSearch(ctx, searchRequest(endpoint, { filter }));
        if (isVerdict(byPost)) return byPost;
        const expected = expectedIds(ctx.facts, users.users, inner);
        const post = judgeMatches({ what: `POST .search ${inner}`, response: byPost, expected, known: users.ids, label: users.label, fix: FIX_SEARCH });
        const getIds = listIds(byGet).filter((id) => users.ids.has(id)).sort();
        const postIds = listIds(byPost).filter((id) => users.ids.has(id)).sort();
        if (byGet.status === 200 && byPost.status === 200 && getIds.join() !== postIds.join()) {
          verdicts.push(fail(`${inner}: GET found ${getIds.map(users.label).join(', ') || 'none'}, POST .search found ${postIds.map(users.label).join(', ') || 'none'}`, { expected: 'the same resources', actual: `${describe(byGet)} | ${describe(byPost)}`, fix: FIX_SEARCH }));
        } else verdicts.push(post);
      }
      const verdict = worst(verdicts);
      return verdict.status === 'pass' ? pass('POST .search and GET ?filter= returned the same users for 3 filters') : verdict;
    },
  },
];
