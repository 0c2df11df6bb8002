import { show } from '../compare';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { describe, literal } from '../responses';
import type { CheckContext, CheckDefinition, CreatedResource } from '../types';
import { fail, pass, warn } from '../verdicts';
import { patchAndCompare, readBack, sendPatch } from './patch-support';

const groupPatch = all(needs.users, needs.groups, needs.patch, (facts) => (facts.registry.attribute('members.value', facts.groupType) ? undefined : 'The server\'s Group schema has no members'));

async function users(ctx: CheckContext, n: number): Promise<CreatedResource[]> {
  const out: CreatedResource[] = [];
  for (let i = 0; i < n; i++) out.push(await ctx.fixtures.createUser());
  return out;
}

const members = (...people: CreatedResource[]) => people.map((p) => ({ value: p.id }));

async function memberIds(ctx: CheckContext, group: CreatedResource): Promise<string[]> {
  const list = member(await readBack(ctx, group, 'Reading the group back'), 'members');
  return Array.isArray(list) ? list.map((m) => String(member(m, 'value'))).sort() : [];
}

/** PATCH of Group membership (RFC 7644 §3.5.2; RFC 7643 §4.2). */
export const patchGroupChecks: CheckDefinition[] = [
  {
    id: 'X08',
    mutates: true,
    requires: groupPatch,
    async run(ctx) {
      const [a, b, c] = await users(ctx, 3);
      const group = await ctx.fixtures.createGroup({ members: members(a!, b!) });
      return patchAndCompare(ctx, group, [{ op: 'replace', path: 'members', value: members(c!) }], 'replace all members');
    },
  },
  {
    id: 'X13',
    mutates: true,
    requires: groupPatch,
    async run(ctx) {
      const [a, b] = await users(ctx, 2);
      const group = await ctx.fixtures.createGroup({ members: members(a!, b!) });
      return patchAndCompare(ctx, group, [{ op: 'remove', path: `members[value eq ${literal(a!.id)}]` }], 'remove members[value eq …]');
    },
  },
  {
    id: 'X14',
    mutates: true,
    requires: groupPatch,
    async run(ctx) {
      const [a, b] = await users(ctx, 2);
      const group = await ctx.fixtures.createGroup({ members: members(a!, b!) });
      return patchAndCompare(ctx, group, [{ op: 'remove', path: 'members' }], 'remove all members');
    },
  },
  {
    id: 'X28',
    mutates: true,
    requires: groupPatch,
    async run(ctx) {
      const [a, b, c] = await users(ctx, 3);
      const group = await ctx.fixtures.createGroup({ members: members(a!) });
      const added = await patchAndCompare(ctx, group, [{ op: 'add', path: 'members', value: members(b!) }], 'add one member');
      if (added.status === 'fail') return added;
      const removed = await patchAndCompare(ctx, group, [{ op: 'remove', path: `members[value eq ${literal(b!.id)}]` }], 'remove one member');
      if (removed.status === 'fail') return removed;
      return patchAndCompare(
        ctx,
        group,
        [
          { op: 'add', path: 'members', value: members(b!, c!) },
          { op: 'remove', path: `members[value eq ${literal(a!.id)}]` },
        ],
        'add two members and remove one in one PATCH',
      );
    },
  },
  {
    id: 'X29',
    mutates: true,
    requires: groupPatch,
    async run(ctx) {
      const [a, b] = await users(ctx, 2);
      const group = await ctx.fixtures.createGroup({ members: members(a!) });
      const ghost = `${ctx.prefix}-no-such-user`;
      const response = await sendPatch(ctx, group, [{ op: 'add', path: 'members', value: [{ value: b!.id }, { value: ghost }] }]);
      const after = await memberIds(ctx, group);
      if (response.status >= 500) return fail(`Adding a member that does not exist answered ${response.status}`, { expected: '400 (invalidValue), nothing added', actual: describe(response), fix: 'Check member ids and answer 400 "invalidValue" for an unknown one (RFC 7644 §3.12), never a server error.' });
      if (response.status >= 200 && response.status < 300) {
        if (after.includes(ghost)) return fail('A member id that matches no resource was stored in the group', { actual: show(after), fix: 'RFC 7643 §4.2: members reference existing resources; refuse unknown ids with 400 "invalidValue".' });
        if (after.includes(b!.id)) return warn('The unknown member id was dropped silently and the valid one added', { actual: describe(response), fix: 'Refuse the request with 400 "invalidValue" so the client learns the id is wrong (RFC 7644 §3.12); a PATCH is atomic (§3.5.2).' });
        return warn(`Adding an unknown member answered ${response.status} but changed nothing`, { actual: describe(response), fix: 'Answer 400 "invalidValue" for an unknown member id (RFC 7644 §3.12).' });
      }
      if (after.includes(b!.id)) return fail(`The PATCH failed (${response.status}) but the valid member was added anyway`, { actual: show(after), fix: 'RFC 7644 §3.5.2: a PATCH is atomic; a failed request leaves the group unchanged.' });
      if (response.status !== 400) return warn(`Adding a member that does not exist answered ${response.status}, not 400`, { expected: '400 invalidValue', actual: describe(response) });
      return pass('Adding a member that does not exist was refused with 400 and nothing was added');
    },
  },
];
