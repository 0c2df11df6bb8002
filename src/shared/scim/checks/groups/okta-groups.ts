import { compileRows, computeTargets, defaultMappings, groupView, okta, oktaPut, oktaSpec, type ClientProfile, type Member, type PlannedRequest, type SourceGroup } from '../../../idp';
import { show } from '../compare';
import { member } from '../features';
import { needs } from '../preconditions';
import { describe, isObject } from '../responses';
import type { CheckContext, CheckDefinition, CheckVerdict, CreatedResource } from '../types';
import { fail, pass, warn, worst } from '../verdicts';
import { asCheckVerdict, memberIds, readAs, scimRequest, sendAs } from './idp-support';
import { percentile } from './performance';

const OKTA = ['okta'] as const;
/** Okta's SPEC test allows a group list this long (step 10). */
const GROUPS_BUDGET_MS = 600;
const BATCH = 100;

const GROUP_ROWS = compileRows(defaultMappings('okta').group, 'group');

/** A user as a member the way Okta pushes it: the id in the app and its userName as display. */
async function memberUser(ctx: CheckContext): Promise<Member> {
  const user = await ctx.fixtures.createUser();
  return { value: user.id, display: String(user.sent.userName) };
}

async function groupWith(ctx: CheckContext, people: readonly Member[]): Promise<CreatedResource> {
  return ctx.fixtures.createGroup({ members: people.map((m) => ({ value: m.value, display: m.display })) });
}

/** The requests of one Okta membership update (its rename first), each judged, then the members read back. */
async function push(ctx: CheckContext, profile: ClientProfile, requests: readonly PlannedRequest[], group: CreatedResource, present: readonly string[], absent: readonly string[]): Promise<CheckVerdict> {
  const verdicts: CheckVerdict[] = [];
  for (const planned of requests) {
    const step = await sendAs(ctx, profile, planned, { current: group.resource });
    const verdict = asCheckVerdict(profile, step);
    verdicts.push(verdict);
    if (verdict.status === 'fail') return worst(verdicts);
  }
  const held = memberIds(await readAs(ctx, profile, group));
  const lost = present.filter((id) => !held.includes(id));
  const kept = absent.filter((id) => held.includes(id));
  if (lost.length || kept.length) {
    verdicts.push(
      fail(`Okta's membership update was answered as done, but read back ${[lost.length ? `${lost.length} pushed member(s) are missing` : '', kept.length ? `${kept.length} removed member(s) are still there` : ''].filter(Boolean).join(' and ')}`, {
        expected: `members ${show(present)}`,
        actual: `members ${show(held)}`,
        fix: 'Apply Okta\'s membership operations as written (remove by members[value eq …], add the listed values), or refuse them with 400 and a detail.',
      }),
    );
  }
  const verdict = worst(verdicts);
  return verdict.status === 'pass' ? pass(`${requests.map((r) => r.title).join('; ')}: answered as done and read back as pushed`) : verdict;
}

function sourceGroup(ctx: CheckContext): SourceGroup {
  const name = ctx.fixtures.uniqueName('okta-group');
  return { id: `${name}-source`, displayName: `${name} Engineering`, mailNickname: null, description: null, assigned: true, members: [] };
}

/** Okta-compat: Group Push (create, rename, memberships by PATCH or PUT, delete) and the SPEC test's group list. */
/** One member joins, one leaves, one stays, in the membership requests `profile` sends; read back. */
function membershipCheck(id: string, profile: ClientProfile): CheckDefinition {
  return {
    id,
    profiles: OKTA,
    mutates: true,
    requires: needs.groups,
    async run(ctx) {
      const [leaving, staying, joining] = [await memberUser(ctx), await memberUser(ctx), await memberUser(ctx)];
      const group = await groupWith(ctx, [leaving, staying]);
      const requests = profile.membership(group.id, String(group.sent.displayName), [joining], [leaving], [staying, joining], BATCH);
      return push(ctx, profile, requests, group, [staying.value, joining.value], [leaving.value]);
    },
  };
}

export const oktaGroupChecks: CheckDefinition[] = [
  {
    id: 'Ok08',
    profiles: OKTA,
    mutates: true,
    requires: needs.groups,
    async run(ctx) {
      const source = sourceGroup(ctx);
      const step = await sendAs(ctx, okta, okta.createGroup(computeTargets(GROUP_ROWS, groupView('okta', source), true).values, source));
      const verdict = asCheckVerdict(okta, step);
      const id = step.verdict.found?.id;
      if (verdict.status === 'fail' || !id) return verdict;
      const read = await readAs(ctx, okta, { endpoint: '/Groups', id });
      if (member(read, 'displayName') !== source.displayName) return fail(`The pushed group reads back as ${show(member(read, 'displayName'))}`, { expected: source.displayName, actual: show(read), fix: 'Store the displayName Okta pushes as sent.' });
      return verdict;
    },
  },
  {
    id: 'Ok09',
    profiles: OKTA,
    mutates: true,
    requires: needs.groups,
    async run(ctx) {
      const people = [await memberUser(ctx)];
      const group = await groupWith(ctx, people);
      const name = `${String(group.sent.displayName)} renamed`;
      const step = await sendAs(ctx, okta, okta.renameGroup(group.id, name, people), { current: group.resource });
      const verdict = asCheckVerdict(okta, step);
      if (verdict.status === 'fail') return verdict;
      const read = await readAs(ctx, okta, group);
      if (member(read, 'displayName') !== name) return fail(`${step.planned.title}: answered ${step.response.status}, but the group is named ${show(member(read, 'displayName'))}`, { actual: describe(step.response), fix: 'Apply the no-path replace: its value is a set of attributes; the unchanged read-only id in it is not a change (RFC 7644 §3.5.2.3).' });
      if (memberIds(read).length !== people.length) return fail(`${step.planned.title}: the rename changed the members (${memberIds(read).length} left of ${people.length})`, { actual: show(member(read, 'members')), fix: 'A replace without members in its value leaves the members as they are.' });
      return verdict.status === 'pass' ? pass(`${verdict.detail}; read back renamed, members kept`) : verdict;
    },
  },
  membershipCheck('Ok10', okta),
  membershipCheck('Ok11', oktaPut),
  {
    id: 'Ok12',
    profiles: OKTA,
    mutates: true,
    requires: needs.groups,
    async run(ctx) {
      const group = await groupWith(ctx, []);
      const step = await sendAs(ctx, okta, okta.deleteGroup(group.id));
      const verdict = asCheckVerdict(okta, step);
      if (step.response.status < 200 || step.response.status > 299) return verdict;
      const after = await ctx.client.send(scimRequest(okta.getGroup(group.id)));
      if (after.status !== 404) return fail(`${step.planned.title}: answered ${step.response.status}, but GET /Groups/{id} then answered ${after.status}`, { expected: '404', actual: describe(after), fix: 'Delete the group (RFC 7644 §3.6: later requests for it answer 404).' });
      ctx.fixtures.untrack(group.endpoint, group.id);
      return verdict.status === 'pass' ? pass(`${verdict.detail}; the group then reads as 404`) : verdict;
    },
  },
  {
    id: 'Ok15',
    profiles: OKTA,
    mutates: false,
    exclusive: true,
    requires: needs.groups,
    async run(ctx) {
      const planned = oktaSpec.listGroups();
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const step = await sendAs(ctx, okta, planned);
        if (step.response.status !== 200) return asCheckVerdict(okta, step);
        times.push(step.response.durationMs);
      }
      const median = percentile(times, 50);
      if (median > GROUPS_BUDGET_MS) return warn(`GET /Groups took ${Math.round(median)} ms (median of 3); Okta's SPEC test allows ${GROUPS_BUDGET_MS} ms`, { actual: times.map((t) => `${Math.round(t)} ms`).join(', '), fix: 'Answer the group list within 600 ms (Okta SPEC test step 10): page it, or leave members out of the list.' });
      return pass(`GET /Groups took ${Math.round(median)} ms (median of 3), within the SPEC test's ${GROUPS_BUDGET_MS} ms`);
    },
  },
  {
    id: 'Ok18',
    profiles: OKTA,
    mutates: true,
    requires: needs.groups,
    async run(ctx) {
      const [one, two] = [await memberUser(ctx), await memberUser(ctx)];
      const group = await groupWith(ctx, [one!]);
      const requests = okta.membership(group.id, String(group.sent.displayName), [two!], [], [one!, two!], BATCH);
      const answers: string[] = [];
      const verdicts: CheckVerdict[] = [];
      for (const planned of requests) {
        const step = await sendAs(ctx, okta, planned, { current: group.resource });
        verdicts.push(asCheckVerdict(okta, step));
        const members = isObject(step.response.json) ? member(step.response.json, 'members') : undefined;
        answers.push(`${step.response.status}${step.response.status === 200 ? (members === null ? ' with "members": null' : members === undefined ? ' without members' : ' with the members') : ''}`);
      }
      const verdict = worst(verdicts);
      return verdict.status === 'pass' ? pass(`Okta's group PATCHes (rename, membership) answered ${answers.join(' and ')}: Okta takes 200 with the group, 204, or "members": null`) : verdict;
    },
  },
];
