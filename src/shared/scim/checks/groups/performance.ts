import { show } from '../compare';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { describe, header, literal, q, requireList, requireStatus } from '../responses';
import type { CheckContext, CheckDefinition, ScimResponse } from '../types';
import { fail, pass, warn } from '../verdicts';
import { readBack, sendPatch } from './patch-support';

/** Budgets a provisioning client lives with (Okta's SPEC test allows 600 ms for a list; Entra pages in seconds). */
const PAGE_BUDGET_MS = 2000;
const LOOKUP_BUDGET_MS = 600;
const PACED_RATE = 25;
const PACED_SECONDS = 3;

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (n: number) => `${Math.round(n)} ms`;

async function timed(ctx: CheckContext, path: string): Promise<ScimResponse> {
  return ctx.client.send({ method: 'GET', path });
}

/** Performance and concurrency: what IdPs need to keep their provisioning cycles going. */
export const performanceChecks: CheckDefinition[] = [
  {
    id: 'Pf01',
    mutates: false,
    exclusive: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const latencies: number[] = [];
      let startIndex = 1;
      let total = Infinity;
      const count = 100;
      // at most 20 pages: enough for percentiles without walking a large directory
      for (let page = 0; page < 20 && startIndex <= total && !ctx.signal.aborted; page++) {
        const response = await timed(ctx, `${endpoint}?startIndex=${startIndex}&count=${count}`);
        const resources = requireList(response, `GET ${endpoint} page ${page + 1}`);
        latencies.push(response.durationMs);
        const reported = member(response.json, 'totalResults');
        total = typeof reported === 'number' ? reported : 0;
        if (resources.length === 0) break;
        startIndex += resources.length;
      }
      const p50 = percentile(latencies, 50);
      const p95 = percentile(latencies, 95);
      const detail = `${latencies.length} page(s) of up to ${count}: p50 ${ms(p50)}, p95 ${ms(p95)}`;
      if (p95 > PAGE_BUDGET_MS) return warn(`Paging is slow: ${detail}`, { expected: `p95 under ${ms(PAGE_BUDGET_MS)}`, fix: 'Index the sort key used for paging; Okta imports walk every page (RFC 7644 §3.4.2.4).' });
      return pass(detail);
    },
  },
  {
    id: 'Pf02',
    mutates: false,
    exclusive: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const largest = ctx.facts.features.pagination?.maxPageSize ?? ctx.facts.features.filter.maxResults ?? 1000;
      const response = await timed(ctx, `${endpoint}?startIndex=1&count=${largest}`);
      const resources = requireList(response, `GET ${endpoint}?count=${largest}`);
      const detail = `the largest page (count=${largest}) answered ${resources.length} resources in ${ms(response.durationMs)}`;
      if (response.durationMs > PAGE_BUDGET_MS * 2) return warn(`Slow: ${detail}`, { expected: `under ${ms(PAGE_BUDGET_MS * 2)}`, fix: 'Serve the largest page the server advertises within a few seconds, or advertise a smaller maximum (RFC 7643 §5).' });
      return pass(detail);
    },
  },
  {
    id: 'Pf03',
    mutates: false,
    exclusive: true,
    requires: all(needs.users, needs.filter),
    async run(ctx) {
      const shared = await ctx.fixtures.sharedUsers();
      const target = shared.users[0]!;
      const userName = String(member(target.resource, 'userName'));
      const latencies: number[] = [];
      for (let i = 0; i < 10 && !ctx.signal.aborted; i++) {
        const response = await timed(ctx, `${ctx.facts.userType!.endpoint}?filter=${q(`userName eq ${literal(userName)}`)}`);
        requireList(response, 'userName eq lookup');
        latencies.push(response.durationMs);
      }
      const p95 = percentile(latencies, 95);
      const detail = `userName eq lookups: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(p95)} over ${latencies.length}`;
      if (p95 > LOOKUP_BUDGET_MS) return warn(`Slow: ${detail}`, { expected: `p95 under ${ms(LOOKUP_BUDGET_MS)}`, fix: 'Index userName (case-insensitively): IdPs match every user with userName eq before they act.' });
      return pass(detail);
    },
  },
  {
    id: 'Pf04',
    mutates: false,
    exclusive: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const total = PACED_RATE * PACED_SECONDS;
      const started = Date.now();
      const pending: Promise<ScimResponse>[] = [];
      for (let i = 0; i < total && !ctx.signal.aborted; i++) {
        const due = started + (i * 1000) / PACED_RATE;
        const wait = due - Date.now();
        if (wait > 0) await ctx.sleep(wait);
        pending.push(timed(ctx, `${endpoint}?startIndex=1&count=1`));
      }
      const answers = await Promise.all(pending);
      const seconds = (Date.now() - started) / 1000;
      const throttled = answers.filter((a) => a.status === 429);
      const failed = answers.filter((a) => a.status >= 500 || a.status === 0);
      const detail = `${answers.length} requests at ${PACED_RATE}/s over ${seconds.toFixed(1)} s: ${throttled.length} × 429, ${failed.length} × 5xx/no answer`;
      if (failed.length) return fail(`Errors at the gallery rate: ${detail}`, { actual: describe(failed[0]!), fix: 'The Entra gallery asks a SCIM endpoint to take 25 requests per second without errors.' });
      if (throttled.length) {
        const retry = header(throttled[0]!, 'retry-after');
        return warn(`Throttled at the gallery rate: ${detail}${retry ? '' : ' (without Retry-After)'}`, { fix: 'Take 25 requests per second (Entra gallery); when throttling, send Retry-After (RFC 6585 §4).' });
      }
      return pass(detail);
    },
  },
  {
    id: 'Pf05',
    mutates: true,
    requires: all(needs.users, needs.groups, needs.patch),
    async run(ctx) {
      const people = await Promise.all([0, 1, 2, 3, 4].map(() => ctx.fixtures.createUser()));
      const group = await ctx.fixtures.createGroup();
      const answers = await Promise.all(people.map((p) => sendPatch(ctx, group, [{ op: 'add', path: 'members', value: [{ value: p.id }] }])));
      const refused = answers.filter((a) => a.status < 200 || a.status > 299);
      const after = member(await readBack(ctx, group), 'members');
      const ids = new Set(Array.isArray(after) ? after.map((m) => String(member(m, 'value'))) : []);
      const lost = people.filter((p) => !ids.has(p.id));
      if (lost.length > refused.length) {
        return fail(`${people.length} concurrent PATCHes each adding one member: ${lost.length} member(s) lost`, { actual: show([...ids]), fix: 'Apply membership PATCHes under a lock or as atomic set additions: concurrent adds must not overwrite each other.' });
      }
      if (refused.length) return warn(`${refused.length} of ${people.length} concurrent membership PATCHes were refused (${refused.map((r) => r.status).join(', ')})`, { actual: describe(refused[0]!), fix: 'Accept concurrent membership changes (Entra and Okta send them in parallel), or answer 409/429 so they are retried.' });
      return pass(`${people.length} concurrent PATCHes each adding one member: all ${people.length} members kept`);
    },
  },
  {
    id: 'Pf06',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const body = ctx.fixtures.userBody();
      const answers = await Promise.all([0, 1, 2, 3, 4].map(() => ctx.client.send({ method: 'POST', path: endpoint, body })));
      const created = answers.filter((a) => a.status >= 200 && a.status < 300);
      for (const a of created) {
        const id = member(a.json, 'id');
        if (typeof id === 'string') ctx.fixtures.track(endpoint, id);
      }
      const conflicts = answers.filter((a) => a.status === 409);
      if (created.length !== 1) {
        return fail(`${answers.length} concurrent creates of one userName: ${created.length} created`, { expected: 'one 201, the rest 409', actual: answers.map((a) => a.status).join(', '), fix: 'Enforce userName uniqueness atomically (a unique index), not by a check-then-insert (RFC 7643 §4.1.1, RFC 7644 §3.3).' });
      }
      if (conflicts.length !== answers.length - 1) return warn(`One create succeeded; the others answered ${answers.map((a) => a.status).join(', ')}`, { expected: '409 for the duplicates' });
      return pass(`${answers.length} concurrent creates of one userName: one 201, ${conflicts.length} × 409`);
    },
  },
  {
    id: 'Pf07',
    mutates: true,
    requires: all(needs.users, needs.groups, needs.patch),
    async run(ctx) {
      const size = 20;
      const people = [];
      for (let i = 0; i < size; i++) people.push(await ctx.fixtures.createUser());
      const group = await ctx.fixtures.createGroup({ members: people.map((p) => ({ value: p.id })) });
      const path = `${group.endpoint}/${encodeURIComponent(group.id)}`;
      const lean = requireStatus(await ctx.client.send({ method: 'GET', path: `${path}?excludedAttributes=members` }), 200, 'GET the group ?excludedAttributes=members');
      if (member(lean.json, 'members') !== undefined) return fail(`GET of a ${size}-member group with excludedAttributes=members still returned its members`, { actual: describe(lean), fix: 'Honour excludedAttributes=members (RFC 7644 §3.4.2.5): Entra reads large groups this way.' });
      const extra = await ctx.fixtures.createUser();
      const added = await sendPatch(ctx, group, [{ op: 'add', path: 'members', value: [{ value: extra.id }] }]);
      if (added.status < 200 || added.status > 299) return fail(`Adding one member to a ${size}-member group answered ${added.status}`, { actual: describe(added) });
      const count = member(await readBack(ctx, group), 'members');
      if (!Array.isArray(count) || count.length !== size + 1) return fail(`After adding one member with PATCH the group holds ${Array.isArray(count) ? count.length : 0} members, not ${size + 1}`);
      return pass(`A ${size}-member group: excludedAttributes=members answered without members (${ms(lean.durationMs)}); one member added by PATCH without sending the list`);
    },
  },
  {
    id: 'Pf08',
    mutates: false,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const response = await ctx.client.send({ method: 'GET', path: `${endpoint}?startIndex=1&count=200`, headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
      if (response.error) return fail(`A list asked for with Accept-Encoding gzip, deflate, br failed: ${response.error.message}`, { fix: 'Send a body in a coding the client asked for, and label it with Content-Encoding (RFC 9110 §8.4).' });
      requireList(response, `GET ${endpoint}?count=200 with Accept-Encoding`);
      const coding = header(response, 'content-encoding');
      return pass(`A list asked for with Accept-Encoding came ${coding ? `${coding}-encoded` : 'uncompressed (compression is optional)'} and read whole (${Math.round(response.text.length / 1024)} KiB)`);
    },
  },
];
