import { instantOf } from '../../datetime';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { checkFilter, expectedIds, get, judgeError, judgeMatches, listIds, otherCase, runUsers, scoped, someUser, usersEndpoint } from '../queries';
import { describe, literal } from '../responses';
import type { CheckContext, CheckDefinition, CheckVerdict } from '../types';
import { fail, FixtureFailure, pass, skip, warn, worst } from '../verdicts';

const filterUsers = all(needs.users, needs.filter);

const FIX_CASE = 'Compare string values by the attribute\'s caseExact (RFC 7644 §3.4.2.2; userName is caseExact false, RFC 7643 §4.1.1).';

/** xsd:dateTime of `ms` written in the zone `offset` ("+14:00"), to the second. */
function inZone(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Two instants around the shared users' meta.lastModified, written so that comparing them as text gives
 * the opposite answer to comparing them as instants: an hour before the earliest, in +14:00 (its text
 * sorts after every UTC value), and an hour after the latest, in -12:00 (its text sorts before them).
 */
async function dateBounds(ctx: CheckContext) {
  const users = await runUsers(ctx);
  const times = users.users.map((u) => member(member(u.resource, 'meta'), 'lastModified')).map((t) => (typeof t === 'string' ? instantOf(t) : Number.NaN));
  if (times.some((t) => Number.isNaN(t))) throw new FixtureFailure('The created users have no readable meta.lastModified, so there is no dateTime to compare against');
  const early = inZone(Math.min(...times) - 3_600_000, 14 * 60);
  const late = inZone(Math.max(...times) + 3_600_000, -12 * 60);
  return { users, early, late };
}

const FIX_DATES = 'Compare dateTime values as instants, taking each value\'s zone offset into account, not as text (RFC 7644 §3.4.2.2: "for DateTime types, it is a chronological comparison").';

/** Filter: values, case and the comparison operators (RFC 7644 §3.4.2.2). */
export const filterValueChecks: CheckDefinition[] = [
  {
    id: 'F01',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const { user, label } = await someUser(ctx);
      const userName = member(user.resource, 'userName');
      if (typeof userName !== 'string') return skip('The user to query for has no userName in its representation');
      const what = `filter userName eq ${literal(userName)}`;
      const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter: `userName eq ${literal(userName)}` }));
      const verdict = judgeMatches({ what, response, expected: [user.id], known: new Set([user.id]), label, fix: 'Return the resource whose userName equals the value (RFC 7644 §3.4.2.2 "eq").' });
      if (verdict.status !== 'pass') return verdict;
      const others = listIds(response).filter((id) => id !== user.id);
      if (others.length > 0) return fail(`${what} also returned ${others.length} other resource${others.length === 1 ? '' : 's'}`, { expected: 'exactly the one user (userName is unique, RFC 7643 §4.1.1)', actual: describe(response), fix: 'Return only resources whose userName equals the value.' });
      return pass(`${what} → exactly ${label(user.id)}`);
    },
  },
  {
    id: 'F02',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const filter = `userName eq ${literal(`${ctx.prefix}-nobody`)}`;
      const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter }));
      const fix = 'Answer a query without matches with 200 and a ListResponse whose totalResults is 0 (RFC 7644 §3.4.2: "A query that does not return any matches SHALL return success").';
      if (response.status !== 200) return fail(`filter ${filter} answered ${response.status || 'nothing'}`, { expected: '200 ListResponse, totalResults 0', actual: describe(response), fix });
      const total = member(response.json, 'totalResults');
      const resources = listIds(response);
      if (total !== 0 || resources.length > 0) return fail(`filter ${filter} answered totalResults ${JSON.stringify(total)} with ${resources.length} Resources`, { expected: 'totalResults 0, no Resources', actual: describe(response), fix });
      return pass(`filter ${filter} → 200, totalResults 0`);
    },
  },
  {
    id: 'F03',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const { user, created, label } = await someUser(ctx);
      const userName = member(user.resource, 'userName');
      const swapped = typeof userName === 'string' ? otherCase(userName) : undefined;
      if (!swapped) return skip('The userName to query for has no letters, so its case cannot be changed');
      const declared = ctx.facts.registry.attribute('userName', ctx.facts.userType)?.attribute.caseExact;
      const endpoint = usersEndpoint(ctx.facts);
      const response = await ctx.client.send(get(endpoint, { filter: `userName eq ${literal(swapped)}` }));
      const verdicts: CheckVerdict[] = [judgeMatches({ what: `filter userName eq ${literal(swapped)}`, response, expected: [user.id], known: new Set([user.id]), label, fix: FIX_CASE })];
      if (created) {
        const users = await runUsers(ctx);
        const prefix = otherCase(users.prefix)!;
        const sw = await ctx.client.send(get(endpoint, { filter: `userName sw ${literal(prefix)}` }));
        verdicts.push(judgeMatches({ what: `filter userName sw ${literal(prefix)}`, response: sw, expected: [...users.ids], known: users.ids, label: users.label, fix: FIX_CASE }));
      }
      const verdict = worst(verdicts);
      if (declared === true) {
        return warn(`The server's schema declares userName caseExact true, contrary to RFC 7643 §4.1.1 (caseExact false); ${verdict.detail}`, {
          expected: 'userName compared case-insensitively (caseExact false)',
          actual: verdict.actual ?? describe(response),
          fix: 'Declare and treat userName as caseExact false (RFC 7643 §4.1.1): IdPs match accounts by userName regardless of case.',
        });
      }
      return verdict.status === 'pass' ? pass(`userName matched regardless of case: ${verdict.detail}`) : verdict;
    },
  },
  {
    id: 'F04',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const { user, label } = await someUser(ctx);
      const endpoint = usersEndpoint(ctx.facts);
      const verdicts: CheckVerdict[] = [];
      const known = new Set([user.id]);
      const probes: [string, unknown][] = [['externalId', member(user.resource, 'externalId')], ['id', user.id]];
      for (const [name, value] of probes) {
        const swapped = typeof value === 'string' ? otherCase(value) : undefined;
        if (!swapped) {
          verdicts.push(skip(`${name}: ${value === undefined ? 'the user has none' : 'no letters to change the case of'}`));
          continue;
        }
        const exact = await ctx.client.send(get(endpoint, { filter: `${name} eq ${literal(value as string)}` }));
        if (!listIds(exact).includes(user.id)) {
          verdicts.push(skip(`${name} eq with the exact value did not find the user (see F24/F01); the case test tells nothing`));
          continue;
        }
        const response = await ctx.client.send(get(endpoint, { filter: `${name} eq ${literal(swapped)}` }));
        const declared = ctx.facts.registry.attribute(name, ctx.facts.userType)?.attribute.caseExact !== false;
        const verdict = judgeMatches({
          what: `filter ${name} eq ${literal(swapped)}`,
          response,
          expected: [],
          known,
          label,
          emptyIsMeaningful: true,
          fix: `${name} is caseExact true (RFC 7643 §3.1): compare it case-sensitively (RFC 7644 §3.4.2.2).`,
        });
        if (verdict.status === 'fail' && !declared && response.status === 200) {
          verdicts.push(warn(`The server's schema declares ${name} caseExact false, contrary to RFC 7643 §3.1, and matches it regardless of case`, { expected: 'no match for a value in another case', actual: describe(response), fix: `Declare and treat ${name} as caseExact true (RFC 7643 §3.1).` }));
        } else verdicts.push(verdict.status === 'pass' ? pass(`${name} in another case matched nothing`) : verdict);
      }
      return worst(verdicts);
    },
  },
  {
    id: 'F05',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const { user, created, label } = await someUser(ctx);
      const userName = member(user.resource, 'userName');
      if (typeof userName !== 'string') return skip('The user to query for has no userName in its representation');
      const fix = 'Resolve attribute names ignoring case (RFC 7644 §3.4.2.2: "Attribute names and attribute operators used in filters are case insensitive"; RFC 7643 §2.1).';
      const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter: `USERNAME eq ${literal(userName)}` }));
      const verdicts = [judgeMatches({ what: `filter USERNAME eq ${literal(userName)}`, response, expected: [user.id], known: new Set([user.id]), label, fix })];
      if (created) verdicts.push(await checkFilter(ctx, await runUsers(ctx), 'NAME.FAMILYNAME eq "Carter"', fix));
      return worst(verdicts);
    },
  },
  {
    id: 'F06',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const users = await runUsers(ctx);
      const [a, b] = [users.byKey('a'), users.byKey('b')].map((u) => literal(String(member(u.sent, 'userName'))));
      const fix = 'Read operators and the logical keywords ignoring case (RFC 7644 §3.4.2.2).';
      const endpoint = usersEndpoint(ctx.facts);
      const verdicts: CheckVerdict[] = [];
      for (const filter of [`(userName Eq ${a} OR userName EQ ${b}) And userName Sw ${literal(users.prefix)}`, `title PR aND userName sW ${literal(users.prefix)}`]) {
        const response = await ctx.client.send(get(endpoint, { filter }));
        verdicts.push(judgeMatches({ what: `filter ${filter}`, response, expected: expectedIds(ctx.facts, users.users, filter), known: users.ids, label: users.label, fix }));
      }
      return worst(verdicts);
    },
  },
  ...(
    [
      ['F07', ['title ne "Engineer"'], '"ne"'],
      ['F08', ['title co "gine"', 'title co "GINE"'], '"co" (the whole value a substring of the attribute)'],
      ['F09', ['title sw "E"', 'name.familyName sw "ba"'], '"sw"'],
      ['F10', ['emails.value ew "@home.example.org"', 'title ew "OR"'], '"ew"'],
    ] as const
  ).map(
    ([id, filters, operator]): CheckDefinition => ({
      id,
      mutates: false,
      requires: filterUsers,
      async run(ctx) {
        const users = await runUsers(ctx);
        const verdicts: CheckVerdict[] = [];
        for (const filter of filters) verdicts.push(await checkFilter(ctx, users, filter, `Evaluate ${operator} as RFC 7644 §3.4.2.2 Table 3 defines it, case-insensitively for caseExact false attributes; a multi-valued attribute matches when any value does.`));
        return worst(verdicts);
      },
    }),
  ),
  {
    id: 'F11',
    mutates: true,
    requires: filterUsers,
    async run(ctx) {
      const base = ctx.fixtures.uniqueName('f11');
      const full = await ctx.fixtures.createUser({ userName: `${base}-full`, nickName: 'Nick', phoneNumbers: [{ value: '+1 555 0100', type: 'work' }] });
      let empty;
      try {
        empty = await ctx.fixtures.createUser({ userName: `${base}-empty`, nickName: '', phoneNumbers: [] });
      } catch (error) {
        if (!(error instanceof FixtureFailure)) throw error;
        // a server may refuse an empty string; an absent value tests pr just as well
        empty = await ctx.fixtures.createUser({ userName: `${base}-other` });
      }
      const made = [full, empty];
      const known = new Set(made.map((m) => m.id));
      const label = (id: string) => (id === full.id ? 'the user with values' : 'the user without values');
      const verdicts: CheckVerdict[] = [];
      for (const filter of ['nickName pr', 'phoneNumbers pr']) {
        const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter: scoped(filter, `${base}-`) }));
        verdicts.push(
          judgeMatches({ what: `filter ${filter}`, response, expected: expectedIds(ctx.facts, made, filter), known, label, fix: '"pr" matches only a non-empty value (RFC 7644 §3.4.2.2: "If the attribute has a non-empty value"): an empty string is empty, null and [] are unassigned (RFC 7643 §2.5).' }),
        );
      }
      return worst(verdicts);
    },
  },
  {
    id: 'F12',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const { users, early, late } = await dateBounds(ctx);
      return worst([
        await checkFilter(ctx, users, `meta.lastModified gt ${literal(early)}`, FIX_DATES),
        await checkFilter(ctx, users, `meta.lastModified gt ${literal(late)}`, FIX_DATES, { emptyIsMeaningful: true }),
      ]);
    },
  },
  {
    id: 'F13',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const { users, early, late } = await dateBounds(ctx);
      return worst([
        await checkFilter(ctx, users, `meta.lastModified ge ${literal(early)}`, FIX_DATES),
        await checkFilter(ctx, users, `meta.lastModified lt ${literal(late)}`, FIX_DATES),
        await checkFilter(ctx, users, `meta.lastModified le ${literal(early)}`, FIX_DATES, { emptyIsMeaningful: true }),
        await checkFilter(ctx, users, `meta.lastModified ge ${literal(late)}`, FIX_DATES, { emptyIsMeaningful: true }),
      ]);
    },
  },
  {
    id: 'F14',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const users = await runUsers(ctx);
      const fix = 'Order strings lexicographically, case-insensitively for caseExact false attributes (RFC 7644 §3.4.2.2 "gt", "ge", "lt", "le").';
      const verdicts: CheckVerdict[] = [];
      for (const filter of ['name.familyName gt "c"', 'name.familyName le "baker"', 'title lt "e"', 'name.givenName ge "DAN"']) verdicts.push(await checkFilter(ctx, users, filter, fix));
      const verdict = worst(verdicts);
      const numeric = ctx.facts.registry.schemas.some((s) => s.attributes.some((a) => a.type === 'integer' || a.type === 'decimal'));
      return verdict.status === 'pass' ? pass(`${verdict.detail}${numeric ? '' : ' (no integer or decimal attribute in the server\'s schemas: numbers not tested)'}`) : verdict;
    },
  },
  {
    id: 'F15',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const endpoint = usersEndpoint(ctx.facts);
      const filters = ['active gt false', 'active le true'];
      const binary = ctx.facts.registry.attribute('x509Certificates.value', ctx.facts.userType);
      if (binary?.attribute.type === 'binary') filters.push('x509Certificates.value ge "AAAA"');
      const verdicts: CheckVerdict[] = [];
      for (const filter of filters) {
        const response = await ctx.client.send(get(endpoint, { filter: scoped(filter, `${ctx.prefix}-`) }));
        verdicts.push(
          judgeError(response, {
            what: `filter ${filter}`,
            scimType: 'invalidFilter',
            scimTypeRequired: true,
            fix: 'Refuse gt/ge/lt/le on Boolean and Binary attributes with 400 and scimType invalidFilter (RFC 7644 §3.4.2.2: they "SHALL cause a failed response").',
          }),
        );
      }
      const verdict = worst(verdicts);
      return verdict.status === 'pass' ? pass(`${filters.join(', ')}: each refused with 400 invalidFilter (co/sw/ew on booleans: the RFC names no outcome, not judged)`) : verdict;
    },
  },
];
