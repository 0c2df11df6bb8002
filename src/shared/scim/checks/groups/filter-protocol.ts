import { compileFilter } from '../../filter/evaluate';
import { parseFilter } from '../../filter/parser';
import { member } from '../features';
import { indexWalk, walkFailure, walkIds } from '../pages';
import { all, needs } from '../preconditions';
import { expectedIds, get, judgeError, judgeMatches, listIds, runUsers, scoped, someUser, usersEndpoint, type RunUsers } from '../queries';
import { describe, literal, q, resourcesOf, scimTypeOf } from '../responses';
import type { CheckContext, CheckDefinition, CheckVerdict, CreatedResource, ScimResponse } from '../types';
import { fail, pass, skip, warn, worst } from '../verdicts';

const filterUsers = all(needs.users, needs.filter);

/** The ids matching a filter the strict grammar refuses (Entra's and legacy shapes), read leniently. */
function lenientExpected(ctx: CheckContext, users: readonly CreatedResource[], text: string): string[] {
  const ast = parseFilter(text, { lenient: true, registry: ctx.facts.registry });
  const match = compileFilter(ast, { registry: ctx.facts.registry, ...(ctx.facts.userType ? { resourceType: ctx.facts.userType } : {}) });
  return users.filter((u) => match(u.resource)).map((u) => u.id);
}

/**
 * A filter outside the RFC 7644 grammar that an IdP sends: refusing it with 400 invalidFilter is what the
 * RFC says; answering it correctly is what the IdP needs. A wrong answer fails either way.
 */
async function outsideGrammar(ctx: CheckContext, users: RunUsers, filters: string[], who: string, profileWants: boolean): Promise<CheckVerdict> {
  const verdicts: CheckVerdict[] = [];
  let refused = 0;
  for (const filter of filters) {
    const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter }));
    if (response.status === 400) {
      refused++;
      verdicts.push(scimTypeOf(response) === 'invalidFilter' ? pass(`${filter} refused with 400 invalidFilter`) : judgeError(response, { what: `filter ${filter}`, scimType: 'invalidFilter', fix: 'Refuse a filter outside the grammar with scimType invalidFilter.' }));
      continue;
    }
    verdicts.push(judgeMatches({ what: `filter ${filter}`, response, expected: lenientExpected(ctx, users.users, filter), known: users.ids, label: users.label, fix: `Either refuse ${who}'s form with 400 invalidFilter (RFC 7644 §3.4.2.2 grammar) or answer it with exactly the matching resources.`, emptyIsMeaningful: true }));
  }
  const verdict = worst(verdicts);
  if (verdict.status !== 'pass') return verdict;
  if (refused === 0) return pass(`Accepted ${who}'s form and answered it correctly: ${verdict.detail}`);
  const note = `Refused ${who}'s form with 400 invalidFilter, as the RFC 7644 grammar allows`;
  return profileWants ? warn(`${note}; ${who} sends it, so provisioning from ${who} will fail here`, { expected: `${who}'s filter answered`, actual: verdict.detail, fix: `Accept ${who}'s form (see the Entra ID SCIM tutorial) if it provisions into this server.` }) : pass(`${note} (${who} sends it: the entra profile warns)`);
}

const kindOf = (response: ScimResponse) => (response.status === 400 ? 'refused' : response.status === 200 ? 'answered' : 'other');

/** Filter: the protocol around filters (errors, encodings, limits, IdP shapes). */
export const filterProtocolChecks: CheckDefinition[] = [
  {
    id: 'F24',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const { user, label } = await someUser(ctx);
      const externalId = member(user.resource, 'externalId');
      if (typeof externalId !== 'string') return skip('The user to query for has no externalId in its representation');
      const filter = `externalId eq ${literal(externalId)}`;
      const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter }));
      const verdict = judgeMatches({ what: `filter ${filter}`, response, expected: [user.id], known: new Set([user.id]), label, fix: 'Answer externalId eq with the resource carrying that externalId (RFC 7644 §3.4.2.2); Entra ID and Okta match accounts this way.' });
      const others = listIds(response).filter((id) => id !== user.id);
      if (verdict.status === 'pass' && others.length > 0) return fail(`${filter} also returned ${others.length} other resources`, { expected: 'only the user with that externalId', actual: describe(response), fix: 'Compare externalId exactly (caseExact true, RFC 7643 §3.1).' });
      return verdict;
    },
  },
  {
    id: 'F26',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const users = await runUsers(ctx);
      const a = users.byKey('a');
      const emails = member(a.resource, 'emails');
      const work = Array.isArray(emails) ? emails.find((e) => member(e, 'type') === 'work') : undefined;
      const home = Array.isArray(emails) ? emails.find((e) => member(e, 'type') === 'home') : undefined;
      if (typeof member(work, 'value') !== 'string') return skip('The shared user a has no work email in its representation');
      const filters = [`emails[type eq "work"].value eq ${literal(member(work, 'value') as string)}`];
      if (typeof member(home, 'value') === 'string') filters.push(`emails[type eq "work"].value eq ${literal(member(home, 'value') as string)}`);
      return outsideGrammar(ctx, users, filters, 'Entra ID', ctx.profile === 'entra');
    },
  },
  {
    id: 'F29',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const verdicts: CheckVerdict[] = [];
      for (const filter of ['userName eq', 'userName xx "a"', '(userName eq "a"', 'userName eq "a" and', 'userName eq "unterminated']) {
        const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter }));
        verdicts.push(judgeError(response, { what: `filter ${filter}`, scimType: 'invalidFilter', fix: 'Refuse a filter that does not follow the grammar with 400 and scimType invalidFilter (RFC 7644 §3.4.2.2, §3.12 Table 9), rather than answering it.' }));
      }
      const verdict = worst(verdicts);
      return verdict.status === 'pass' ? pass('5 malformed filters each answered 400 invalidFilter') : verdict;
    },
  },
  {
    id: 'F30',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const users = await runUsers(ctx);
      const attribute = `${ctx.prefix}NoSuchAttribute`;
      const cases: { filter: string; expected: string[] }[] = [
        { filter: `${attribute} eq "x"`, expected: [] },
        { filter: `${attribute} pr`, expected: [] },
        { filter: `title eq "Engineer" or ${attribute} eq "x"`, expected: expectedIds(ctx.facts, users.users, 'title eq "Engineer"') },
      ];
      const verdicts: CheckVerdict[] = [];
      const kinds = new Set<string>();
      for (const c of cases) {
        const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter: scoped(c.filter, users.prefix) }));
        kinds.add(kindOf(response));
        if (response.status === 400) verdicts.push(judgeError(response, { what: `filter ${c.filter}`, scimType: 'invalidFilter', fix: 'Refuse an unknown attribute with scimType invalidFilter.' }));
        else verdicts.push(judgeMatches({ what: `filter ${c.filter}`, response, expected: c.expected, known: users.ids, label: users.label, emptyIsMeaningful: true, fix: 'Either refuse a filter on an unknown attribute with 400 invalidFilter, or treat the attribute as having no value (RFC 7644 §3.4.2.2: "a presence or equality filter for an undefined attribute evaluates to false").' }));
      }
      const verdict = worst(verdicts);
      if (verdict.status !== 'pass') return verdict;
      if (kinds.size > 1) return warn(`Unknown attributes are refused in some filters and read as "no value" in others: ${verdict.detail}`, { expected: 'one documented outcome', actual: verdict.detail, fix: 'Handle an unknown attribute the same way wherever it appears in a filter.' });
      return pass(kinds.has('refused') ? 'A filter on an unknown attribute is refused with 400 invalidFilter, consistently' : 'An unknown attribute is read as having no value, consistently');
    },
  },
  {
    id: 'F31',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const users = await runUsers(ctx);
      const filter = 'title eq "Engineer" or title eq "Analyst"';
      const expected = expectedIds(ctx.facts, users.users, filter);
      if (expected.length < 2) return skip('The server did not keep the titles of the shared users');
      const walk = await indexWalk(ctx, (startIndex) => get(usersEndpoint(ctx.facts), { filter: scoped(filter, users.prefix), startIndex, count: 1 }), 1, expected.length + 2);
      const fix = 'Apply the filter first, then page through its matches: totalResults counts the matches, startIndex/count select among them (RFC 7644 §3.4.2.4).';
      if (walk.end === 'error') return fail(`Paging the filtered query failed at ${walkFailure(walk)}`, { expected: '200 pages', actual: walkFailure(walk), fix });
      const { all: seen, duplicates } = walkIds(walk);
      const big = walk.pages.find((p) => p.size > 1);
      const totals = [...new Set(walk.pages.map((p) => p.totalResults))];
      const names = (ids: string[]) => ids.map(users.label).join(', ') || 'none';
      const missing = expected.filter((id) => !seen.includes(id));
      const extra = seen.filter((id) => !expected.includes(id));
      const problems = [
        big ? `a page of count=1 had ${big.size} Resources` : '',
        duplicates.length ? `repeated ${names(duplicates)}` : '',
        missing.length ? `missing ${names(missing)}` : '',
        extra.length ? `wrongly matched ${names(extra)}` : '',
        totals.length !== 1 || totals[0] !== expected.length ? `totalResults ${totals.map((t) => JSON.stringify(t)).join('/')} instead of ${expected.length}` : '',
      ].filter(Boolean);
      if (problems.length > 0) return fail(`filter ${filter} with count=1: ${problems.join('; ')}`, { expected: `${expected.length} pages of one: ${names(expected)}; totalResults ${expected.length}`, actual: walk.pages.map((p) => describe(p.response)).join(' | '), fix });
      return pass(`filter ${filter} paged one at a time: ${names(seen)}, totalResults ${expected.length} on every page`);
    },
  },
  {
    id: 'F32',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const max = ctx.facts.features.filter.maxResults;
      const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter: 'userName pr' }));
      if (response.status === 400) return scimTypeOf(response) === 'tooMany' ? pass('filter userName pr (every user) refused with 400 tooMany') : judgeError(response, { what: 'filter userName pr', scimType: 'tooMany', fix: 'Refuse an over-broad query with scimType tooMany (RFC 7644 §3.4.2.2, Table 9).' });
      if (response.status !== 200) return fail(`filter userName pr answered ${response.status || 'nothing'}`, { expected: '200 (at most filter.maxResults Resources) or 400 tooMany', actual: describe(response), fix: 'Answer an over-broad filter with a page of at most filter.maxResults, or 400 tooMany (RFC 7644 §3.4.2.2).' });
      const size = resourcesOf(response.json)?.length ?? 0;
      if (max !== undefined && size > max) return fail(`filter userName pr returned ${size} Resources, more than filter.maxResults ${max}`, { expected: `at most ${max} Resources`, actual: describe(response), fix: 'Never return more than the filter.maxResults the ServiceProviderConfig advertises (RFC 7643 §5), or refuse with 400 tooMany.' });
      return pass(`filter userName pr answered 200 with ${size} Resources${max !== undefined ? ` (maxResults ${max})` : ' (no filter.maxResults advertised)'}`);
    },
  },
  {
    id: 'F33',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const users = await runUsers(ctx);
      const a = users.byKey('a');
      const email = (member(a.resource, 'emails') as unknown[] | undefined)?.map((e) => member(e, 'value')).find((v): v is string => typeof v === 'string' && v.includes('@'));
      if (!email) return skip('The shared user a has no email in its representation');
      const filter = `emails.value eq ${literal(email)}`;
      const endpoint = usersEndpoint(ctx.facts);
      const forms: { name: string; query: string; required: boolean }[] = [
        { name: '%20, %22 and %40', query: q(filter), required: true },
        { name: 'raw " and @', query: filter.replace(/ /g, '%20'), required: true },
        { name: '+ for spaces', query: q(filter).replace(/%20/g, '+'), required: false },
      ];
      const verdicts: CheckVerdict[] = [];
      for (const form of forms) {
        const response = await ctx.client.send({ method: 'GET', path: `${endpoint}?filter=${form.query}` });
        const verdict = judgeMatches({ what: `${filter} sent with ${form.name}`, response, expected: [a.id], known: users.ids, label: users.label, fix: 'Percent-decode the query (RFC 3986 §2.1) before parsing the filter.' });
        if (verdict.status === 'fail' && !form.required) {
          verdicts.push(warn(`${verdict.detail}: "+" for a space is form encoding, not RFC 3986, but clients and proxies send it`, { expected: verdict.expected ?? '', actual: verdict.actual ?? '', fix: 'Read "+" in the query as a space, as form decoding does.' }));
        } else verdicts.push(verdict);
      }
      const verdict = worst(verdicts);
      return verdict.status === 'pass' ? pass(`${filter} found the user in all ${forms.length} encodings`) : verdict;
    },
  },
  {
    id: 'F34',
    mutates: true,
    requires: filterUsers,
    async run(ctx) {
      const base = ctx.fixtures.uniqueName('f34');
      const quoted = await ctx.fixtures.createUser({ userName: `${base}-quote`, name: { givenName: 'Test', familyName: `O"Hara\\${base}` } });
      const unicode = await ctx.fixtures.createUser({ userName: `${base}-unicode`, name: { givenName: 'Zoë', familyName: `Zoë 山田 ${base}` } });
      const made = [quoted, unicode];
      const known = new Set(made.map((m) => m.id));
      const label = (id: string) => (id === quoted.id ? 'the user named O"Hara\\…' : 'the user named Zoë 山田 …');
      const verdicts: CheckVerdict[] = [];
      for (const filter of [`name.familyName eq ${literal(`O"Hara\\${base}`)}`, `name.familyName eq ${literal(`Zoë 山田 ${base}`)}`, 'name.familyName co "山田"', 'name.givenName eq "ZOË"']) {
        const expected = expectedIds(ctx.facts, made, filter);
        const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter: scoped(filter, `${base}-`) }));
        verdicts.push(judgeMatches({ what: `filter ${filter}`, response, expected, known, label, fix: 'Read filter values as JSON strings (RFC 7644 §3.4.2.2, RFC 8259 §7): \\" and \\\\ are escapes, and the query is UTF-8 percent-encoded.' }));
      }
      return worst(verdicts);
    },
  },
  {
    id: 'F35',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const users = await runUsers(ctx);
      const externalId = member(users.byKey('a').resource, 'externalId');
      if (typeof externalId !== 'string') return skip('The shared user a has no externalId in its representation');
      return outsideGrammar(ctx, users, [`externalId eq ${externalId}`], 'Entra ID', ctx.profile === 'entra');
    },
  },
];
