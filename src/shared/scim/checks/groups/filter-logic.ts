import { URN } from '../../urns';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { andAlso, checkFilter, expectedIds, get, groupsEndpoint, judgeMatches, runUsers, usersEndpoint } from '../queries';
import { describe, isObject, literal } from '../responses';
import type { CheckDefinition, CheckVerdict, CreatedResource } from '../types';
import { fail, pass, skip, worst } from '../verdicts';

const filterUsers = all(needs.users, needs.filter);

const FIX_LOGIC = 'Evaluate and, or and not as RFC 7644 §3.4.2.2 Table 4 defines them; "and" binds tighter than "or", parentheses group (Table 5).';
const FIX_VALUE_PATH = 'A valuePath filter (attr[…]) matches when one value of the multi-valued attribute satisfies the whole inner expression (RFC 7644 §3.4.2.2); attr.sub conditions outside brackets may be met by different values.';

/** Runs each filter over the shared users and keeps the worst verdict. */
const over = (id: string, filters: readonly (string | [string, { emptyIsMeaningful: true }])[], fix: string, requires = filterUsers): CheckDefinition => ({
  id,
  mutates: false,
  requires,
  async run(ctx) {
    const users = await runUsers(ctx);
    const verdicts: CheckVerdict[] = [];
    for (const entry of filters) {
      const [filter, options] = typeof entry === 'string' ? [entry, {}] : entry;
      verdicts.push(await checkFilter(ctx, users, filter, fix, options));
    }
    return worst(verdicts);
  },
});

const ENTERPRISE = URN.enterpriseUser;

/** Filter: logical operators, value paths, qualified names and references (RFC 7644 §3.4.2.2, §3.10). */
export const filterLogicChecks: CheckDefinition[] = [
  over('F16', ['active eq true and title eq "Engineer"', 'title eq "Engineer" and name.givenName eq "Carol"'], FIX_LOGIC),
  over('F17', ['title eq "Manager" or title eq "Director"', 'name.givenName eq "Eve" or emails.value ew "@home.example.org"'], FIX_LOGIC),
  over('F18', ['not (title eq "Engineer")', 'not (active eq true or title eq "Analyst")'], FIX_LOGIC),
  over('F19', ['title eq "Manager" or title eq "Engineer" and active eq true', '(title eq "Manager" or title eq "Engineer") and active eq true', 'active eq false and (title eq "Analyst" or title eq "Manager")'], FIX_LOGIC),
  over('F20', ['emails[type eq "home"]', 'emails[type eq "home" and value sw "dan"]'], FIX_VALUE_PATH),
  over('F21', [['emails[type eq "work" and value ew "@home.example.org"]', { emptyIsMeaningful: true }], 'emails.type eq "work" and emails.value ew "@home.example.org"'], FIX_VALUE_PATH),
  {
    id: 'F22',
    mutates: false,
    requires: filterUsers,
    async run(ctx) {
      const users = await runUsers(ctx);
      const c = literal(String(member(users.byKey('c').sent, 'userName')));
      const fix = 'Resolve attribute names prefixed with their schema URN (RFC 7644 §3.10: "urn:…:User:userName" names the same attribute as "userName").';
      const verdicts: CheckVerdict[] = [];
      for (const filter of [`${URN.user}:userName eq ${c}`, `${URN.user}:name.familyName eq "Dawson"`, `${URN.user}:title eq "Engineer"`]) verdicts.push(await checkFilter(ctx, users, filter, fix));
      return worst(verdicts);
    },
  },
  over(
    'F23',
    [
      `${ENTERPRISE}:employeeNumber eq "1003"`,
      `${ENTERPRISE}:employeeNumber ne "1003"`,
      `${ENTERPRISE}:employeeNumber co "00"`,
      `${ENTERPRISE}:employeeNumber sw "100"`,
      `${ENTERPRISE}:employeeNumber ew "5"`,
      `${ENTERPRISE}:employeeNumber gt "1003"`,
      `${ENTERPRISE}:employeeNumber ge "1004"`,
      `${ENTERPRISE}:employeeNumber lt "1002"`,
      `${ENTERPRISE}:employeeNumber le "1002"`,
      `${ENTERPRISE}:employeeNumber pr`,
      `${ENTERPRISE}:department eq "Research"`,
    ],
    'Filter on extension attributes by their URN-qualified name (RFC 7644 §3.10, §3.4.2.2), with every operator.',
    all(filterUsers, needs.enterpriseUser),
  ),
  {
    id: 'F25',
    mutates: true,
    requires: all(needs.groups, needs.filter),
    async run(ctx) {
      const member_ = await ctx.fixtures.createUser();
      const group = await ctx.fixtures.createGroup({ members: [{ value: member_.id }] });
      const displayName = String(member(group.sent, 'displayName'));
      const response = await ctx.client.send(get(groupsEndpoint(ctx.facts), { filter: `displayName eq ${literal(displayName)}`, excludedAttributes: 'members' }));
      const verdict = judgeMatches({
        what: `filter displayName eq ${literal(displayName)}`,
        response,
        expected: [group.id],
        known: new Set([group.id]),
        label: () => 'the group',
        fix: 'Answer displayName eq on /Groups with the group (RFC 7644 §3.4.2.2); Entra ID finds groups this way.',
      });
      if (verdict.status !== 'pass') return verdict;
      const found = (member(response.json, 'Resources') as unknown[]).find((r) => member(r, 'id') === group.id);
      if (member(found, 'members') !== undefined) {
        return fail('The group came back with its members although excludedAttributes=members', { expected: 'the group without members', actual: describe(response), fix: 'Leave out the attributes named in excludedAttributes (RFC 7644 §3.4.2.5, §3.9); Entra ID asks for groups this way.' });
      }
      return pass(`displayName eq found the group, without members as excludedAttributes asked`);
    },
  },
  {
    id: 'F27',
    mutates: true,
    requires: all(needs.users, needs.filter),
    async run(ctx) {
      const { facts, client, fixtures } = ctx;
      const users = usersEndpoint(facts);
      const target = await fixtures.createUser();
      const verdicts: CheckVerdict[] = [];
      const label = (id: string) => (id === target.id ? 'the member user' : 'the resource that refers to it');
      if (facts.groupType) {
        const group = await fixtures.createGroup({ members: [{ value: target.id }] });
        const filter = `members.value eq ${literal(target.id)}`;
        const response = await client.send(get(groupsEndpoint(facts), { filter }));
        verdicts.push(judgeMatches({ what: `/Groups filter ${filter}`, response, expected: [group.id], known: new Set([group.id]), label, fix: 'Match members.value against the member ids of each group (RFC 7644 §3.4.2.2).' }));
        const read = await client.send({ method: 'GET', path: `${users}/${encodeURIComponent(target.id)}` });
        const groupsFilter = `groups.value eq ${literal(group.id)}`;
        const expected = isObject(read.json) ? expectedIds(facts, [{ id: target.id, resource: read.json }], groupsFilter) : [];
        if (expected.length === 0) verdicts.push(skip('The member user\'s representation lists no groups, so groups.value was not tested'));
        else {
          const byGroup = await client.send(get(users, { filter: groupsFilter }));
          verdicts.push(judgeMatches({ what: `/Users filter ${groupsFilter}`, response: byGroup, expected, known: new Set([target.id]), label, fix: 'Match groups.value against the groups a user belongs to, as its representation lists them (RFC 7643 §4.1.2).' }));
        }
      }
      if (facts.userType?.schemaExtensions.some((e) => e.schema === ENTERPRISE)) {
        const report = await fixtures.createUser({ schemas: [URN.user, ENTERPRISE], [ENTERPRISE]: { manager: { value: target.id } } });
        const filter = `${ENTERPRISE}:manager.value eq ${literal(target.id)}`;
        const expected = expectedIds(facts, [report], filter);
        if (expected.length === 0) verdicts.push(skip('The server did not keep the manager of the user created with one'));
        else {
          const response = await client.send(get(users, { filter }));
          verdicts.push(judgeMatches({ what: `filter ${filter}`, response, expected, known: new Set([report.id]), label, fix: 'Match manager.value of the Enterprise User extension (RFC 7643 §4.3, RFC 7644 §3.10).' }));
        }
      }
      return worst(verdicts);
    },
  },
  {
    id: 'F28',
    mutates: true,
    requires: all(filterUsers, needs.enterpriseUser),
    async run(ctx) {
      const users = await runUsers(ctx);
      const plain = await ctx.fixtures.createUser();
      const made: CreatedResource[] = [...users.users, plain];
      const known = new Set(made.map((m) => m.id));
      const label = (id: string) => (id === plain.id ? 'the user without the extension' : users.label(id));
      const scope = `userName sw ${literal(users.prefix)} or userName eq ${literal(String(member(plain.sent, 'userName')))}`;
      const verdicts: CheckVerdict[] = [];
      for (const urn of [ENTERPRISE, URN.user]) {
        const filter = `schemas eq ${literal(urn)}`;
        const response = await ctx.client.send(get(usersEndpoint(ctx.facts), { filter: andAlso(filter, `(${scope})`) }));
        verdicts.push(judgeMatches({ what: `filter ${filter}`, response, expected: expectedIds(ctx.facts, made, filter), known, label, fix: 'Match "schemas eq <urn>" against each resource\'s schemas list (RFC 7644 §3.4.2.2: clients "MAY search by schema or schema extensions").' }));
      }
      return worst(verdicts);
    },
  },
];
