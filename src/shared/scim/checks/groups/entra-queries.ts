import { entra, entraExamples, entraFlag, judgeRate, GALLERY_RATE, type PlannedRequest } from '../../../idp';
import { show } from '../compare';
import { member } from '../features';
import { needs } from '../preconditions';
import { describe, isListResponse, isObject, resourcesOf, type Json } from '../responses';
import type { CheckDefinition, CheckVerdict, ScimResponse } from '../types';
import { fail, pass, skip, warn, worst } from '../verdicts';
import { BOOLEANS, CHARACTERISTICS, definitions } from './discovery-schemas';
import { asCheckVerdict, buildContext, scimRequest, sendAs, type IdpStep } from './idp-support';
import { percentile } from './performance';

const ENTRA = ['entra'] as const;
const RATE_REQUESTS = 50;

/** A match that must find exactly the user the check created. */
function matched(step: IdpStep, id: string): CheckVerdict {
  const verdict = asCheckVerdict(entra, step);
  if (verdict.status === 'fail') return verdict;
  const found = step.verdict.found;
  if (found?.id === id) return verdict;
  return fail(`${step.planned.title}: ${found?.id ? `found ${found.id}, not the user it was asked for` : 'found nothing, though the user exists'}`, {
    expected: `a ListResponse holding exactly the user ${id}`,
    actual: describe(step.response),
    fix: 'Apply the filter exactly (attribute names case-insensitively, userName values case-insensitively: RFC 7643 §4.1.1): Entra creates a second account when its match finds nothing, and updates the wrong one when it finds another.',
  });
}

/**
 * A filter outside the RFC 7644 grammar that Entra sends (a value path with a sub-attribute, an
 * unquoted value): refusing it with 400 is what the grammar allows, but Entra's match then fails (a
 * warning, as F26 and F35 say); answering it wrongly fails.
 */
function outsideGrammar(step: IdpStep, id: string, what: string): CheckVerdict {
  if (step.response.status === 400) {
    return warn(`${step.planned.title}: refused with 400 (${describe(step.response)}); RFC 7644 §3.4.2.2's grammar lets a server refuse ${what}, but Entra's match fails on this server`, {
      expected: `the user ${id}, as Entra sends the filter`,
      actual: describe(step.response),
      fix: `Accept ${what} (the lenient reading the Entra tutorial's requests need) if Entra provisions into this server.`,
    });
  }
  return matched(step, id);
}

/** Entra-compat: the queries Entra sends (Test Connection, matching, groups without members) and the cycle's needs. */
export const entraQueryChecks: CheckDefinition[] = [
  {
    id: 'En01',
    profiles: ENTRA,
    mutates: false,
    async run(ctx) {
      const [users, groups] = entra.testConnection('userName', buildContext(ctx));
      const verdicts = [asCheckVerdict(entra, await sendAs(ctx, entra, users!))];
      if (groups && ctx.facts.groupType) verdicts.push(asCheckVerdict(entra, await sendAs(ctx, entra, groups)));
      return worst(verdicts);
    },
  },
  {
    id: 'En02',
    profiles: ENTRA,
    mutates: true,
    async run(ctx) {
      const externalId = ctx.fixtures.uniqueName('ext');
      const user = await ctx.fixtures.createUser({ externalId });
      const userName = String(user.sent.userName);
      const verdicts: CheckVerdict[] = [];
      for (const [attribute, value] of [['userName', userName], ['externalId', externalId]] as const) {
        verdicts.push(matched(await sendAs(ctx, entra, entra.matchUser(attribute, value), { matchValue: value }), user.id));
      }
      return worst(verdicts);
    },
  },
  {
    id: 'En03',
    profiles: ENTRA,
    mutates: true,
    async run(ctx) {
      // a value that is one token (letters, digits, hyphens), as the tutorial's "jyoung"
      const externalId = ctx.fixtures.uniqueName('jyoung');
      const user = await ctx.fixtures.createUser({ externalId });
      const step = await sendAs(ctx, entra, entraExamples.unquotedExternalIdQuery(externalId), { matchValue: externalId });
      const verdict = outsideGrammar(step, user.id, 'an unquoted value');
      return verdict.status === 'warn' ? { ...verdict, detail: `${verdict.detail} (only the tutorial's legacy Example 1 shows it: Entra's matching queries quote the value, see En02)` } : verdict;
    },
  },
  {
    id: 'En04',
    profiles: ENTRA,
    mutates: true,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const emails = member(user.resource, 'emails');
      const work = Array.isArray(emails) ? emails.find((e) => member(e, 'type') === 'work') : undefined;
      const email = member(work, 'value');
      if (typeof email !== 'string') return skip('The test user was created without a work email in its representation');
      const step = await sendAs(ctx, entra, entra.matchUser('emails[type eq "work"].value', email), { matchValue: email });
      const verdict = outsideGrammar(step, user.id, 'a value path with a sub-attribute (emails[type eq "work"].value eq …)');
      return verdict.status === 'warn' ? { ...verdict, detail: `${verdict.detail} (Entra sends it when the work email is a matching attribute)` } : verdict;
    },
  },
  {
    id: 'En05',
    profiles: ENTRA,
    mutates: true,
    requires: needs.groups,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const group = await ctx.fixtures.createGroup({ members: [{ value: user.id }] });
      const name = String(group.sent.displayName);
      const verdicts: CheckVerdict[] = [];
      const match = await sendAs(ctx, entra, entra.matchGroup(name)!, { matchValue: name });
      verdicts.push(matched(match, group.id));
      const read = await sendAs(ctx, entra, entra.getGroup(group.id));
      verdicts.push(asCheckVerdict(entra, read));
      for (const [step, resource] of [[match, resourcesOf(match.response.json)?.[0]], [read, read.response.json]] as const) {
        const members = member(resource, 'members');
        if (Array.isArray(members) && members.length > 0) {
          verdicts.push(
            warn(`${step.planned.title}: the answer lists ${members.length} member(s) though Entra asked for excludedAttributes=members`, {
              expected: 'the group without "members" (RFC 7644 §3.4.2.5: excludedAttributes removes them from the answer)',
              actual: describe(step.response),
              fix: 'Honour excludedAttributes=members: Entra reads groups this way on every cycle, and a large group\'s members make each read slow.',
            }),
          );
        }
      }
      return worst(verdicts);
    },
  },
  {
    id: 'En20',
    profiles: ENTRA,
    mutates: true,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const userName = String(user.sent.userName);
      const off = await sendAs(ctx, entraFlag, entraFlag.setActive(user.id, false, undefined));
      if (off.response.status < 200 || off.response.status > 299) return skip(`The test user could not be disabled with {"op":"replace","path":"active","value":false} (${describe(off.response)}); see En10`);
      const verdicts: CheckVerdict[] = [];
      const read = await sendAs(ctx, entra, entra.getUser(user.id));
      if (read.response.status === 404) {
        verdicts.push(
          fail('GET /Users/{id} of the disabled user answered 404', {
            expected: 'the user, with active false',
            actual: describe(read.response),
            fix: 'Keep returning a soft-deleted user (active=false) from GET and from filters; only DELETE removes it (Entra tutorial: "The user object should be returned in a request whether or not the user is active").',
          }),
        );
      } else verdicts.push(asCheckVerdict(entra, read));
      const query: PlannedRequest = { ...entra.matchUser('userName', userName), kind: 'confirm-soft-delete', title: 'Query the disabled user by userName, as the next cycle does' };
      const found = await sendAs(ctx, entra, { ...query, request: { ...query.request, checks: ['En20'] } }, { matchValue: userName });
      verdicts.push(matched(found, user.id));
      const verdict = worst(verdicts);
      return verdict.status === 'pass' ? pass(`The disabled user is still read by id (${read.response.status}) and found by its userName`) : verdict;
    },
  },
  {
    id: 'En22',
    profiles: ENTRA,
    mutates: false,
    exclusive: true,
    async run(ctx) {
      // paced at the gallery's rate with as many requests in flight as Entra keeps (the profile's
      // concurrency): a server that answers too slowly holds the next send back, as it holds Entra back
      const inFlight = new Set<Promise<unknown>>();
      const answers: ScimResponse[] = [];
      const sentAt: number[] = [];
      const started = Date.now();
      for (let i = 0; i < RATE_REQUESTS && !ctx.signal.aborted; i++) {
        const wait = started + (i * 1000) / GALLERY_RATE - Date.now();
        if (wait > 0) await ctx.sleep(wait);
        while (inFlight.size >= entra.defaults.concurrency) await Promise.race(inFlight);
        // Entra's matching query for users that do not exist: read-only, and what a cycle sends most
        const planned = entra.matchUser('userName', `${ctx.prefix}-rate-${i}@contoso.example`);
        sentAt.push(Date.now());
        const pending: Promise<unknown> = ctx.client.send(scimRequest(planned)).then((response) => {
          answers.push(response);
          inFlight.delete(pending);
        });
        inFlight.add(pending);
      }
      await Promise.all(inFlight);
      if (answers.length < RATE_REQUESTS) return skip('The run was cancelled before the rate was measured');
      const seconds = Math.max(0.001, (sentAt.at(-1)! - sentAt[0]!) / 1000);
      const throttled = answers.filter((a) => a.status === 429);
      const errors = answers.filter((a) => a.status === 0 || a.status >= 500);
      const refused = answers.filter((a) => a.status !== 200 && a.status !== 429 && !errors.includes(a));
      const rate = judgeRate({ requests: answers.length, achievedRate: (sentAt.length - 1) / seconds, throttled: throttled.length, errors: errors.length, p95Ms: percentile(answers.map((a) => a.durationMs), 95) });
      const first = throttled[0] ?? errors[0];
      const head = `Entra's matching query paced at ${GALLERY_RATE}/s, ${entra.defaults.concurrency} in flight at most`;
      if (refused.length && rate.status !== 'fail') return fail(`${refused.length} of ${answers.length} matching queries were refused (${describe(refused[0]!)}), so the rate says nothing; see En01`, { actual: describe(refused[0]!), fix: 'Answer Entra\'s matching query (see En01 and En02).' });
      if (rate.status === 'pass') return pass(`${head}: ${rate.detail}`);
      return { status: rate.status, detail: `${head}: ${rate.detail}`, ...(first ? { actual: describe(first) } : {}), ...(rate.fix ? { fix: rate.fix } : {}) };
    },
  },
  {
    id: 'En23',
    profiles: ENTRA,
    mutates: false,
    async run(ctx) {
      const response = ctx.facts.discovery.schemas;
      ctx.client.cite(response);
      if (response.status === 404 || response.status === 501) {
        return warn(`GET /Schemas answered ${response.status}: Entra's schema discovery cannot read this server's attributes`, { actual: describe(response), fix: 'Serve /Schemas (RFC 7644 §4) so admins can pick attributes in Entra\'s mapping editor.' });
      }
      if (response.status !== 200 || !isListResponse(response.json)) {
        return fail('GET /Schemas is not a ListResponse', { expected: 'a ListResponse of Schema resources (RFC 7644 §4)', actual: describe(response), fix: 'Answer GET /Schemas with {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":N,"Resources":[…]}: Entra reads it that way (tutorial, schema discovery).' });
      }
      const problems: string[] = [];
      for (const { where, def } of definitions(ctx.facts)) {
        for (const [name, allowed] of Object.entries(CHARACTERISTICS)) {
          const value = member(def, name);
          if (value !== undefined && !(typeof value === 'string' && allowed.includes(value))) problems.push(`${where}: ${name} ${show(value)}`);
        }
        for (const name of BOOLEANS) if (member(def, name) !== undefined && typeof member(def, name) !== 'boolean') problems.push(`${where}: ${name} ${show(member(def, name))}`);
      }
      const nulls = nullMembers(response.json, '');
      if (problems.length) return fail(`${problems.length} characteristic(s) not spelled as RFC 7643 §7 does: ${problems.slice(0, 4).join('; ')}`, { fix: 'Spell characteristics exactly (readWrite, not ReadWrite) and send booleans as true/false: Entra reads /Schemas literally.' });
      if (nulls.length) return fail(`/Schemas holds ${nulls.length} member(s) set to null: ${nulls.slice(0, 4).join(', ')}`, { fix: 'Leave out members that have no value instead of writing null: Entra\'s schema discovery does not read null members.' });
      return pass(`/Schemas is a ListResponse of ${resourcesOf(response.json)?.length ?? 0} schemas; every characteristic camelCased, every flag a boolean, no null member`);
    },
  },
];

/** Paths of the members set to null, anywhere in a JSON value. */
function nullMembers(value: unknown, at: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => nullMembers(item, `${at}[${i}]`));
  if (!isObject(value)) return [];
  return Object.entries(value as Json).flatMap(([key, item]) => (item === null ? [`${at}${at ? '.' : ''}${key}`] : nullMembers(item, `${at}${at ? '.' : ''}${key}`)));
}
