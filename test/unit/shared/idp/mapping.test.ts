import { describe, expect, it } from 'vitest';
import {
  PROFILE_IDS,
  buildResource,
  compileRows,
  computeTargets,
  defaultMappings,
  diffTargets,
  idpOf,
  mappingProblems,
  profileById,
  seedDirectory,
  userView,
  type MappingSet,
} from '@shared/idp';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('default mapping tables', () => {
  it.each(PROFILE_IDS)('%s: no problem, one matching attribute, every target resolves', (profile) => {
    const set = defaultMappings(profile);
    expect(mappingProblems(set, idpOf(profile))).toEqual([]);
    expect(compileRows(set.user, 'user')).toHaveLength(set.user.length);
    expect(set.user.filter((r) => r.matching !== null).map((r) => r.target)).toEqual(['userName']);
  });

  it("Entra's table builds the tutorial's create body from a seeded user", () => {
    const dir = seedDirectory();
    const diego = dir.users[2]!;
    const rows = compileRows(defaultMappings('entra').user, 'user');
    const computed = computeTargets(rows, userView('entra', diego), true);
    expect(computed.manager?.sourceId).toBe(diego.attributes.manager);
    const body = buildResource(computed.values);
    expect(body).toMatchObject({
      userName: 'diego.siciliani@contoso.example',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'diego.siciliani@contoso.example' }],
      name: { givenName: 'Diego', familyName: 'Siciliani', formatted: 'Diego Siciliani' },
      externalId: 'diego.siciliani',
      addresses: [{ type: 'work', primary: true, streetAddress: expect.any(String), locality: 'Seattle', region: 'WA', postalCode: '98101', country: 'US' }],
      [ENTERPRISE]: { employeeNumber: '100003', department: 'Engineering' },
    });
    expect(body).not.toHaveProperty('phoneNumbers');
    expect(JSON.stringify(body)).not.toContain('manager');
    // soft delete: the Switch makes active false, and only that differs
    const disabled = computeTargets(rows, userView('entra', { ...diego, softDeleted: true }), false);
    expect(diffTargets(disabled.values, body).map((c) => [c.row.target.text, c.value, c.current])).toEqual([['active', false, true]]);
  });

  it("Okta's table reads Okta's names (user.firstName…) over the same directory", () => {
    const zoe = seedDirectory().users[3]!;
    const computed = computeTargets(compileRows(defaultMappings('okta').user, 'user'), userView('okta', zoe), true);
    expect(buildResource(computed.values)).toEqual({
      userName: 'zoe.obrien@contoso.example',
      name: { givenName: 'Zoë', familyName: "O'Brien" },
      emails: [{ primary: true, type: 'work', value: 'zoe.obrien@contoso.example' }],
      displayName: "Zoë O'Brien",
      locale: 'en_IE',
      externalId: zoe.id,
    });
    const create = profileById('okta').createUser(computed.values, zoe, { baseUrl: 'https://app.example/scim/v2', random: () => 0.5 });
    expect(Object.keys(create.request.body as object)).toEqual(['schemas', 'userName', 'name', 'emails', 'displayName', 'locale', 'externalId', 'groups', 'password', 'active']);
  });
});

describe('mapping problems', () => {
  const withRows = (user: MappingSet['user']): MappingSet => ({ version: 1, profile: 'entra', user, group: [] });
  const row = (id: string, source: string, target: string, matching: number | null = null) => ({ id, source, target, matching, apply: 'always' as const });

  it('an expression error is positioned in its source text; a bad path in its target text', () => {
    const problems = mappingProblems(withRows([row('a', '[userPrincipalName]', 'userName', 1), row('b', 'Join(" ", [givenName]', 'name.formatted'), row('c', '[mail]', 'emails[type eq "work"'), row('d', '[x]', 'meta.created')]), 'entra');
    expect(problems).toEqual([
      expect.objectContaining({ rowId: 'b', field: 'source', severity: 'error', position: 0, message: expect.stringContaining('Join( is not closed') }),
      expect.objectContaining({ rowId: 'c', field: 'target', severity: 'error', position: expect.any(Number), message: expect.stringMatching(/"\]"|bracket|close/i) }),
      expect.objectContaining({ rowId: 'd', field: 'target', severity: 'error', message: expect.stringContaining('readOnly') }),
      expect.objectContaining({ rowId: 'd', field: 'source', severity: 'warning', message: expect.stringContaining('no user attribute "x"') }),
    ]);
  });

  it('the table needs a matching attribute; targets and precedences are unique; unknown targets are warnings', () => {
    const problems = mappingProblems(withRows([row('a', '[mail]', 'userName'), row('b', '[mail]', 'USERNAME'), row('c', '[mail]', 'urn:acme:2.0:User:badge')]), 'entra');
    expect(problems.map((p) => [p.rowId ?? 'table', p.field, p.severity])).toEqual([
      ['b', 'target', 'error'],
      ['table', 'table', 'error'],
      ['c', 'target', 'warning'],
    ]);
    const twice = mappingProblems(withRows([row('a', '[mail]', 'userName', 1), row('b', '[mailNickname]', 'externalId', 1), row('m', '[manager]', `${ENTERPRISE}:manager`, 2)]), 'entra');
    expect(twice.map((p) => p.message)).toEqual(['matching precedence 1 is given to two attributes', 'a reference (manager) cannot be a matching attribute']);
  });
});

describe('generated directories', () => {
  it('give every user a unique userPrincipalName and a manager that exists', async () => {
    const { generateDirectory } = await import('@shared/idp');
    const dir = generateDirectory(1000, 50);
    expect(new Set(dir.users.map((u) => u.attributes.userPrincipalName)).size).toBe(1000);
    const ids = new Set(dir.users.map((u) => u.id));
    expect(dir.users.every((u) => u.attributes.manager === null || ids.has(u.attributes.manager!))).toBe(true);
    expect(dir.groups).toHaveLength(50);
  });
});
