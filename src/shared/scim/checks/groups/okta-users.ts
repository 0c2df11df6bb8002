import { diffTargets, okta, oktaPut, oktaSpec, type ClientProfile, type PlannedRequest } from '../../../idp';
import { base64Utf8 } from '../../../util/base64';
import { URN } from '../../urns';
import { show } from '../compare';
import { member } from '../features';
import { describe, idOf, isScimError, resourcesOf } from '../responses';
import type { CheckContext, CheckDefinition, CheckVerdict, ScimResponse } from '../types';
import { fail, pass, warn, worst } from '../verdicts';
import { asCheckVerdict, asJson, buildContext, confirmWrite, notHeld, oneRow, provisionUser, readAs, scimRequest, sendAs, sourceUser, targetValues } from './idp-support';

const OKTA = ['okta'] as const;
/** Okta's import reads pages of 100; the check walks at most this many. */
const IMPORT_PAGES = 5;

const ACTIVE = oneRow('active', '"false"');

/** A SCIM Error body as Okta's SPEC test reads it: the Error schema, `status` the code as a string, a `detail`. */
function errorBody(response: ScimResponse, status: number, fix: string): CheckVerdict | undefined {
  const problems: string[] = [];
  if (!isScimError(response.json)) problems.push(`the body does not list ${URN.error}`);
  const code = member(response.json, 'status');
  if (code !== String(status)) problems.push(`"status" is ${show(code)}, not "${status}" (a string: RFC 7644 §3.12)`);
  if (typeof member(response.json, 'detail') !== 'string') problems.push('there is no "detail"');
  if (problems.length === 0) return undefined;
  return fail(`${response.status} as expected, but ${problems.join('; ')}`, { expected: `{"schemas":["${URN.error}"],"status":"${status}","detail":"…"}`, actual: describe(response), fix });
}

/** A user made in the RFC's form, then read as Okta reads before it writes (GET then PUT or PATCH). */
async function readyUser(ctx: CheckContext, profile: ClientProfile) {
  const user = await ctx.fixtures.createUser({ active: true });
  const current = await readAs(ctx, profile, user);
  return { user, current };
}

/** Okta-compat: users as Okta matches, creates, imports, updates and deactivates them, and its SPEC test. */
export const oktaUserChecks: CheckDefinition[] = [
  {
    id: 'Ok01',
    profiles: OKTA,
    mutates: true,
    async run(ctx) {
      const nobody = `${ctx.fixtures.uniqueName('nobody')}@okta.example`;
      const none = asCheckVerdict(okta, await sendAs(ctx, okta, okta.matchUser('userName', nobody), { matchValue: nobody }));
      const user = await ctx.fixtures.createUser();
      const userName = String(user.sent.userName);
      const step = await sendAs(ctx, okta, okta.matchUser('userName', userName), { matchValue: userName });
      let found = asCheckVerdict(okta, step);
      if (found.status !== 'fail' && step.verdict.found?.id !== user.id) {
        found = fail(`${step.planned.title}: ${step.verdict.found?.id ? `found ${step.verdict.found.id} instead of the user` : 'found nothing, though the user exists'}`, { actual: describe(step.response), fix: 'Apply the userName filter (case-insensitively, RFC 7643 §4.1.1): Okta creates the user when its match finds nothing, and the create then fails with 409.' });
      }
      const verdict = worst([none, found]);
      return verdict.status === 'pass' ? pass(`Okta's match (startIndex=1&count=100) answered an empty ListResponse for nobody and found the user that exists`) : verdict;
    },
  },
  {
    id: 'Ok02',
    profiles: OKTA,
    mutates: true,
    async run(ctx) {
      const source = sourceUser(ctx);
      const values = targetValues(okta, source, true);
      const step = await sendAs(ctx, okta, okta.createUser(values, source, buildContext(ctx)));
      const verdict = asCheckVerdict(okta, step);
      const id = step.verdict.found?.id;
      if (verdict.status === 'fail' || !id) return verdict;
      const missing = notHeld(values, await readAs(ctx, okta, { endpoint: '/Users', id }));
      if (missing.length) return warn(`${step.planned.title}: created ${id}, but read back it does not hold ${missing.slice(0, 4).join('; ')}`, { actual: describe(step.response), fix: 'Store what Okta sends (or remove the attribute from the Okta app\'s mappings): Okta pushes every difference again.' });
      return verdict.status === 'pass' ? pass(`${verdict.detail}; read back: all ${values.length} mapped values held`) : verdict;
    },
  },
  {
    id: 'Ok03',
    profiles: OKTA,
    mutates: true,
    async run(ctx) {
      const first = await provisionUser(ctx, okta);
      // Okta's create for the same user again (a new password, the same userName)
      const again = await ctx.client.send(scimRequest(okta.createUser(first.values, first.source, buildContext(ctx))));
      const id = idOf(again.json);
      if (again.status >= 200 && again.status < 300) {
        if (id !== undefined) ctx.fixtures.track('/Users', id);
        return fail(`A second create with the same userName answered ${again.status}: a duplicate user was created`, { expected: `409 with scimType "uniqueness"`, actual: describe(again), fix: 'Refuse a create whose userName exists with 409 and scimType "uniqueness" (RFC 7644 §3.3): Okta then stops and shows the conflict, instead of two accounts.' });
      }
      if (again.status !== 409) return fail(`A second create with the same userName answered ${again.status}, not 409`, { expected: '409 Conflict with a SCIM Error', actual: describe(again), fix: 'Answer a duplicate userName with 409 and scimType "uniqueness" (RFC 7644 §3.3).' });
      return errorBody(again, 409, 'Answer the 409 with a SCIM Error ("needs to respond with an error schema to stop the provisioning job", Okta reference).') ?? pass(`The duplicate create was refused with 409 and a SCIM Error${member(again.json, 'scimType') ? ` (scimType ${String(member(again.json, 'scimType'))})` : ''}`);
    },
  },
  {
    id: 'Ok04',
    profiles: OKTA,
    mutates: false,
    // alone: the other checks' users would shift the pages under the walk
    exclusive: true,
    async run(ctx) {
      await ctx.fixtures.sharedUsers();
      const seen: string[] = [];
      let total: number | undefined;
      let first: ScimResponse | undefined;
      for (let page = 0; page < IMPORT_PAGES; page++) {
        const step = await sendAs(ctx, okta, oktaSpec.importPage(1 + page * 100));
        const verdict = asCheckVerdict(okta, step);
        if (verdict.status === 'fail') return verdict;
        first ??= step.response;
        const resources = resourcesOf(step.response.json) ?? [];
        const count = member(step.response.json, 'totalResults');
        if (typeof count !== 'number') return fail(`The import page from ${1 + page * 100} has totalResults ${show(count)}`, { actual: describe(step.response), fix: 'Send totalResults as an integer (Okta: "need to be exchanged as integers, not as strings"; RFC 7644 §3.4.2).' });
        total = count;
        const ids = resources.map((r) => idOf(r) ?? '');
        const repeated = ids.filter((id) => seen.includes(id));
        if (repeated.length) return fail(`The page from ${1 + page * 100} repeats ${repeated.length} user(s) of an earlier page`, { actual: describe(step.response), fix: 'Order list results the same way on every page (e.g. by id) so startIndex walks each resource once (RFC 7644 §3.4.2.4).' });
        seen.push(...ids);
        if (resources.length === 0 || seen.length >= count) break;
      }
      const again = await ctx.client.send(scimRequest(oktaSpec.importPage(1)));
      // compared over the users both reads hold (another client may add or remove users meanwhile)
      const firstIds = (resourcesOf(first?.json) ?? []).map((r) => idOf(r) ?? '');
      const againIds = (resourcesOf(again.json) ?? []).map((r) => idOf(r) ?? '');
      const before = firstIds.filter((id) => againIds.includes(id));
      const order = againIds.filter((id) => firstIds.includes(id));
      if (before.join() !== order.join()) return fail('The first import page read twice lists the users in another order', { expected: show(before.slice(0, 5)), actual: show(order.slice(0, 5)), fix: 'Keep list results in a stable order (RFC 7644 §3.4.2.4): Okta walks pages with startIndex and count=100.' });
      const walked = total !== undefined && seen.length >= total;
      return pass(`Walked ${seen.length} user(s) in pages of 100${walked ? ', every one once' : ` (of ${total ?? '?'}; the walk stops after ${IMPORT_PAGES} pages)`}; the first page read twice kept its order`);
    },
  },
  {
    id: 'Ok05',
    profiles: OKTA,
    mutates: true,
    async run(ctx) {
      const { user, current } = await readyUser(ctx, okta);
      const source = sourceUser(ctx, { givenName: 'Priya', surname: 'Raman', displayName: 'Priya Raman' });
      const changes = diffTargets(targetValues(okta, source, false), current).filter((c) => ['name.givenName', 'displayName'].includes(c.row.row.target));
      const [planned] = okta.updateUser(user.id, changes, asJson(current));
      const step = await sendAs(ctx, okta, planned!, { current });
      return confirmWrite(ctx, okta, step, user, changes.map((c) => ({ row: c.row, value: c.value })));
    },
  },
  {
    id: 'Ok06',
    profiles: OKTA,
    mutates: true,
    async run(ctx) {
      const { user, current } = await readyUser(ctx, okta);
      const step = await sendAs(ctx, okta, okta.setActive(user.id, false, asJson(current)), { current });
      return confirmWrite(ctx, okta, step, user, [{ row: ACTIVE, value: false }]);
    },
  },
  {
    id: 'Ok07',
    profiles: OKTA,
    mutates: true,
    async run(ctx) {
      const { user, current } = await readyUser(ctx, oktaPut);
      const step = await sendAs(ctx, oktaPut, oktaPut.setActive(user.id, false, asJson(current)), { current });
      return confirmWrite(ctx, oktaPut, step, user, [{ row: ACTIVE, value: false }]);
    },
  },
  {
    id: 'Ok13',
    profiles: OKTA,
    mutates: false,
    async run(ctx) {
      await ctx.fixtures.sharedUsers();
      const [planned] = okta.testConnection('userName', buildContext(ctx));
      const step = await sendAs(ctx, okta, planned!);
      const verdict = asCheckVerdict(okta, step);
      if (verdict.status === 'fail') return verdict;
      const resource = resourcesOf(step.response.json)?.[0];
      if (!resource) return fail(`${planned!.title}: the list of one user is empty`, { actual: describe(step.response), fix: 'Answer GET /Users?startIndex=1&count=1 with one user when there are users (RFC 7644 §3.4.2.4).' });
      const emails = member(resource, 'emails');
      const read: Record<string, unknown> = {
        id: member(resource, 'id'),
        userName: member(resource, 'userName'),
        'name.givenName': member(member(resource, 'name'), 'givenName'),
        'name.familyName': member(member(resource, 'name'), 'familyName'),
        active: member(resource, 'active'),
        'emails[0].value': Array.isArray(emails) ? member(emails[0], 'value') : undefined,
      };
      const missing = Object.entries(read).filter(([, v]) => v === undefined || v === null).map(([k]) => k);
      if (missing.includes('id') || missing.includes('userName')) return fail(`The first user has no ${missing.filter((m) => m === 'id' || m === 'userName').join(' or ')}`, { actual: show(resource), fix: 'Return id and userName on every user (RFC 7643 §3.1, §4.1.1).' });
      if (missing.length) return warn(`Okta's SPEC test reads ${missing.join(', ')} from the first user, which it lacks (its data may simply not have them)`, { actual: show(resource), fix: 'Return name.givenName, name.familyName, active and emails on users (Okta SPEC test step 1), or test with a first user that has them.' });
      return verdict.status === 'pass' ? pass(`The first user has id, userName, name.givenName, name.familyName, active and emails[0].value`) : verdict;
    },
  },
  {
    id: 'Ok14',
    profiles: OKTA,
    mutates: true,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const upper = String(user.sent.userName).toUpperCase();
      const query: PlannedRequest = okta.matchUser('userName', upper);
      const step = await sendAs(ctx, okta, { ...query, title: 'Match with the userName upper-cased (SPEC step 9)', request: { ...query.request, checks: ['Ok14'] } }, { matchValue: upper });
      const verdict = asCheckVerdict(okta, step);
      if (verdict.status === 'fail') return verdict;
      if (step.verdict.found?.id !== user.id) {
        return fail(`userName eq "${upper}" ${step.verdict.found?.id ? `found ${step.verdict.found.id}` : 'found nothing'}, though a user with that userName in another case exists`, { expected: `the user ${user.id}`, actual: describe(step.response), fix: 'Compare userName case-insensitively (RFC 7643 §4.1.1: caseExact false): Okta would create a duplicate, and its SPEC test fails.' });
      }
      return verdict;
    },
  },
  {
    id: 'Ok16',
    profiles: OKTA,
    mutates: false,
    requires: (facts) => (facts.authKind === 'none' ? 'The endpoint sends no credentials, so a wrong token cannot be tried' : undefined),
    async run(ctx) {
      const planned = oktaSpec.badToken();
      const wrong = ctx.facts.authKind === 'basic' ? { name: 'Authorization', value: `Basic ${base64Utf8('okta-spec:wrong-password')}` } : { name: 'Authorization', value: `Bearer ${ctx.prefix}-not-the-token` };
      const response = await ctx.client.send(scimRequest(planned, wrong));
      if (response.status !== 401) return fail(`${planned.title}: answered ${response.status}, not 401`, { expected: '401 with a SCIM Error', actual: describe(response), fix: 'Answer a request with wrong credentials 401 and a SCIM Error (RFC 7644 §3.12; Okta SPEC test step 11).' });
      return errorBody(response, 401, 'Answer 401 with {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"401","detail":"…"} (Okta SPEC test step 11).') ?? pass('A wrong token was answered 401 with a SCIM Error ("status": "401", a detail)');
    },
  },
  {
    id: 'Ok17',
    profiles: OKTA,
    mutates: false,
    async run(ctx) {
      const planned = oktaSpec.unknownUser();
      const response = await ctx.client.send(scimRequest(planned));
      if (response.status !== 404) return fail(`${planned.title}: answered ${response.status}, not 404`, { expected: '404 with a SCIM Error', actual: describe(response), fix: 'Answer GET of a user that does not exist with 404 and a SCIM Error (RFC 7644 §3.12; Okta SPEC test step 12).' });
      return errorBody(response, 404, 'Answer 404 with {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"…"} (Okta SPEC test step 12).') ?? pass('GET /Users/00919288221112222 answered 404 with a SCIM Error ("status": "404", a detail)');
    },
  },
];
