import { URN } from '../../urns';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { describe, header, isScimError, requireStatus } from '../responses';
import type { CheckContext, CheckDefinition, CreatedResource, ScimResponse } from '../types';
import { fail, pass, stop, warn, worst } from '../verdicts';
import { resourcePath } from './resource-support';

const etagged = all(needs.users, needs.etag);
const stripWeak = (tag: string) => tag.trim().replace(/^W\//, '');
const ok = (status: number) => status >= 200 && status < 300;

async function current(ctx: CheckContext, user: CreatedResource): Promise<{ response: ScimResponse; etag: string }> {
  const response = requireStatus(await ctx.client.send({ method: 'GET', path: resourcePath(user) }), 200, 'GET of the user');
  const etag = header(response, 'etag');
  if (!etag) stop(fail('GET has no ETag header although the server claims ETags', { fix: 'RFC 7644 §3.14: when supported, ETags MUST be sent as an HTTP header.' }));
  return { response, etag };
}

const patchBody = (value: string) => ({ schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'displayName', value }] });

/** ETags and conditional requests (RFC 7644 §3.14, RFC 9110 §13). */
export const etagChecks: CheckDefinition[] = [
  {
    id: 'E01',
    mutates: true,
    requires: etagged,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const got = await ctx.client.send({ method: 'GET', path: resourcePath(user) });
      const put = await ctx.client.send({ method: 'PUT', path: resourcePath(user), body: { ...user.sent, displayName: `E01 ${ctx.prefix}` } });
      const answers: ScimResponse[] = [user.response, got, put];
      if (ctx.facts.features.patch) answers.push(await ctx.client.send({ method: 'PATCH', path: resourcePath(user), body: patchBody(`E01b ${ctx.prefix}`) }));
      const missing = answers.filter((a) => ok(a.status) && !header(a, 'etag')).map((a) => a.method);
      if (missing.length) return fail(`No ETag header on ${missing.join(', ')}`, { fix: 'RFC 7644 §3.14: when ETags are supported, every answer carrying a resource MUST have an ETag header.' });
      return pass(`ETag headers on ${answers.map((a) => a.method).join(', ')}`);
    },
  },
  {
    id: 'E02',
    mutates: true,
    requires: etagged,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const { response, etag } = await current(ctx, user);
      const version = member(member(response.json, 'meta'), 'version');
      if (version === undefined) return warn('The resource has no meta.version although the server claims ETags', { fix: 'RFC 7644 §3.14: the ETag SHOULD also be in meta.version.' });
      if (typeof version !== 'string' || stripWeak(version) !== stripWeak(etag)) return fail(`ETag ${etag} differs from meta.version ${JSON.stringify(version)}`, { fix: 'meta.version holds the resource\'s entity tag (RFC 7643 §3.1, RFC 7644 §3.14).' });
      return pass(`ETag equals meta.version (${etag})`);
    },
  },
  {
    id: 'E03',
    mutates: true,
    requires: etagged,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const { etag } = await current(ctx, user);
      const response = await ctx.client.send({ method: 'GET', path: resourcePath(user), headers: { 'If-None-Match': etag } });
      if (response.status === 304) return pass('GET with If-None-Match of the current ETag answered 304');
      return fail(`GET with If-None-Match of the current ETag answered ${response.status}`, { expected: '304 Not Modified', actual: describe(response), fix: 'RFC 7644 §3.14 (RFC 9110 §13.1.2): answer 304 when the tag matches.' });
    },
  },
  {
    id: 'E04',
    mutates: true,
    requires: etagged,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const response = await ctx.client.send({ method: 'GET', path: resourcePath(user), headers: { 'If-None-Match': '*' } });
      if (response.status === 304) return pass('GET with If-None-Match: * answered 304');
      return fail(`GET with If-None-Match: * answered ${response.status}`, { expected: '304', actual: describe(response), fix: 'RFC 9110 §13.1.2: "*" matches any current representation, so a GET answers 304.' });
    },
  },
  {
    id: 'E05',
    mutates: true,
    requires: etagged,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const response = await ctx.client.send({ method: 'GET', path: resourcePath(user), headers: { 'If-None-Match': 'W/"not-the-current-tag"' } });
      if (response.status === 200) return pass('GET with If-None-Match of another tag answered 200');
      return fail(`GET with If-None-Match of another tag answered ${response.status}`, { expected: '200 with the resource', actual: describe(response), fix: 'Only a matching tag gives 304 (RFC 9110 §13.1.2).' });
    },
  },
  {
    id: 'E06',
    mutates: true,
    requires: etagged,
    async run(ctx) {
      const verdicts = [];
      const user = await ctx.fixtures.createUser();
      const put = await ctx.client.send({ method: 'PUT', path: resourcePath(user), headers: { 'If-Match': (await current(ctx, user)).etag }, body: { ...user.sent, displayName: `E06 ${ctx.prefix}` } });
      verdicts.push(ok(put.status) ? pass(`PUT with the current If-Match answered ${put.status}`) : fail(`PUT with the current If-Match answered ${put.status}`, { actual: describe(put), fix: 'A matching If-Match lets the request through (RFC 7644 §3.14).' }));
      if (ctx.facts.features.patch) {
        const patch = await ctx.client.send({ method: 'PATCH', path: resourcePath(user), headers: { 'If-Match': (await current(ctx, user)).etag }, body: patchBody(`E06b ${ctx.prefix}`) });
        verdicts.push(ok(patch.status) ? pass(`PATCH with the current If-Match answered ${patch.status}`) : fail(`PATCH with the current If-Match answered ${patch.status}`, { actual: describe(patch) }));
      }
      const deleted = await ctx.client.send({ method: 'DELETE', path: resourcePath(user), headers: { 'If-Match': (await current(ctx, user)).etag } });
      if (ok(deleted.status)) ctx.fixtures.untrack(user.endpoint, user.id);
      verdicts.push(ok(deleted.status) ? pass(`DELETE with the current If-Match answered ${deleted.status}`) : fail(`DELETE with the current If-Match answered ${deleted.status}`, { actual: describe(deleted) }));
      return worst(verdicts);
    },
  },
  {
    id: 'E07',
    mutates: true,
    requires: etagged,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const stale = 'W/"stale-version-tag"';
      const answers: ScimResponse[] = [await ctx.client.send({ method: 'PUT', path: resourcePath(user), headers: { 'If-Match': stale }, body: { ...user.sent, displayName: `E07 ${ctx.prefix}` } })];
      if (ctx.facts.features.patch) answers.push(await ctx.client.send({ method: 'PATCH', path: resourcePath(user), headers: { 'If-Match': stale }, body: patchBody(`E07b ${ctx.prefix}`) }));
      answers.push(await ctx.client.send({ method: 'DELETE', path: resourcePath(user), headers: { 'If-Match': stale } }));
      const verdicts = answers.map((a) => {
        if (a.status === 412) return isScimError(a.json) ? pass(`${a.method} with a stale If-Match answered 412`) : warn(`${a.method} with a stale If-Match answered 412 without a SCIM Error`, { actual: describe(a), fix: 'Errors carry a SCIM Error body (RFC 7644 §3.12).' });
        if (a.method === 'DELETE' && ok(a.status)) ctx.fixtures.untrack(user.endpoint, user.id);
        return fail(`${a.method} with a stale If-Match answered ${a.status}`, { expected: '412 Precondition Failed', actual: describe(a), fix: 'RFC 7644 §3.14: a request whose If-Match does not match answers 412 and changes nothing.' });
      });
      return worst(verdicts);
    },
  },
  {
    id: 'E08',
    mutates: true,
    requires: etagged,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const first = (await current(ctx, user)).etag;
      const second = (await current(ctx, user)).etag;
      if (first !== second) return fail(`Two reads gave different ETags (${first}, ${second})`, { fix: 'An ETag changes only when the resource changes (RFC 9110 §8.8.3).' });
      const put = await ctx.client.send({ method: 'PUT', path: resourcePath(user), body: { ...user.sent, displayName: `E08 ${ctx.prefix}` } });
      if (!ok(put.status)) return fail(`PUT answered ${put.status}`, { actual: describe(put) });
      const after = (await current(ctx, user)).etag;
      if (after === first) return fail(`The ETag stayed ${first} after a PUT changed the resource`, { fix: 'RFC 7644 §3.14: the version changes with every modification.' });
      return pass(`The ETag held across reads and changed after a PUT (${first} → ${after})`);
    },
  },
  {
    id: 'E09',
    mutates: true,
    requires: etagged,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const { etag } = await current(ctx, user);
      const other = etag.startsWith('W/') ? etag.slice(2) : `W/${etag}`;
      const response = await ctx.client.send({ method: 'GET', path: resourcePath(user), headers: { 'If-None-Match': other } });
      if (response.status === 304) return pass(`If-None-Match ${other} (the other strength of ${etag}) answered 304: weak comparison`);
      return fail(`If-None-Match ${other} answered ${response.status}`, { expected: '304: If-None-Match uses the weak comparison', actual: describe(response), fix: 'RFC 9110 §13.1.2: If-None-Match compares tags weakly (W/"x" matches "x").' });
    },
  },
  {
    id: 'E10',
    mutates: true,
    requires: all(needs.users, needs.unsupported('ETags', (f) => f.features.etag)),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const got = await ctx.client.send({ method: 'GET', path: resourcePath(user) });
      const put = await ctx.client.send({ method: 'PUT', path: resourcePath(user), headers: { 'If-Match': 'W/"made-up"' }, body: { ...user.sent, displayName: `E10 ${ctx.prefix}` } });
      const verdicts = [];
      verdicts.push(header(got, 'etag') ? warn('The server sends ETag headers but its ServiceProviderConfig says etag is not supported', { fix: 'Set etag.supported to true (RFC 7643 §5) so clients use them.' }) : pass('No ETag headers, as the ServiceProviderConfig says'));
      verdicts.push(put.status === 412 ? warn('A made-up If-Match got 412 although ETags are claimed unsupported', { fix: 'Claim etag.supported (RFC 7643 §5), or ignore conditional headers.' }) : ok(put.status) ? pass('A conditional header was ignored, as etag.supported=false says') : fail(`A PUT with a conditional header answered ${put.status}`, { actual: describe(put) }));
      return worst(verdicts);
    },
  },
];
