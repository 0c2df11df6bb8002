import { describe, expect, it } from 'vitest';
import { generateSeed, managerIndex } from '../../../../src/main/services/sandbox/seed';
import { ENTERPRISE, startTestSandbox, type Json } from './helpers';

describe('sandbox seed', () => {
  it('is deterministic and realistic: names, emails, phones, titles, enterprise attributes, managers; 8 groups', () => {
    const a = generateSeed(100);
    expect(generateSeed(100)).toEqual(a);
    expect(a.users).toHaveLength(100);
    expect(a.groups).toHaveLength(8);
    expect(new Set(a.users.map((u) => (u.body.userName as string).toLowerCase())).size).toBe(100);
    for (const u of a.users) {
      const body = u.body as Json;
      expect(body.name.givenName).toBeTruthy();
      expect(body.emails[0].value).toMatch(/@example\.com$/);
      expect(body.phoneNumbers[0].value).toMatch(/^\+1-555-/);
      expect(body.title).toBeTruthy();
      expect(body[ENTERPRISE].department).toBeTruthy();
    }
    expect(a.users[0]!.body[ENTERPRISE]).not.toHaveProperty('manager');
    expect((a.users[9]!.body[ENTERPRISE] as Json).manager.value).toBe(a.users[managerIndex(9)!]!.id);
    expect(generateSeed(0)).toMatchObject({ users: [] });
  });

  it('is served with resolved managers, memberships and a nested group', async () => {
    const t = await startTestSandbox({ users: 30 });
    try {
      const users = (await t.get('/Users?count=100')).body.Resources as Json[];
      const report = users[5]!;
      const manager = users.find((u) => u.id === report[ENTERPRISE].manager.value)!;
      expect(report[ENTERPRISE].manager).toEqual({ value: manager.id, $ref: `${t.sandbox.baseUrl}/Users/${manager.id}`, displayName: manager.displayName });
      const groups = (await t.get('/Groups')).body.Resources as Json[];
      expect(groups.map((g) => g.displayName)).toEqual(['Engineering', 'Sales', 'Marketing', 'Finance', 'Human Resources', 'Support', 'Administrators', 'Managers']);
      const admin = users[users.length - 1]!;
      const kinds = Object.fromEntries((admin.groups as Json[]).map((g) => [g.display, g.type]));
      expect(kinds).toMatchObject({ Administrators: 'direct', Managers: 'indirect' });
      expect(groups[7]!.members.some((m: Json) => m.type === 'Group' && m.value === groups[6]!.id)).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('starts empty with users: 0', async () => {
    const t = await startTestSandbox({ users: 0 });
    try {
      expect(t.sandbox.status()).toMatchObject({ userCount: 0, groupCount: 0 });
      expect((await t.get('/Me')).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
