import { instantOf } from '../../datetime';
import { URN } from '../../urns';
import { member } from '../features';
import { indexWalk, walkFailure, walkIds } from '../pages';
import { all, needs } from '../preconditions';
import { get, listIds, runUsers, usersEndpoint, withQuery } from '../queries';
import { describe, isListResponse, literal, type Json } from '../responses';
import type { CheckContext, CheckDefinition, CheckVerdict, CreatedResource, ScimResponse, ServerFacts } from '../types';
import { fail, pass, skip, worst } from '../verdicts';

type Key = string | number | boolean | null;

/**
 * The sort key of RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary value, else its first;
 * strings compare case-insensitively unless caseExact; dateTimes as instants; no value is null.
 */
export function sortKey(facts: ServerFacts, resource: unknown, sortBy: string): Key {
  const found = facts.registry.attribute(sortBy, facts.userType);
  if (!found) return null;
  const holder = found.extension && found.schema ? member(resource, found.schema.id) : resource;
  let value = member(holder, found.top.name);
  if (Array.isArray(value)) value = value.find((v) => member(v, 'primary') === true) ?? value[0];
  if (found.attribute !== found.top) value = member(value, found.attribute.name);
  else if (found.top.type === 'complex') value = member(value, 'value');
  if (value === undefined || value === null || value === '') return null;
  const type = found.attribute === found.top && found.top.type === 'complex' ? facts.registry.subAttribute(found.top, 'value')?.type : found.attribute.type;
  if (type === 'dateTime' && typeof value === 'string') return instantOf(value);
  if (typeof value === 'string') return found.attribute.caseExact ? value : value.toLowerCase();
  return typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);
}

/** Ascending order, no value last (RFC 7644 §3.4.2.3); descending is its exact reverse. */
function compare(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface OrderJudgement {
  what: string;
  response?: ScimResponse;
  /** the ids as returned (when several pages make one sequence) */
  ids?: string[];
  resources: readonly { id: string; resource: Json }[];
  sortBy: string;
  descending: boolean;
  label: (id: string) => string;
  fix: string;
}

/** Pass when every run resource came back and each is in order relative to the next (ties in any order). */
export function judgeOrder(facts: ServerFacts, j: OrderJudgement): CheckVerdict {
  if (j.response && (j.response.status !== 200 || !isListResponse(j.response.json))) {
    return fail(`${j.what} answered ${j.response.status || 'nothing'}`, { expected: '200 ListResponse', actual: describe(j.response), fix: j.fix });
  }
  const known = new Map(j.resources.map((r) => [r.id, r.resource]));
  const got = (j.ids ?? listIds(j.response!)).filter((id) => known.has(id));
  const keyOf = (id: string) => sortKey(facts, known.get(id), j.sortBy);
  const keys = j.resources.map((r) => keyOf(r.id));
  if (keys.every((k) => k === keys[0])) return skip(`${j.what}: the run's resources have the same ${j.sortBy} (the server did not keep the values), so the order tells nothing`);
  const shown = got.map(j.label).join(', ');
  const missing = [...known.keys()].filter((id) => !got.includes(id));
  if (missing.length > 0) return fail(`${j.what} left out ${missing.map(j.label).join(', ')}`, { expected: 'every matching resource', actual: shown, fix: j.fix });
  const sign = j.descending ? -1 : 1;
  for (let i = 0; i + 1 < got.length; i++) {
    if (sign * compare(keyOf(got[i]!), keyOf(got[i + 1]!)) > 0) {
      const expected = [...got].sort((x, y) => sign * compare(keyOf(x), keyOf(y)));
      return fail(`${j.what} put ${j.label(got[i]!)} before ${j.label(got[i + 1]!)}`, { expected: expected.map(j.label).join(', '), actual: shown, fix: j.fix });
    }
  }
  return pass(`${j.what} → ${shown}`);
}

const FIX_SORT = 'Order by the sortBy attribute per RFC 7644 §3.4.2.3: strings case-insensitively unless caseExact, multi-valued attributes by their primary value, no value last (first when descending).';

async function sortedShared(ctx: CheckContext, sortBy: string, sortOrder: string | undefined, what: string): Promise<CheckVerdict> {
  const users = await runUsers(ctx);
  const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter: `userName sw ${literal(users.prefix)}`, sortBy, sortOrder }));
  return judgeOrder(ctx.facts, { what, response, resources: users.users, sortBy, descending: sortOrder === 'descending', label: users.label, fix: FIX_SORT });
}

const sorting = all(needs.users, needs.filter, needs.sort);

/** Sort (RFC 7644 §3.4.2.3). */
export const sortChecks: CheckDefinition[] = [
  {
    id: 'S01',
    mutates: true,
    requires: sorting,
    async run(ctx) {
      const base = ctx.fixtures.uniqueName('s01');
      // created out of order, in mixed case: ascending case-insensitive order differs from insertion order and from code-point order
      const made: CreatedResource[] = [];
      for (const suffix of ['Charlie', 'alpha', 'delta', 'Bravo']) made.push(await ctx.fixtures.createUser({ userName: `${base}-${suffix}` }));
      const label = (id: string) => String(member(made.find((m) => m.id === id)?.sent, 'userName')).replace(`${base}-`, '');
      const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter: `userName sw ${literal(`${base}-`)}`, sortBy: 'userName', sortOrder: 'ascending' }));
      return judgeOrder(ctx.facts, { what: 'sortBy=userName&sortOrder=ascending', response, resources: made, sortBy: 'userName', descending: false, label, fix: FIX_SORT });
    },
  },
  {
    id: 'S02',
    mutates: false,
    requires: sorting,
    run: (ctx) => sortedShared(ctx, 'userName', 'descending', 'sortBy=userName&sortOrder=descending'),
  },
  {
    id: 'S03',
    mutates: false,
    requires: sorting,
    run: (ctx) => sortedShared(ctx, 'title', undefined, 'sortBy=title without sortOrder'),
  },
  {
    id: 'S04',
    mutates: true,
    requires: sorting,
    async run(ctx) {
      const base = ctx.fixtures.uniqueName('s04');
      const email = (letter: string) => `${base}-${letter}@sort.example.com`;
      // primary values z, m, b; first values a, m, y; insertion order 1, 2, 3: only the primary gives 3, 2, 1
      const specs = [
        [{ value: email('a'), type: 'home' }, { value: email('z'), type: 'work', primary: true }],
        [{ value: email('m'), type: 'work', primary: true }],
        [{ value: email('y'), type: 'home' }, { value: email('b'), type: 'work', primary: true }],
      ];
      const made: CreatedResource[] = [];
      for (const [i, emails] of specs.entries()) made.push(await ctx.fixtures.createUser({ userName: `${base}-${i + 1}`, emails }));
      const label = (id: string) => `user ${made.findIndex((m) => m.id === id) + 1}`;
      const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter: `userName sw ${literal(`${base}-`)}`, sortBy: 'emails.value' }));
      const verdict = judgeOrder(ctx.facts, { what: 'sortBy=emails.value', response, resources: made, sortBy: 'emails.value', descending: false, label, fix: FIX_SORT });
      return verdict.status === 'pass' ? pass(`${verdict.detail} (ordered by each user's primary email)`) : verdict;
    },
  },
  {
    id: 'S05',
    mutates: false,
    requires: sorting,
    async run(ctx) {
      const verdicts = [await sortedShared(ctx, `${URN.user}:userName`, 'descending', `sortBy=${URN.user}:userName&sortOrder=descending`), await sortedShared(ctx, 'USERNAME', 'descending', 'sortBy=USERNAME&sortOrder=descending')];
      if (ctx.facts.userType?.schemaExtensions.some((e) => e.schema === URN.enterpriseUser)) {
        verdicts.push(await sortedShared(ctx, `${URN.enterpriseUser}:employeeNumber`, 'descending', 'sortBy=…enterprise…:employeeNumber&sortOrder=descending'));
      }
      return worst(verdicts);
    },
  },
  {
    id: 'S06',
    mutates: false,
    requires: sorting,
    async run(ctx) {
      const users = await runUsers(ctx);
      const endpoint = usersEndpoint(ctx.facts);
      const walk = await indexWalk(ctx, (startIndex) => get(endpoint, { filter: `userName sw ${literal(users.prefix)}`, sortBy: 'title', startIndex, count: 2 }), 2, 6);
      const fix = 'Give equal sort keys a fixed tie-break (e.g. the id) so the order is the same on every page (RFC 7644 §3.4.2.3, §3.4.2.4).';
      if (walk.end === 'error') return fail(`The sorted walk failed at ${walkFailure(walk)}`, { expected: '200 pages', actual: walkFailure(walk), fix });
      const { all: ids, duplicates } = walkIds(walk);
      if (duplicates.length > 0) return fail(`Paging sortBy=title by 2 repeated ${duplicates.map(users.label).join(', ')} (equal titles not in a stable order)`, { expected: 'each user once', actual: ids.map(users.label).join(', '), fix });
      const verdict = judgeOrder(ctx.facts, { what: 'sortBy=title paged by 2', ids, resources: users.users, sortBy: 'title', descending: false, label: users.label, fix });
      return verdict.status === 'pass' ? pass(`${verdict.detail}, across ${walk.pages.length} pages`) : verdict;
    },
  },
  {
    id: 'S07',
    mutates: false,
    requires: all(needs.users, needs.unsupported('sorting', (f) => f.features.sort)),
    async run(ctx) {
      const response = await ctx.client.send({ method: 'GET', path: withQuery(usersEndpoint(ctx.facts), { sortBy: 'userName', count: 5 }) });
      if (response.status === 200 && isListResponse(response.json)) return pass('sortBy on a server that does not claim sorting was ignored (200 ListResponse)');
      if ((response.status >= 400 && response.status < 500) || response.status === 501) return pass(`sortBy on a server that does not claim sorting was refused with ${response.status}`);
      return fail(`sortBy answered ${response.status || 'nothing'} on a server that does not claim sorting`, { expected: '200 with the unsorted list, or an error that says sorting is not supported', actual: describe(response), fix: 'Ignore sortBy (RFC 7644 §3.4.2: unknown or unsupported query parameters SHOULD be ignored) or refuse it with a SCIM Error (400 or 501).' });
    },
  },
];
