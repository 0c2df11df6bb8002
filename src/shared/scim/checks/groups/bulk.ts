import { URN } from '../../urns';
import { show } from '../compare';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { describe, hasSchema, isObject, isScimError, type Json } from '../responses';
import type { CheckContext, CheckDefinition, ScimResponse } from '../types';
import { fail, pass, skip, warn, worst } from '../verdicts';
import { judgeRefusal, readBack } from './resource-support';

const bulkReady = all(needs.users, needs.bulk);
const MAX_TEST_PAYLOAD = 8 * 1024 * 1024;
const MAX_TEST_OPERATIONS = 2000;

interface BulkOp {
  method: string;
  path?: string;
  bulkId?: string;
  data?: unknown;
  version?: string;
}

const request = (operations: BulkOp[], extra: Json = {}) => ({ schemas: [URN.bulkRequest], Operations: operations, ...extra });

/** Operations of a BulkResponse. */
function results(response: ScimResponse): Json[] {
  const ops = member(response.json, 'Operations');
  return Array.isArray(ops) ? ops.filter(isObject) : [];
}

const statusOf = (op: Json) => Number(member(op, 'status'));
const ok = (status: number) => status >= 200 && status < 300;

/** Sends a bulk request and tracks every resource its POSTs created (from `location`). */
async function sendBulk(ctx: CheckContext, body: unknown): Promise<ScimResponse> {
  const response = await ctx.client.send({ method: 'POST', path: '/Bulk', body });
  for (const op of results(response)) {
    const location = member(op, 'location');
    if (String(member(op, 'method')).toUpperCase() === 'POST' && ok(statusOf(op)) && typeof location === 'string') {
      const id = decodeURIComponent(location.replace(/\/+$/, '').split('/').at(-1)!);
      const endpoint = location.toLowerCase().includes((ctx.facts.groupType?.endpoint ?? '/Groups').toLowerCase() + '/') ? (ctx.facts.groupType?.endpoint ?? '/Groups') : ctx.facts.userType!.endpoint;
      ctx.fixtures.track(endpoint, id);
    }
  }
  return response;
}

const idFrom = (op: Json | undefined) => {
  const location = member(op, 'location');
  return typeof location === 'string' ? decodeURIComponent(location.replace(/\/+$/, '').split('/').at(-1)!) : undefined;
};

/** Bulk (RFC 7644 §3.7). */
export const bulkChecks: CheckDefinition[] = [
  {
    id: 'B01',
    mutates: true,
    requires: bulkReady,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const response = await sendBulk(ctx, request([
        { method: 'POST', path: endpoint, bulkId: 'a', data: ctx.fixtures.userBody() },
        { method: 'POST', path: endpoint, bulkId: 'b', data: ctx.fixtures.userBody() },
      ]));
      if (response.status !== 200) return fail(`POST /Bulk with two creates answered ${response.status}`, { expected: '200 with a BulkResponse', actual: describe(response), fix: 'RFC 7644 §3.7: a processed bulk request answers 200 with a BulkResponse.' });
      const ops = results(response);
      const created = ops.filter((op) => statusOf(op) === 201 && typeof member(op, 'location') === 'string');
      if (created.length !== 2) return fail(`The BulkResponse reports ${created.length} of 2 creates as 201 with a location`, { actual: show(ops), fix: 'Each POST operation\'s result carries status "201" and the new resource\'s location (RFC 7644 §3.7.3).' });
      return pass('POST /Bulk created two users; each result has status 201 and a location');
    },
  },
  {
    id: 'B02',
    mutates: true,
    requires: all(bulkReady, needs.groups),
    async run(ctx) {
      const users = ctx.facts.userType!.endpoint;
      const groups = ctx.facts.groupType!.endpoint;
      const response = await sendBulk(ctx, request([
        { method: 'POST', path: users, bulkId: 'member', data: ctx.fixtures.userBody() },
        { method: 'POST', path: groups, bulkId: 'team', data: ctx.fixtures.groupBody({ members: [{ value: 'bulkId:member' }] }) },
      ]));
      if (response.status !== 200) return fail(`POST /Bulk answered ${response.status}`, { actual: describe(response) });
      const ops = results(response);
      const user = ops.find((op) => member(op, 'bulkId') === 'member');
      const group = ops.find((op) => member(op, 'bulkId') === 'team');
      if (!user || !group || !ok(statusOf(user)) || !ok(statusOf(group))) return fail('A user and a group referring to it by bulkId were not both created', { actual: show(ops), fix: 'Resolve "bulkId:<id>" to the id created by that operation (RFC 7644 §3.7.2).' });
      const groupId = idFrom(group)!;
      const read = await readBack(ctx, { endpoint: groups, id: groupId, resource: {}, sent: {}, response });
      const members = member(read, 'members');
      const values = Array.isArray(members) ? members.map((m) => member(m, 'value')) : [];
      if (!values.includes(idFrom(user))) return fail(`The group's members are ${show(values)}, not the user created in the same bulk request`, { fix: 'Replace "bulkId:member" with the new user\'s id (RFC 7644 §3.7.2).' });
      return pass('A group created in bulk holds the member created in the same request, by bulkId');
    },
  },
  {
    id: 'B03',
    mutates: true,
    requires: bulkReady,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const path = `${user.endpoint}/${user.id}`;
      const ops: BulkOp[] = [{ method: 'PUT', path, data: { ...user.sent, displayName: `Bulk ${ctx.prefix}` } }];
      if (ctx.facts.features.patch) ops.push({ method: 'PATCH', path, data: { schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'displayName', value: `Bulk2 ${ctx.prefix}` }] } });
      ops.push({ method: 'DELETE', path });
      const response = await sendBulk(ctx, request(ops));
      if (response.status !== 200) return fail(`POST /Bulk with ${ops.map((o) => o.method).join(', ')} answered ${response.status}`, { actual: describe(response) });
      const statuses = results(response).map(statusOf);
      if (statuses.length !== ops.length || !statuses.every(ok)) return fail(`Bulk ${ops.map((o) => o.method).join(', ')} gave statuses ${show(statuses)}`, { fix: 'Process PUT, PATCH and DELETE operations in bulk as on their own (RFC 7644 §3.7).' });
      ctx.fixtures.untrack(user.endpoint, user.id);
      const gone = await ctx.client.send({ method: 'GET', path });
      if (gone.status !== 404) return fail(`After a bulk DELETE the user answers ${gone.status}`, { expected: '404' });
      return pass(`Bulk ${ops.map((o) => o.method).join(', ')} on one user: ${statuses.join(', ')}`);
    },
  },
  {
    id: 'B04',
    mutates: true,
    requires: bulkReady,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const invalid = ctx.fixtures.userBody();
      delete invalid.userName;
      const response = await sendBulk(ctx, request([
        { method: 'POST', path: endpoint, bulkId: 'bad', data: invalid },
        { method: 'POST', path: endpoint, bulkId: 'after1', data: ctx.fixtures.userBody() },
        { method: 'POST', path: endpoint, bulkId: 'after2', data: ctx.fixtures.userBody() },
      ], { failOnErrors: 1 }));
      const processed = results(response).filter((op) => String(member(op, 'bulkId')).startsWith('after') && ok(statusOf(op)));
      if (processed.length) return fail(`With failOnErrors 1, ${processed.length} operation(s) after the first error were still processed`, { actual: show(results(response)), fix: 'RFC 7644 §3.7: stop processing once failOnErrors errors occurred.' });
      if (response.status >= 500) return fail(`POST /Bulk answered ${response.status}`, { actual: describe(response) });
      return pass(`With failOnErrors 1, processing stopped at the first error (${response.status}, ${results(response).length} result(s))`);
    },
  },
  {
    id: 'B05',
    mutates: true,
    requires: all(bulkReady, (facts) => {
      const max = facts.features.bulk.maxOperations;
      if (max === undefined) return 'The ServiceProviderConfig gives no bulk.maxOperations';
      return max > MAX_TEST_OPERATIONS ? `bulk.maxOperations is ${max}; a test request over it is too large to send` : undefined;
    }),
    async run(ctx) {
      const max = ctx.facts.features.bulk.maxOperations!;
      const endpoint = ctx.facts.userType!.endpoint;
      const ops = Array.from({ length: max + 1 }, (_, i) => ({ method: 'DELETE', path: `${endpoint}/${ctx.prefix}-none-${i}` }));
      const response = await sendBulk(ctx, request(ops));
      return judgeRefusal(response, { what: `A bulk request of ${max + 1} operations (maxOperations ${max})`, statuses: [413], fix: 'RFC 7644 §3.7.4: a request over maxOperations answers 413.' });
    },
  },
  {
    id: 'B06',
    mutates: true,
    requires: all(bulkReady, (facts) => {
      const max = facts.features.bulk.maxPayloadSize;
      if (max === undefined) return 'The ServiceProviderConfig gives no bulk.maxPayloadSize';
      return max > MAX_TEST_PAYLOAD ? `bulk.maxPayloadSize is ${max} bytes; a test request over it is too large to send` : undefined;
    }),
    async run(ctx) {
      const max = ctx.facts.features.bulk.maxPayloadSize!;
      const endpoint = ctx.facts.userType!.endpoint;
      // the padding goes in after serializing: JSON.stringify would scan every one of its bytes for escapes
      const body = JSON.stringify(request([{ method: 'DELETE', path: `${endpoint}/${ctx.prefix}-none`, data: { padding: '' } }])).replace('"padding":""', () => `"padding":"${'x'.repeat(max)}"`);
      const response = await ctx.client.send({ method: 'POST', path: '/Bulk', rawBody: body, headers: { 'Content-Type': 'application/scim+json' } });
      return judgeRefusal(response, { what: `A bulk request of ${body.length} bytes (maxPayloadSize ${max})`, statuses: [413], fix: 'RFC 7644 §3.7.4: a request over maxPayloadSize answers 413.' });
    },
  },
  {
    id: 'B07',
    mutates: true,
    requires: bulkReady,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const cases: [string, BulkOp][] = [
        ['a POST without bulkId', { method: 'POST', path: endpoint, data: ctx.fixtures.userBody() }],
        ['an operation without path', { method: 'POST', bulkId: 'nopath', data: ctx.fixtures.userBody() }],
        ['a POST without data', { method: 'POST', path: endpoint, bulkId: 'nodata' }],
      ];
      const verdicts = [];
      for (const [what, op] of cases) {
        const response = await sendBulk(ctx, request([op]));
        const result = results(response)[0];
        if (response.status === 400) verdicts.push(pass(`${what}: the request answered 400`));
        else if (response.status === 200 && result && statusOf(result) === 400) verdicts.push(pass(`${what}: the operation answered 400`));
        else if (response.status === 200 && result && ok(statusOf(result))) verdicts.push(fail(`${what} was processed (${statusOf(result)})`, { actual: show(result), fix: 'RFC 7644 §3.7: bulkId is REQUIRED for POST, path and (for POST/PUT/PATCH) data are REQUIRED: answer the operation 400.' }));
        else verdicts.push((response.status >= 500 ? fail : warn)(`${what}: ${response.status}${result ? `, operation ${String(member(result, 'status'))}` : ''}`, { expected: 'the operation (or the request) answered 400', actual: describe(response) }));
      }
      return worst(verdicts);
    },
  },
  {
    id: 'B08',
    mutates: true,
    requires: bulkReady,
    async run(ctx) {
      const response = await sendBulk(ctx, { schemas: [URN.patchOp], Operations: [{ method: 'POST', path: ctx.facts.userType!.endpoint, bulkId: 'x', data: ctx.fixtures.userBody() }] });
      return judgeRefusal(response, { what: 'A bulk request with the PatchOp schema instead of BulkRequest', scimTypes: ['invalidSyntax', 'invalidValue'], fix: `RFC 7644 §3.7: a bulk request carries "schemas": ["${URN.bulkRequest}"]; refuse others with 400.` });
    },
  },
  {
    id: 'B09',
    mutates: true,
    requires: bulkReady,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const invalid = ctx.fixtures.userBody();
      delete invalid.userName;
      const response = await sendBulk(ctx, request([
        { method: 'POST', path: endpoint, bulkId: 'good', data: ctx.fixtures.userBody() },
        { method: 'POST', path: endpoint, bulkId: 'bad', data: invalid },
      ]));
      if (response.status !== 200) return skip(`POST /Bulk answered ${response.status}; see B01`);
      const problems: string[] = [];
      if (!hasSchema(response.json, URN.bulkResponse)) problems.push(`schemas is ${show(member(response.json, 'schemas'))}, not ["${URN.bulkResponse}"]`);
      const ops = results(response);
      for (const op of ops) {
        const status = member(op, 'status');
        if (typeof status !== 'string') problems.push(`status ${show(status)} of ${String(member(op, 'bulkId'))} is not a string`);
        if (!member(op, 'method')) problems.push(`the result of ${String(member(op, 'bulkId'))} has no method`);
      }
      const failed = ops.find((op) => member(op, 'bulkId') === 'bad');
      if (failed && !ok(statusOf(failed)) && !isScimError(member(failed, 'response'))) problems.push('the failed operation has no SCIM Error in "response"');
      if (problems.length) return fail(`The BulkResponse is not shaped as RFC 7644 §3.7.3 says: ${problems.join('; ')}`, { actual: show(response.json, 400), fix: 'BulkResponse: schemas, Operations[] with method, bulkId, location, status (the HTTP status as a string) and, for a failure, the SCIM Error as "response".' });
      return pass('The BulkResponse has its schema, string statuses and a SCIM Error for the failed operation');
    },
  },
  {
    id: 'B10',
    mutates: true,
    requires: all(bulkReady, needs.groups),
    async run(ctx) {
      const groups = ctx.facts.groupType!.endpoint;
      const response = await sendBulk(ctx, request([
        { method: 'POST', path: groups, bulkId: 'g1', data: ctx.fixtures.groupBody({ members: [{ value: 'bulkId:g2' }] }) },
        { method: 'POST', path: groups, bulkId: 'g2', data: ctx.fixtures.groupBody({ members: [{ value: 'bulkId:g1' }] }) },
      ]));
      if (response.status === 409) return pass('Circular bulkId references were refused with 409 (RFC 7644 §3.7.1 allows it)');
      if (response.status >= 500) return fail(`Circular bulkId references answered ${response.status}`, { actual: describe(response), fix: 'RFC 7644 §3.7.1: resolve circular references, or answer 409.' });
      const ops = results(response);
      if (response.status === 200 && ops.every((op) => ok(statusOf(op)))) {
        for (const op of ops) {
          const read = await ctx.client.send({ method: 'GET', path: `${groups}/${encodeURIComponent(idFrom(op) ?? '')}` });
          if (read.text.includes('bulkId:')) return fail('A group created from circular references stores an unresolved "bulkId:" member', { actual: describe(read), fix: 'Resolve every bulkId (RFC 7644 §3.7.1).' });
        }
        return pass('Two groups referring to each other by bulkId were created and resolved');
      }
      const statuses = ops.map((op) => member(op, 'status'));
      return statuses.some((s) => String(s) === '409') ? pass(`Circular references: operation statuses ${show(statuses)} (409 allowed)`) : warn(`Circular bulkId references answered ${response.status} with ${show(statuses)}`, { fix: 'RFC 7644 §3.7.1: resolve them, or answer 409.' });
    },
  },
  {
    id: 'B11',
    mutates: true,
    requires: all(needs.users, needs.unsupported('Bulk', (f) => f.features.bulk.supported)),
    async run(ctx) {
      const response = await sendBulk(ctx, request([{ method: 'POST', path: ctx.facts.userType!.endpoint, bulkId: 'x', data: ctx.fixtures.userBody() }]));
      if (response.status === 501) return pass('POST /Bulk, claimed unsupported, answered 501');
      return fail(`POST /Bulk, claimed unsupported, answered ${response.status}`, { expected: '501 Not Implemented', actual: describe(response), fix: 'RFC 7644 §3.12: answer 501 for an operation the service provider does not support.' });
    },
  },
];
