import { URN } from '../../urns';
import { difference, show } from '../compare';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { describe, header, idOf, requireStatus, type Json } from '../responses';
import type { CheckDefinition, ServerFacts } from '../types';
import { fail, pass, skip, warn } from '../verdicts';
import { readBack, resourcePath, trackIfCreated } from './resource-support';

const hasUserAttribute = (facts: ServerFacts, path: string) => facts.registry.attribute(path, facts.userType) !== undefined;

/** The sent body without what a server may rightly change or withhold (schemas order, password). */
function comparable(body: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(body)) if (!['schemas', 'password'].includes(key.toLowerCase())) out[key] = value;
  return out;
}

const STRONG_PASSWORD = 'Tq7!vR2#mK9$wL4x';

/** Create (RFC 7644 §3.3): what a successful create must give back. */
export const createMoreChecks: CheckDefinition[] = [
  {
    id: 'C02',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const location = header(user.response, 'location');
      const metaLocation = member(member(user.resource, 'meta'), 'location');
      if (!location) return fail('The 201 answer to a create has no Location header', { expected: 'Location: the new resource\'s URI', actual: describe(user.response), fix: 'RFC 7644 §3.3: the response includes a Location header with the new resource\'s URI (RFC 9110 §10.2.2).' });
      if (typeof metaLocation === 'string' && metaLocation !== location) return fail(`Location (${location}) differs from meta.location (${metaLocation})`, { fix: 'RFC 7644 §3.3: the Location header value SHALL be the same as meta.location.' });
      return pass(`201 with Location ${location}${typeof metaLocation === 'string' ? ' equal to meta.location' : ''}`);
    },
  },
  {
    id: 'C03',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const extra: Json = {};
      for (const [name, value] of [['nickName', `nick-${ctx.prefix}`], ['title', 'Round Trip Tester'], ['preferredLanguage', 'en-GB']] as const) if (hasUserAttribute(ctx.facts, name)) extra[name] = value;
      const user = await ctx.fixtures.createUser(extra);
      const sent = comparable(user.sent);
      const answered = difference(sent, user.resource);
      if (answered) return fail(`The create answer does not echo what was sent: ${answered}`, { expected: show(sent), actual: show(user.resource), fix: 'RFC 7644 §3.3: return the resource as created, with every attribute the client set (returned "default").' });
      const stored = difference(sent, await readBack(ctx, user));
      if (stored) return fail(`Read back after the create, the user differs from what was sent: ${stored}`, { fix: 'Store every attribute value as sent (RFC 7644 §3.3).' });
      return pass(`The ${Object.keys(sent).length} attributes sent came back in the 201 answer and on GET`);
    },
  },
  {
    id: 'C04',
    mutates: true,
    requires: all(needs.users, needs.enterpriseUser),
    async run(ctx) {
      const extension = { employeeNumber: `E-${ctx.prefix}`, department: 'Conformance' };
      const user = await ctx.fixtures.createUser({ schemas: [URN.user, URN.enterpriseUser], [URN.enterpriseUser]: extension });
      const answered = difference(extension, member(user.resource, URN.enterpriseUser), 'Enterprise User');
      const stored = difference(extension, member(await readBack(ctx, user), URN.enterpriseUser), 'Enterprise User');
      if (answered || stored) return fail(`The Enterprise User extension was not kept: ${answered ?? stored}`, { fix: 'Store and return extension attributes under their schema URN (RFC 7643 §3.3, §4.3).' });
      if (!member(user.resource, 'schemas') || !(member(user.resource, 'schemas') as string[]).some((s) => s.toLowerCase() === URN.enterpriseUser.toLowerCase())) {
        return warn('The extension attributes came back, but schemas does not list the extension URN', { fix: 'List every schema a resource uses in "schemas" (RFC 7643 §3).' });
      }
      return pass('The Enterprise User extension was stored and returned');
    },
  },
  {
    id: 'C05',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const clientId = `${ctx.prefix}-client-id`;
      const body = ctx.fixtures.userBody({ id: clientId, meta: { resourceType: 'User', created: '2000-01-01T00:00:00Z' }, ...(hasUserAttribute(ctx.facts, 'groups') ? { groups: [] } : {}) });
      const response = await ctx.client.send({ method: 'POST', path: endpoint, body });
      trackIfCreated(ctx, endpoint, response);
      if (response.status !== 201 && response.status !== 200) {
        return fail(`A create carrying read-only id, meta and groups answered ${response.status}`, { expected: '201, the read-only values ignored', actual: describe(response), fix: 'RFC 7644 §3.3: attributes whose mutability is readOnly SHALL be ignored in the request body (Entra and Okta send them).' });
      }
      if (idOf(response.json) === clientId) return fail('The server took the client\'s id', { fix: 'id is assigned by the service provider (RFC 7643 §3.1); ignore a client-sent id.' });
      if (member(member(response.json, 'meta'), 'created') === '2000-01-01T00:00:00Z') return fail('The server took the client\'s meta.created', { fix: 'meta is readOnly (RFC 7643 §3.1).' });
      return pass('Read-only id, meta and groups in a create were ignored');
    },
  },
  {
    id: 'C07',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const first = await ctx.fixtures.createUser();
      const userName = String(first.sent.userName).toUpperCase();
      const response = await ctx.client.send({ method: 'POST', path: endpoint, body: { ...ctx.fixtures.userBody(), userName } });
      trackIfCreated(ctx, endpoint, response);
      if (response.status >= 200 && response.status < 300) {
        return fail(`A user whose userName differs only in case (${userName}) was created`, { expected: '409 with scimType uniqueness', actual: describe(response), fix: 'userName is caseExact false and unique (RFC 7643 §4.1.1): compare case-insensitively when enforcing uniqueness.' });
      }
      if (response.status !== 409) return fail(`A userName differing only in case answered ${response.status}, not 409`, { expected: '409 uniqueness', actual: describe(response) });
      return pass('A userName differing only in case was refused with 409');
    },
  },
  {
    id: 'C14',
    mutates: true,
    requires: needs.groups,
    async run(ctx) {
      const group = await ctx.fixtures.createGroup();
      requireStatus(group.response, 201, `POST ${group.endpoint}`, 'Answer a successful create with 201 Created (RFC 7644 §3.3).');
      return pass(`POST ${group.endpoint} with no members answered 201 with id ${group.id}`);
    },
  },
  {
    id: 'C15',
    mutates: true,
    requires: all(needs.users, needs.groups),
    async run(ctx) {
      const a = await ctx.fixtures.createUser();
      const b = await ctx.fixtures.createUser();
      const group = await ctx.fixtures.createGroup({ members: [{ value: a.id }, { value: b.id }] });
      const list = member(await readBack(ctx, group), 'members');
      const ids = Array.isArray(list) ? list.map((m) => member(m, 'value')).sort() : [];
      const want = [a.id, b.id].sort();
      if (JSON.stringify(ids) !== JSON.stringify(want)) return fail(`A group created with 2 members reads back with ${show(ids)}`, { expected: show(want), fix: 'Store the members sent in the create (RFC 7643 §4.2).' });
      return pass('A group created with two members reads back with both');
    },
  },
  {
    id: 'C17',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const response = await ctx.client.send({ method: 'POST', path: endpoint, body: ctx.fixtures.userBody(), headers: { 'Content-Type': 'application/json' } });
      trackIfCreated(ctx, endpoint, response);
      if (response.status === 201 || response.status === 200) return pass(`A create sent as application/json answered ${response.status}`);
      return warn(`A create sent as application/json answered ${response.status}`, { expected: '201', actual: describe(response), fix: 'Accept application/json as well as application/scim+json (RFC 7644 §3.8 treats them as the same content); IdPs and tools send both.' });
    },
  },
  {
    id: 'C18',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const response = await ctx.client.send({ method: 'POST', path: `${endpoint}?attributes=userName`, body: ctx.fixtures.userBody() });
      trackIfCreated(ctx, endpoint, response);
      requireStatus(response, [201, 200], `POST ${endpoint}?attributes=userName`);
      const extra = ['emails', 'name', 'displayName'].filter((key) => member(response.json, key) !== undefined);
      if (member(response.json, 'userName') === undefined || idOf(response.json) === undefined) return fail('POST ?attributes=userName answered without userName or id', { actual: describe(response), fix: 'RFC 7644 §3.9: the answer holds the requested attributes and the returned:always ones (id).' });
      if (extra.length) return fail(`POST ?attributes=userName also returned ${extra.join(', ')}`, { expected: 'id, userName (and other returned:always attributes)', actual: show(Object.keys(response.json as Json)), fix: 'RFC 7644 §3.9: honour "attributes" on POST answers.' });
      return pass('POST ?attributes=userName answered only the requested attributes');
    },
  },
  {
    id: 'C19',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const first = await ctx.fixtures.createUser();
      const deleted = await ctx.client.send({ method: 'DELETE', path: resourcePath(first) });
      requireStatus(deleted, [204, 200], 'DELETE of the first user');
      ctx.fixtures.untrack(first.endpoint, first.id);
      const response = await ctx.client.send({ method: 'POST', path: first.endpoint, body: { ...ctx.fixtures.userBody(), userName: first.sent.userName } });
      trackIfCreated(ctx, first.endpoint, response);
      if (response.status === 201 || response.status === 200) return pass('A userName was created again after its user was deleted');
      return fail(`Creating a userName again after deleting its user answered ${response.status}`, { expected: '201', actual: describe(response), fix: 'A deleted resource must not hold on to its unique values (RFC 7644 §3.6: it is omitted from everything after the DELETE).' });
    },
  },
  {
    id: 'C20',
    mutates: true,
    requires: all(needs.users, (facts) => (hasUserAttribute(facts, 'password') ? undefined : 'The server\'s User schema has no password')),
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const response = await ctx.client.send({ method: 'POST', path: endpoint, body: ctx.fixtures.userBody({ password: STRONG_PASSWORD }) });
      trackIfCreated(ctx, endpoint, response);
      if (response.status !== 201 && response.status !== 200) return fail(`A create with a password answered ${response.status}`, { expected: '201', actual: describe(response), fix: 'Accept password on create (RFC 7643 §4.1.1: writeOnly).' });
      const leaks = [response.text.includes(STRONG_PASSWORD) || member(response.json, 'password') !== undefined ? 'the 201 answer' : ''];
      const id = idOf(response.json);
      if (id) {
        const read = await ctx.client.send({ method: 'GET', path: `${endpoint}/${encodeURIComponent(id)}` });
        if (read.text.includes(STRONG_PASSWORD) || member(read.json, 'password') !== undefined) leaks.push('GET');
      }
      const where = leaks.filter(Boolean);
      if (where.length) return fail(`The password came back in ${where.join(' and ')}`, { fix: 'password is returned "never" (RFC 7643 §4.1.1, §7): leave it out of every answer.' });
      return pass('A password was accepted on create and returned nowhere');
    },
  },
  {
    id: 'C21',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const clientId = `${ctx.prefix}-same-id`;
      const answers = [];
      for (let i = 0; i < 2; i++) {
        const response = await ctx.client.send({ method: 'POST', path: endpoint, body: ctx.fixtures.userBody({ id: clientId }) });
        trackIfCreated(ctx, endpoint, response);
        answers.push(response);
      }
      const ids = answers.map((a) => idOf(a.json));
      if (answers.some((a) => a.status !== 201 && a.status !== 200)) return skip(`A create carrying an id was refused (${answers.map((a) => a.status).join(', ')}); see C05`);
      if (ids.includes(clientId)) return fail('The server used the client-supplied id', { fix: 'id is assigned by the service provider (RFC 7643 §3.1).' });
      if (ids[0] === ids[1]) return fail(`Two creates got the same id ${show(ids[0])}`, { fix: 'Each resource\'s id is unique across the service provider (RFC 7643 §3.1).' });
      return pass('A client-supplied id was ignored and the two creates got distinct ids');
    },
  },
];
