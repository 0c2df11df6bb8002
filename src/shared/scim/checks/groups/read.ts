import { member } from '../features';
import { all, needs } from '../preconditions';
import { describe, header, idOf, isScimError, literal, q, requireList, requireStatus } from '../responses';
import type { CheckDefinition } from '../types';
import { fail, pass, warn } from '../verdicts';
import { readBack, resourcePath } from './resource-support';

const stripWeak = (tag: string) => tag.trim().replace(/^W\//, '');

/** Read (RFC 7644 §3.4.1, §3.11, §3.12). */
export const readChecks: CheckDefinition[] = [
  {
    id: 'G01',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const response = requireStatus(await ctx.client.send({ method: 'GET', path: resourcePath(user) }), 200, 'GET of the created user');
      if (idOf(response.json) !== user.id) return fail(`GET /{id} answered a resource with id ${String(idOf(response.json))}`, { expected: user.id, actual: describe(response) });
      return pass('GET of a created user answered 200 with its id');
    },
  },
  {
    id: 'G02',
    mutates: false,
    requires: needs.users,
    async run(ctx) {
      const response = await ctx.client.send({ method: 'GET', path: `${ctx.facts.userType!.endpoint}/${ctx.prefix}-no-such-id` });
      if (response.status !== 404) return fail(`GET of an unknown id answered ${response.status}`, { expected: '404 with a SCIM Error', actual: describe(response), fix: 'Answer 404 for a resource that does not exist (RFC 7644 §3.12).' });
      if (!isScimError(response.json)) return fail('The 404 for an unknown id is not a SCIM Error', { actual: describe(response), fix: 'Send a SCIM Error body (RFC 7644 §3.12).' });
      const status = member(response.json, 'status');
      if (status !== '404') return fail(`The 404 Error's status is ${JSON.stringify(status)}, not "404"`, { fix: 'RFC 7644 §3.12: status is the HTTP status code as a string.' });
      if (typeof member(response.json, 'detail') !== 'string') return warn('The 404 Error has no detail', { fix: 'Add a human-readable "detail" (RFC 7644 §3.12).' });
      return pass('GET of an unknown id answered 404 with a SCIM Error (status "404", detail)');
    },
  },
  {
    id: 'G03',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const endpoint = user.endpoint;
      if (ctx.facts.features.filter.supported) {
        const list = requireList(await ctx.client.send({ method: 'GET', path: `${endpoint}?filter=${q(`userName eq ${literal(String(user.sent.userName))}`)}` }), 'The filtered list');
        if (list.some((r) => idOf(r) === user.id)) return pass('The created user is in the list (found by userName eq)');
        return fail('The created user is not in the filtered list', { fix: 'List every resource that exists (RFC 7644 §3.4.2).' });
      }
      for (let start = 1, page = 0; page < 50; page++) {
        const response = await ctx.client.send({ method: 'GET', path: `${endpoint}?startIndex=${start}&count=100` });
        const resources = requireList(response, 'The list');
        if (resources.some((r) => idOf(r) === user.id)) return pass(`The created user is in the list (page ${page + 1})`);
        if (resources.length === 0) break;
        start += resources.length;
      }
      return fail('The created user was not found walking the list', { fix: 'List every resource that exists (RFC 7644 §3.4.2).' });
    },
  },
  {
    id: 'G04',
    mutates: false,
    async run(ctx) {
      const response = await ctx.client.send({ method: 'GET', path: `/NoSuchEndpoint${ctx.prefix}` });
      if (response.status !== 404) return fail(`GET of an endpoint the server does not have answered ${response.status}`, { expected: '404', actual: describe(response), fix: 'Answer 404 for an unknown endpoint (RFC 7644 §3.12).' });
      if (!isScimError(response.json)) return warn('The 404 for an unknown endpoint is not a SCIM Error', { actual: describe(response), fix: 'Answer every error under the base URL with a SCIM Error body (RFC 7644 §3.12).' });
      return pass('An unknown endpoint answered 404 with a SCIM Error');
    },
  },
  {
    id: 'G05',
    mutates: true,
    requires: all(needs.users, needs.etag),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const response = requireStatus(await ctx.client.send({ method: 'GET', path: resourcePath(user) }), 200, 'GET of the created user');
      const etag = header(response, 'etag');
      const version = member(member(response.json, 'meta'), 'version');
      if (!etag) return fail('GET of a resource has no ETag header although the server claims ETags', { fix: 'RFC 7644 §3.14: when ETags are supported, they MUST be sent as an HTTP header.' });
      if (typeof version === 'string' && stripWeak(version) !== stripWeak(etag)) return fail(`ETag ${etag} differs from meta.version ${version}`, { fix: 'meta.version is the resource\'s entity tag (RFC 7644 §3.14).' });
      return pass(`GET carries ETag ${etag}${typeof version === 'string' ? ' equal to meta.version' : ''}`);
    },
  },
  {
    id: 'G06',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const got = await ctx.client.send({ method: 'GET', path: resourcePath(user) });
      const missing = [user.response, got].filter((r) => !header(r, 'content-location')).map((r) => r.method);
      if (missing.length) return warn(`No Content-Location on ${missing.join(' and ')}`, { fix: 'Content-Location (RFC 9110 §8.7) tells the client which resource the body represents; some SCIM validators expect it (the RFCs do not require it).' });
      return pass('POST and GET answers carry Content-Location');
    },
  },
  {
    id: 'G07',
    mutates: true,
    requires: all(needs.users, (facts) => (facts.registry.attribute('active', facts.userType) ? undefined : 'The server\'s User schema has no active')),
    async run(ctx) {
      const user = await ctx.fixtures.createUser({ active: false });
      const read = await readBack(ctx, user);
      if (member(read, 'active') !== false) return fail(`A user created with active false reads back with active ${JSON.stringify(member(read, 'active'))}`);
      if (ctx.facts.features.filter.supported) {
        const list = requireList(await ctx.client.send({ method: 'GET', path: `${user.endpoint}?filter=${q(`userName eq ${literal(String(user.sent.userName))}`)}` }), 'The userName filter');
        if (!list.some((r) => idOf(r) === user.id)) return fail('A deactivated user is missing from filter results', { fix: 'Entra ID soft-deletes with active false and then matches users by filter: keep inactive users in results.' });
      }
      return pass('A deactivated user is still returned by GET' + (ctx.facts.features.filter.supported ? ' and by filter' : ''));
    },
  },
  {
    id: 'G08',
    mutates: false,
    async run(ctx) {
      const response = await ctx.client.send({ method: 'GET', path: '/Me' });
      if (response.status === 501) return pass('/Me answered 501 (not supported)');
      if (response.status === 200 && idOf(response.json) !== undefined) return pass(`/Me answered the authenticated subject (${String(idOf(response.json))})`);
      if (response.status === 404 || response.status === 403) return warn(`/Me answered ${response.status}`, { expected: 'the subject\'s resource, or 501', actual: describe(response), fix: 'RFC 7644 §3.11: answer /Me with the subject\'s resource, or 501 Not Implemented when /Me is not supported.' });
      return fail(`/Me answered ${response.status}`, { expected: 'the subject\'s resource, or 501', actual: describe(response) });
    },
  },
  {
    id: 'G09',
    mutates: true,
    requires: all(needs.users, needs.groups),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const group = await ctx.fixtures.createGroup({ members: [{ value: user.id }] });
      const response = requireStatus(await ctx.client.send({ method: 'GET', path: `${resourcePath(group)}?excludedAttributes=members` }), 200, 'GET of the group ?excludedAttributes=members');
      if (member(response.json, 'members') !== undefined) return fail('GET ?excludedAttributes=members still returned members', { actual: describe(response), fix: 'Honour excludedAttributes (RFC 7644 §3.4.2.5): Entra ID reads groups this way.' });
      if (member(response.json, 'displayName') === undefined) return warn('GET ?excludedAttributes=members also dropped displayName');
      return pass('GET of a group ?excludedAttributes=members omitted members');
    },
  },
];

