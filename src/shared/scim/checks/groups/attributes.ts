import { URN } from '../../urns';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { alwaysPaths, missingPaths, presentPaths, unrequestedPaths } from '../projection';
import { get, runUsers, searchRequest, someUser, usersEndpoint, withQuery } from '../queries';
import { describe, isObject, literal, resourcesOf, schemasOf, type Json } from '../responses';
import type { CheckContext, CheckDefinition, CheckVerdict, ScimRequest, ScimResponse } from '../types';
import { fail, pass, skip, warn, worst } from '../verdicts';

const FIX_ATTRIBUTES = 'Return only the attributes named in "attributes", plus those returned "always" (id) and schemas (RFC 7644 §3.9, RFC 7643 §2.4 "default": "only returned if the attribute is named in the attributes parameter").';
const FIX_EXCLUDED = 'Leave out the attributes named in "excludedAttributes" and keep the rest of the default set (RFC 7644 §3.9).';
const FIX_ALWAYS = 'excludedAttributes "SHALL have no effect on attributes whose schema returned setting is always" (RFC 7644 §3.9): keep id.';

/** A projection asked for on one answer: which paths must be there, which must not, and whether only the asked-for ones may be. */
interface Expect {
  what: string;
  /** the requested `attributes` (judged as "only these, plus always") */
  only?: readonly string[];
  /** must have a value when the full resource has one */
  keep?: readonly string[];
  /** must not be there */
  drop?: readonly string[];
  fix: string;
}

/** Judges one projected resource against the full one it was cut from. */
export function judgeProjected(ctx: CheckContext, projected: unknown, full: Json, e: Expect, response: ScimResponse): CheckVerdict {
  const type = ctx.facts.userType;
  if (!isObject(projected)) return fail(`${e.what}: no resource in the answer`, { expected: 'the resource', actual: describe(response), fix: e.fix });
  const problems: string[] = [];
  if (member(projected, 'id') === undefined) problems.push('id is missing (returned "always")');
  if (schemasOf(projected).length === 0) problems.push('schemas is missing (RFC 7643 §3: every representation lists its schemas)');
  const missing = missingPaths(ctx.facts, projected, full, [...(e.only ?? []), ...(e.keep ?? [])], type);
  if (missing.length) problems.push(`${missing.join(', ')} missing`);
  const extra = e.only ? unrequestedPaths(ctx.facts, projected, e.only, type) : [];
  if (extra.length) problems.push(`not asked for: ${extra.join(', ')}`);
  const kept = presentPaths(ctx.facts, projected, e.drop ?? [], type);
  if (kept.length) problems.push(`still there: ${kept.join(', ')}`);
  if (problems.length === 0) return pass(`${e.what}: ${Object.keys(projected).join(', ')}`);
  return fail(`${e.what}: ${problems.join('; ')}`, { expected: e.only ? `${e.only.join(', ')} and id, schemas` : `without ${(e.drop ?? []).join(', ')}`, actual: describe(response), fix: e.fix });
}

/** GET one user with the query and judge the answer. */
async function getOne(ctx: CheckContext, id: string, full: Json, params: Record<string, string>, e: Omit<Expect, 'what'>): Promise<CheckVerdict> {
  const request = get(`${usersEndpoint(ctx.facts)}/${encodeURIComponent(id)}`, params);
  const response = await ctx.client.send(request);
  const what = `GET …/Users/{id}?${Object.entries(params).map(([k, v]) => `${k}=${v}`).join('&')}`;
  if (response.status !== 200) return fail(`${what} answered ${response.status || 'nothing'}`, { expected: '200 with the partial resource', actual: describe(response), fix: e.fix });
  return judgeProjected(ctx, response.json, full, { ...e, what }, response);
}

/** Sends a list query (GET or .search) and judges each of the run's resources in it. */
async function overList(ctx: CheckContext, request: ScimRequest, what: string, e: Omit<Expect, 'what'>): Promise<CheckVerdict> {
  const users = await runUsers(ctx);
  const response = await ctx.client.send(request);
  if (response.status !== 200) return fail(`${what} answered ${response.status || 'nothing'}`, { expected: '200 ListResponse', actual: describe(response), fix: e.fix });
  const found = (resourcesOf(response.json) ?? []).filter((r) => users.ids.has(String(member(r, 'id'))));
  if (found.length === 0) return fail(`${what} returned none of the shared users`, { expected: 'the 5 shared users', actual: describe(response), fix: e.fix });
  const verdicts = found.map((r) => judgeProjected(ctx, r, users.users.find((u) => u.id === member(r, 'id'))!.resource, { ...e, what: `${what}, ${users.label(String(member(r, 'id')))}` }, response));
  const verdict = worst(verdicts);
  return verdict.status === 'pass' ? pass(`${what}: ${found.length} resources as asked`) : verdict;
}

const sharedFilter = (prefix: string) => `userName sw ${literal(prefix)}`;
const ENTERPRISE = URN.enterpriseUser;

/** attributes / excludedAttributes (RFC 7644 §3.4.2.5, §3.9; RFC 7643 §2.4). */
export const attributeChecks: CheckDefinition[] = [
  {
    id: 'A01',
    mutates: false,
    requires: needs.users,
    async run(ctx) {
      const { user } = await someUser(ctx);
      return getOne(ctx, user.id, user.resource, { attributes: 'userName' }, { only: ['userName'], fix: FIX_ATTRIBUTES });
    },
  },
  {
    id: 'A02',
    mutates: false,
    requires: all(needs.users, needs.filter),
    async run(ctx) {
      const users = await runUsers(ctx);
      return overList(ctx, get(usersEndpoint(ctx.facts), { filter: sharedFilter(users.prefix), attributes: 'displayName' }), 'GET /Users?filter=…&attributes=displayName', { only: ['displayName'], fix: FIX_ATTRIBUTES });
    },
  },
  {
    id: 'A03',
    mutates: false,
    requires: all(needs.users, needs.filter),
    async run(ctx) {
      const users = await runUsers(ctx);
      const c = users.byKey('c');
      return worst([
        await getOne(ctx, c.id, c.resource, { excludedAttributes: 'emails,name' }, { drop: ['emails', 'name'], keep: ['userName', 'displayName'], fix: FIX_EXCLUDED }),
        await overList(ctx, get(usersEndpoint(ctx.facts), { filter: sharedFilter(users.prefix), excludedAttributes: 'displayName,emails' }), 'GET /Users?filter=…&excludedAttributes=displayName,emails', { drop: ['displayName', 'emails'], keep: ['userName'], fix: FIX_EXCLUDED }),
      ]);
    },
  },
  {
    id: 'A04',
    mutates: false,
    requires: all(needs.users, needs.filter),
    async run(ctx) {
      const users = await runUsers(ctx);
      const c = users.byKey('c');
      const always = [...alwaysPaths(ctx.facts, ctx.facts.userType)].filter((p) => p !== 'schemas' && !p.includes('.'));
      const excluded = always.join(',');
      return worst([
        await getOne(ctx, c.id, c.resource, { excludedAttributes: excluded }, { keep: always, fix: FIX_ALWAYS }),
        await overList(ctx, get(usersEndpoint(ctx.facts), { filter: sharedFilter(users.prefix), excludedAttributes: excluded }), `GET /Users?filter=…&excludedAttributes=${excluded}`, { keep: always, fix: FIX_ALWAYS }),
      ]);
    },
  },
  {
    id: 'A05',
    mutates: false,
    requires: all(needs.users, needs.filter),
    async run(ctx) {
      const c = (await runUsers(ctx)).byKey('c');
      return worst([
        await getOne(ctx, c.id, c.resource, { attributes: 'name.givenName' }, { only: ['name.givenName'], fix: `${FIX_ATTRIBUTES} A sub-attribute path returns the parent with that sub-attribute only (RFC 7644 §3.10).` }),
        await getOne(ctx, c.id, c.resource, { excludedAttributes: 'name.familyName' }, { drop: ['name.familyName'], keep: ['name.givenName', 'userName'], fix: FIX_EXCLUDED }),
      ]);
    },
  },
  {
    id: 'A06',
    mutates: false,
    requires: all(needs.users, needs.filter),
    async run(ctx) {
      const c = (await runUsers(ctx)).byKey('c');
      const fix = `${FIX_ATTRIBUTES} Names may carry their schema URN, and an extension URN alone names the whole extension (RFC 7644 §3.10).`;
      const verdicts = [await getOne(ctx, c.id, c.resource, { attributes: `${URN.user}:userName` }, { only: [`${URN.user}:userName`], fix })];
      if (ctx.facts.userType?.schemaExtensions.some((e) => e.schema === ENTERPRISE)) {
        if (!isObject(member(c.resource, ENTERPRISE))) verdicts.push(skip('The server did not keep the shared users\' enterprise attributes'));
        else {
          verdicts.push(await getOne(ctx, c.id, c.resource, { attributes: `${ENTERPRISE}:employeeNumber` }, { only: [`${ENTERPRISE}:employeeNumber`], fix }));
          verdicts.push(await getOne(ctx, c.id, c.resource, { attributes: ENTERPRISE }, { only: [ENTERPRISE], fix }));
          verdicts.push(await getOne(ctx, c.id, c.resource, { excludedAttributes: `${ENTERPRISE}:department` }, { drop: [`${ENTERPRISE}:department`], keep: [`${ENTERPRISE}:employeeNumber`, 'userName'], fix: FIX_EXCLUDED }));
        }
      }
      return worst(verdicts);
    },
  },
  {
    id: 'A07',
    mutates: false,
    requires: needs.users,
    async run(ctx) {
      const type = ctx.facts.userType;
      const paths: string[] = [];
      for (const urn of [type?.schema, ...(type?.schemaExtensions.map((e) => e.schema) ?? [])]) {
        const schema = urn ? ctx.facts.registry.schema(urn) : undefined;
        for (const a of schema?.attributes ?? []) if (a.returned === 'request') paths.push(urn === type?.schema ? a.name : `${schema!.id}:${a.name}`);
      }
      if (paths.length === 0) return skip('The server\'s User schemas mark no attribute returned "request"');
      const { user } = await someUser(ctx);
      const path = `${usersEndpoint(ctx.facts)}/${encodeURIComponent(user.id)}`;
      const plain = await ctx.client.send({ method: 'GET', path });
      if (plain.status !== 200 || !isObject(plain.json)) return fail(`GET one user answered ${plain.status || 'nothing'}`, { expected: '200', actual: describe(plain) });
      const shown = presentPaths(ctx.facts, plain.json, paths, type);
      if (shown.length > 0) return fail(`Returned "request" attributes without being asked: ${shown.join(', ')}`, { expected: `no ${paths.join(', ')} unless named in attributes`, actual: describe(plain), fix: 'Return a "request" attribute only when the attributes parameter names it (RFC 7643 §2.4).' });
      const asked = await ctx.client.send({ method: 'GET', path: withQuery(path, { attributes: paths.join(',') }) });
      if (asked.status !== 200) return fail(`Asking for ${paths.join(', ')} answered ${asked.status || 'nothing'}`, { expected: '200', actual: describe(asked), fix: 'Accept "request" attributes in the attributes parameter (RFC 7643 §2.4).' });
      return pass(`${paths.join(', ')} (returned "request") left out by default; asking for them answered 200`);
    },
  },
  {
    id: 'A08',
    mutates: false,
    requires: all(needs.users, needs.filter),
    async run(ctx) {
      const users = await runUsers(ctx);
      const endpoint = usersEndpoint(ctx.facts);
      const probe = searchRequest(endpoint, { filter: sharedFilter(users.prefix), attributes: ['displayName'] });
      const first = await ctx.client.send(probe);
      if ([404, 405, 501].includes(first.status)) return skip(`POST ${endpoint}/.search answered ${first.status}: not available (see Q01)`);
      return worst([
        await overList(ctx, probe, 'POST /Users/.search with "attributes": ["displayName"]', { only: ['displayName'], fix: `${FIX_ATTRIBUTES} The same holds for a SearchRequest body (RFC 7644 §3.4.3).` }),
        await overList(ctx, searchRequest(endpoint, { filter: sharedFilter(users.prefix), excludedAttributes: ['emails'] }), 'POST /Users/.search with "excludedAttributes": ["emails"]', { drop: ['emails'], keep: ['userName'], fix: `${FIX_EXCLUDED} The same holds for a SearchRequest body (RFC 7644 §3.4.3).` }),
      ]);
    },
  },
  {
    id: 'A09',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = usersEndpoint(ctx.facts);
      const body = ctx.fixtures.userBody();
      const verdicts: CheckVerdict[] = [];
      const created = await ctx.client.send({ method: 'POST', path: withQuery(endpoint, { attributes: 'userName' }), body });
      const id = member(created.json, 'id');
      if (typeof id === 'string') ctx.fixtures.track(endpoint, id);
      if (created.status !== 201 || typeof id !== 'string') return skip(`The create answered ${describe(created)}`);
      verdicts.push(judgeProjected(ctx, created.json, body, { what: 'POST /Users?attributes=userName', only: ['userName'], fix: FIX_ATTRIBUTES }, created));
      const one = `${endpoint}/${encodeURIComponent(id)}`;
      const put = await ctx.client.send({ method: 'PUT', path: withQuery(one, { excludedAttributes: 'emails' }), body: { ...body, id } });
      if (put.status === 200) verdicts.push(judgeProjected(ctx, put.json, body, { what: 'PUT /Users/{id}?excludedAttributes=emails', drop: ['emails'], keep: ['userName'], fix: FIX_EXCLUDED }, put));
      if (ctx.facts.features.patch) {
        const patch = await ctx.client.send({ method: 'PATCH', path: withQuery(one, { attributes: 'userName' }), body: { schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'displayName', value: 'Projected' }] } });
        if (patch.status === 200) verdicts.push(judgeProjected(ctx, patch.json, { ...body, displayName: 'Projected' }, { what: 'PATCH /Users/{id}?attributes=userName', only: ['userName'], fix: FIX_ATTRIBUTES }, patch));
      }
      // the parameters shape the answer only: what is stored must still be whole
      const stored = await ctx.client.send({ method: 'GET', path: one });
      if (stored.status === 200 && isObject(stored.json)) {
        const lost = ['userName', 'emails'].filter((name) => member(stored.json, name) === undefined);
        if (lost.length > 0) {
          return fail(`After the writes with attributes/excludedAttributes the stored user has lost ${lost.join(', ')}`, {
            expected: `the user with ${lost.join(', ')} as written`,
            actual: describe(stored),
            fix: 'attributes and excludedAttributes shape the answer only, never what is stored (RFC 7644 §3.9); a PATCH changes only what its operations name (§3.5.2).',
          });
        }
      }
      const verdict = worst(verdicts);
      if (verdict.status !== 'fail') return verdict.status === 'pass' ? pass(`attributes/excludedAttributes honoured on ${verdicts.length} write answers`) : verdict;
      return warn(`${verdict.detail} (RFC 7644 §3.9 lets a client ask for a partial answer on any operation that returns a resource)`, { expected: verdict.expected ?? '', actual: verdict.actual ?? '', fix: `${verdict.fix ?? ''} The parameters apply to POST, PUT and PATCH answers too (RFC 7644 §3.9).`.trim() });
    },
  },
  {
    id: 'A10',
    mutates: false,
    requires: needs.users,
    async run(ctx) {
      const { user } = await someUser(ctx);
      const unknown = `${ctx.prefix}NoSuchAttribute`;
      const response = await ctx.client.send(get(`${usersEndpoint(ctx.facts)}/${encodeURIComponent(user.id)}`, { attributes: `userName,${unknown}` }));
      if (response.status === 200 && isObject(response.json) && member(response.json, 'userName') !== undefined) return pass(`attributes naming an unknown attribute answered 200 with userName`);
      if (response.status === 400) return warn('attributes naming an unknown attribute was refused with 400', { expected: '200 with the known attributes', actual: describe(response), fix: 'Ignore unknown names in attributes (RFC 7644 defines no error for them; clients ask for extension attributes a server may not have).' });
      return fail(`attributes naming an unknown attribute answered ${response.status || 'nothing'}`, { expected: '200 with userName', actual: describe(response), fix: 'Ignore unknown names in attributes.' });
    },
  },
];
