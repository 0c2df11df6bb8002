import { show, unassigned } from '../compare';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { describe, idOf, isObject, literal, q, requireList, type Json } from '../responses';
import type { CheckContext, CheckDefinition, CreatedResource, ServerFacts } from '../types';
import { fail, pass, skip, warn } from '../verdicts';
import { judgeRefusal, readBack, resourcePath } from './resource-support';

const has = (facts: ServerFacts, path: string) => facts.registry.attribute(path, facts.userType) !== undefined;
const put = (ctx: CheckContext, created: CreatedResource, body: Json) => ctx.client.send({ method: 'PUT', path: resourcePath(created), body });
const del = (ctx: CheckContext, path: string) => ctx.client.send({ method: 'DELETE', path });
const ok = (status: number) => status >= 200 && status < 300;
const PUT_FIX = 'RFC 7644 §3.5.1: a successful PUT answers 200 with the whole resource.';

/** A full User body to PUT: what was created, changed by `changes`. */
function replacement(created: CreatedResource, changes: Json): Json {
  return { ...created.sent, ...changes };
}

/** PUT (RFC 7644 §3.5.1) and DELETE (§3.6). */
export const putDeleteChecks: CheckDefinition[] = [
  {
    id: 'U01',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const displayName = `Replaced ${ctx.prefix}`;
      const response = await put(ctx, user, replacement(user, { displayName }));
      if (!ok(response.status)) return fail(`PUT answered ${response.status}`, { expected: '200', actual: describe(response), fix: PUT_FIX });
      const after = await readBack(ctx, user);
      if (member(after, 'displayName') !== displayName) return fail(`After PUT, displayName reads back as ${show(member(after, 'displayName'))}`, { expected: show(displayName), fix: 'Store the values a PUT sends (RFC 7644 §3.5.1).' });
      return pass('PUT replaced displayName and GET shows it');
    },
  },
  {
    id: 'U02',
    mutates: true,
    requires: all(needs.users, (facts) => (has(facts, 'nickName') ? undefined : 'The server\'s User schema has no nickName')),
    async run(ctx) {
      const user = await ctx.fixtures.createUser({ nickName: `omit-${ctx.prefix}` });
      const body = replacement(user, {});
      delete body.nickName;
      const response = await put(ctx, user, body);
      if (!ok(response.status)) return fail(`PUT answered ${response.status}`, { actual: describe(response), fix: PUT_FIX });
      const kept = member(await readBack(ctx, user), 'nickName');
      if (unassigned(kept)) return pass('An attribute left out of the PUT body was cleared');
      const evidence = { expected: 'nickName cleared', actual: show(kept), fix: 'RFC 7644 §3.5.1 lets a server keep or clear omitted readWrite attributes; PUT-based clients (Okta) expect PUT to replace the whole resource.' };
      return ctx.profile === 'okta' ? fail('An attribute left out of the PUT body was kept', evidence) : warn('An attribute left out of the PUT body was kept (RFC 7644 §3.5.1 allows this)', evidence);
    },
  },
  {
    id: 'U03',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const other = `${ctx.prefix}-other-id`;
      const response = await put(ctx, user, replacement(user, { id: other }));
      const after = await readBack(ctx, user);
      if (idOf(after) !== user.id) return fail('A PUT with another id in its body changed the resource\'s id', { fix: 'id is readOnly (RFC 7643 §3.1); the URL names the resource.' });
      if (response.status === 400 || ok(response.status)) return pass(`A PUT with another id in its body answered ${response.status} and the id stayed`);
      return fail(`A PUT with another id in its body answered ${response.status}`, { expected: '200 (id ignored) or 400', actual: describe(response) });
    },
  },
  {
    id: 'U04',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const response = await put(ctx, user, replacement(user, { id: user.id, meta: { resourceType: 'User', created: '2000-01-01T00:00:00Z', version: 'W/"client"' }, ...(has(ctx.facts, 'groups') ? { groups: [] } : {}) }));
      if (!ok(response.status)) return fail(`A PUT carrying read-only meta and groups answered ${response.status}`, { expected: '200, read-only values ignored', actual: describe(response), fix: 'RFC 7644 §3.5.1: values of readOnly attributes in a PUT SHALL be ignored (Okta sends meta and groups).' });
      const after = await readBack(ctx, user);
      if (member(member(after, 'meta'), 'created') === '2000-01-01T00:00:00Z') return fail('The server took meta.created from the PUT body', { fix: 'meta is readOnly (RFC 7643 §3.1).' });
      return pass('Read-only meta and groups in a PUT body were ignored');
    },
  },
  {
    id: 'U05',
    mutates: true,
    requires: all(needs.users, (facts) => (immutableUserAttribute(facts) ? undefined : 'The server\'s User schema declares no immutable single-valued string attribute')),
    async run(ctx) {
      const name = immutableUserAttribute(ctx.facts)!;
      const user = await ctx.fixtures.createUser({ [name]: `first-${ctx.prefix}` });
      const response = await put(ctx, user, replacement(user, { [name]: `second-${ctx.prefix}` }));
      return judgeRefusal(response, { what: `A PUT changing the immutable ${name}`, scimTypes: ['mutability'], fix: 'RFC 7644 §3.5.1: an immutable attribute\'s value cannot change; answer 400 "mutability".' });
    },
  },
  {
    id: 'U06',
    mutates: false,
    requires: needs.users,
    async run(ctx) {
      const body = ctx.fixtures.userBody();
      const response = await ctx.client.send({ method: 'PUT', path: `${ctx.facts.userType!.endpoint}/${ctx.prefix}-no-such-id`, body });
      if (response.status === 404) return pass('PUT of an unknown id answered 404');
      return fail(`PUT of an unknown id answered ${response.status}`, { expected: '404', actual: describe(response), fix: 'RFC 7644 §3.5.1 replaces an existing resource: answer 404 when there is none (§3.12).' });
    },
  },
  {
    id: 'U07',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const body = replacement(user, {});
      delete body.userName;
      const response = await put(ctx, user, body);
      const verdict = judgeRefusal(response, { what: 'A PUT without the required userName', scimTypes: ['invalidValue'], fix: 'RFC 7644 §3.5.1: required attributes must be in a PUT; refuse with 400 "invalidValue".' });
      if (ok(response.status) && member(await readBack(ctx, user), 'userName') === undefined) return fail('A PUT without userName was accepted and the user lost its userName', { fix: 'userName is required (RFC 7643 §4.1.1).' });
      return verdict;
    },
  },
  {
    id: 'U08',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const response = await put(ctx, user, replacement(user, { displayName: `U08 ${ctx.prefix}` }));
      if (response.status !== 200) return fail(`A successful PUT answered ${response.status}`, { expected: '200 with the resource', actual: describe(response), fix: PUT_FIX });
      if (!isObject(response.json) || idOf(response.json) !== user.id || member(response.json, 'userName') === undefined) return fail('The 200 answer to PUT is not the whole resource', { actual: describe(response), fix: PUT_FIX });
      return pass('PUT answered 200 with the whole resource');
    },
  },
  {
    id: 'U09',
    mutates: true,
    requires: all(needs.users, needs.groups),
    async run(ctx) {
      const a = await ctx.fixtures.createUser();
      const b = await ctx.fixtures.createUser();
      const group = await ctx.fixtures.createGroup({ members: [{ value: a.id }] });
      const ids = async () => {
        const list = member(await readBack(ctx, group), 'members');
        return Array.isArray(list) ? list.map((m) => String(member(m, 'value'))) : [];
      };
      const swap = await ctx.client.send({ method: 'PUT', path: resourcePath(group), body: { ...group.sent, members: [{ value: b.id }] } });
      if (!ok(swap.status)) return fail(`PUT of a group with new members answered ${swap.status}`, { actual: describe(swap), fix: PUT_FIX });
      const swapped = await ids();
      if (swapped.length !== 1 || swapped[0] !== b.id) return fail(`After a PUT with one new member the group holds ${show(swapped)}`, { expected: show([b.id]), fix: 'PUT replaces members (RFC 7644 §3.5.1).' });
      const empty = await ctx.client.send({ method: 'PUT', path: resourcePath(group), body: { ...group.sent, members: [] } });
      if (!ok(empty.status)) return fail(`PUT of a group with members [] answered ${empty.status}`, { actual: describe(empty) });
      const emptied = await ids();
      if (emptied.length) return fail(`After a PUT with members [] the group holds ${show(emptied)}`, { fix: 'An empty array unassigns members (RFC 7643 §2.5).' });
      return pass('PUT replaced a group\'s members, then emptied them');
    },
  },
  {
    id: 'U10',
    mutates: true,
    requires: all(needs.users, (facts) => (has(facts, 'password') ? undefined : 'The server\'s User schema has no password')),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const secret = 'Zp4!kW8#nQ2$vB7y';
      const response = await put(ctx, user, replacement(user, { password: secret }));
      if (!ok(response.status)) return fail(`A PUT with a password answered ${response.status}`, { actual: describe(response), fix: 'Accept password in PUT (RFC 7643 §4.1.1, writeOnly).' });
      const read = await ctx.client.send({ method: 'GET', path: resourcePath(user) });
      if (response.text.includes(secret) || read.text.includes(secret) || member(read.json, 'password') !== undefined) return fail('The password came back after a PUT', { fix: 'password is returned "never" (RFC 7643 §7).' });
      return pass('A password in PUT was accepted and returned nowhere');
    },
  },
  {
    id: 'L01',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const response = await del(ctx, resourcePath(user));
      if (ok(response.status)) ctx.fixtures.untrack(user.endpoint, user.id);
      if (response.status !== 204) return fail(`DELETE answered ${response.status}`, { expected: '204 No Content', actual: describe(response), fix: 'RFC 7644 §3.6: a successful DELETE answers 204 No Content.' });
      if (response.text !== '') return warn('The 204 answer to DELETE has a body', { fix: '204 has no body (RFC 9110 §15.3.5).' });
      return pass('DELETE answered 204 with no body');
    },
  },
  {
    id: 'L02',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const deleted = await del(ctx, resourcePath(user));
      if (!ok(deleted.status)) return skip(`DELETE answered ${deleted.status}; see L01`);
      ctx.fixtures.untrack(user.endpoint, user.id);
      const response = await ctx.client.send({ method: 'GET', path: resourcePath(user) });
      if (response.status === 404) return pass('GET after DELETE answered 404');
      return fail(`GET after DELETE answered ${response.status}`, { expected: '404', actual: describe(response), fix: 'RFC 7644 §3.6: after a DELETE every operation on the resource MUST answer 404.' });
    },
  },
  {
    id: 'L03',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const first = await del(ctx, resourcePath(user));
      if (!ok(first.status)) return skip(`DELETE answered ${first.status}; see L01`);
      ctx.fixtures.untrack(user.endpoint, user.id);
      const second = await del(ctx, resourcePath(user));
      if (second.status === 404) return pass('A second DELETE answered 404');
      return fail(`A second DELETE answered ${second.status}`, { expected: '404', actual: describe(second), fix: 'RFC 7644 §3.6: a deleted resource answers 404 to every operation.' });
    },
  },
  {
    id: 'L04',
    mutates: false,
    requires: needs.users,
    async run(ctx) {
      const response = await del(ctx, `${ctx.facts.userType!.endpoint}/${ctx.prefix}-no-such-id`);
      if (response.status === 404) return pass('DELETE of an unknown id answered 404');
      return fail(`DELETE of an unknown id answered ${response.status}`, { expected: '404', actual: describe(response), fix: 'Answer 404 for a resource that does not exist (RFC 7644 §3.6, §3.12).' });
    },
  },
  {
    id: 'L05',
    mutates: true,
    requires: all(needs.users, needs.filter),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const deleted = await del(ctx, resourcePath(user));
      if (!ok(deleted.status)) return skip(`DELETE answered ${deleted.status}; see L01`);
      ctx.fixtures.untrack(user.endpoint, user.id);
      const list = requireList(await ctx.client.send({ method: 'GET', path: `${user.endpoint}?filter=${q(`userName eq ${literal(String(user.sent.userName))}`)}` }), 'The userName filter after DELETE');
      if (list.some((r) => idOf(r) === user.id)) return fail('A deleted user is still in filter results', { fix: 'RFC 7644 §3.6: service providers MUST omit a deleted resource from future query results.' });
      return pass('A deleted user is gone from filter results');
    },
  },
  {
    id: 'L06',
    mutates: true,
    requires: all(needs.users, needs.groups),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const stays = await ctx.fixtures.createUser();
      const group = await ctx.fixtures.createGroup({ members: [{ value: user.id }, { value: stays.id }] });
      const deleted = await del(ctx, resourcePath(user));
      if (!ok(deleted.status)) return skip(`DELETE answered ${deleted.status}; see L01`);
      ctx.fixtures.untrack(user.endpoint, user.id);
      const list = member(await readBack(ctx, group), 'members');
      const ids = Array.isArray(list) ? list.map((m) => String(member(m, 'value'))) : [];
      if (ids.includes(user.id)) return warn('A deleted user is still listed in its group\'s members', { actual: show(ids), fix: 'Remove a deleted user from group memberships: a member that answers 404 confuses IdPs and auditors (RFC 7644 §3.6, RFC 7643 §4.2).' });
      if (!ids.includes(stays.id)) return fail('Deleting one member emptied the group of the other', { actual: show(ids) });
      return pass('A deleted user left its group\'s members; the other member stayed');
    },
  },
];

function immutableUserAttribute(facts: ServerFacts): string | undefined {
  const schema = facts.userType ? facts.registry.schema(facts.userType.schema) : undefined;
  return schema?.attributes.find((a) => a.mutability === 'immutable' && a.type === 'string' && !a.multiValued && !a.required)?.name;
}
