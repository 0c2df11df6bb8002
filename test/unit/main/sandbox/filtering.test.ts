import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, ERROR, USER, newUser, startTestSandbox, type Json, type TestSandbox } from './helpers';

const q = (filter: string, extra = '') => `/Users?filter=${encodeURIComponent(filter)}${extra}`;
const names = (body: Json): string[] => (body.Resources as Json[]).map((r) => r.userName as string).sort();

describe('sandbox filtering (RFC 7644 §3.4.2.2)', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ users: 0 });
    const make = async (body: Json) => expect((await t.call('POST', '/Users', body)).status).toBe(201);
    await make(
      newUser('Barbara.Jensen', {
        schemas: [USER, ENTERPRISE],
        externalId: 'BJ-001',
        name: { familyName: 'Jensen', givenName: 'Barbara' },
        title: 'Tour Guide',
        active: true,
        emails: [
          { value: 'Babs@Example.com', type: 'work', primary: true },
          { value: 'babs@home.example.org', type: 'home' },
        ],
        [ENTERPRISE]: { department: 'Tours', employeeNumber: '701984' },
      }),
    );
    await make(newUser('kenji.nakamura', { externalId: 'bj-001', name: { familyName: 'Nakamura', givenName: 'Kenji' }, active: false, emails: [{ value: 'kenji@example.com', type: 'work' }] }));
    // no title, no name, no emails, no extension: filters on those must simply not match it
    await make(newUser('bare.minimum'));
  });
  afterAll(() => t.close());

  it('compares userName and emails.value without regard to case (caseExact false)', async () => {
    expect(names((await t.get(q('userName eq "barbara.jensen"'))).body)).toEqual(['Barbara.Jensen']);
    expect(names((await t.get(q('USERNAME EQ "BARBARA.JENSEN"'))).body)).toEqual(['Barbara.Jensen']);
    expect(names((await t.get(q('emails.value eq "babs@example.com"'))).body)).toEqual(['Barbara.Jensen']);
    expect(names((await t.get(q('name.familyName co "ENS"'))).body)).toEqual(['Barbara.Jensen']);
    expect(names((await t.get(q('userName sw "KENJI"'))).body)).toEqual(['kenji.nakamura']);
  });

  it('honours caseExact: externalId compares exactly', async () => {
    expect(names((await t.get(q('externalId eq "BJ-001"'))).body)).toEqual(['Barbara.Jensen']);
    expect(names((await t.get(q('externalId eq "bj-001"'))).body)).toEqual(['kenji.nakamura']);
  });

  it('does not fail on resources that lack the filtered attribute', async () => {
    for (const filter of ['title eq "Tour Guide"', 'title co "guide"', 'name.givenName sw "B"', 'emails[type eq "home"]', 'title pr', `${ENTERPRISE}:department eq "Tours"`]) {
      const res = await t.get(q(filter));
      expect(res.status, filter).toBe(200);
      expect(names(res.body), filter).toEqual(['Barbara.Jensen']);
    }
    expect(names((await t.get(q('not (title pr)'))).body)).toEqual(['bare.minimum', 'kenji.nakamura']);
  });

  it('matches URN-qualified attribute paths, core and extension', async () => {
    expect(names((await t.get(q(`${USER}:userName eq "kenji.nakamura"`))).body)).toEqual(['kenji.nakamura']);
    expect(names((await t.get(q(`${USER}:name.familyName eq "jensen"`))).body)).toEqual(['Barbara.Jensen']);
    expect(names((await t.get(q(`${ENTERPRISE}:employeeNumber eq "701984"`))).body)).toEqual(['Barbara.Jensen']);
  });

  it('supports every operator, value paths, and/or/not with precedence', async () => {
    const cases: [string, string[]][] = [
      ['userName ne "bare.minimum"', ['Barbara.Jensen', 'kenji.nakamura']],
      ['userName ew ".jensen"', ['Barbara.Jensen']],
      ['userName gt "c"', ['kenji.nakamura']],
      ['userName ge "kenji.nakamura"', ['kenji.nakamura']],
      ['userName lt "bb"', ['Barbara.Jensen', 'bare.minimum']],
      ['userName le "bare.minimum"', ['Barbara.Jensen', 'bare.minimum']],
      ['active eq false', ['kenji.nakamura']],
      ['active eq true', ['Barbara.Jensen']],
      ['emails[type eq "home" and value co "home.example"]', ['Barbara.Jensen']],
      ['emails[type eq "work"] and active eq false', ['kenji.nakamura']],
      ['userName eq "bare.minimum" or name.familyName eq "nakamura" and active eq false', ['bare.minimum', 'kenji.nakamura']],
      ['(userName eq "bare.minimum" or name.familyName eq "nakamura") and active eq false', ['kenji.nakamura']],
      ['meta.created gt "2000-01-01T00:00:00Z"', ['Barbara.Jensen', 'bare.minimum', 'kenji.nakamura']],
      ['meta.resourceType eq "User"', ['Barbara.Jensen', 'bare.minimum', 'kenji.nakamura']],
    ];
    for (const [filter, expected] of cases) {
      const res = await t.get(q(filter));
      expect(res.status, filter).toBe(200);
      expect(names(res.body), filter).toEqual(expected);
      expect(res.body.totalResults, filter).toBe(expected.length);
    }
  });

  it('answers a malformed filter with 400 invalidFilter and the parser position in detail', async () => {
    const bad = 'userName eq "a" and';
    const res = await t.get(q(bad));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/scim+json');
    expect(res.body.schemas).toEqual([ERROR]);
    expect(res.body.status).toBe('400');
    expect(res.body.scimType).toBe('invalidFilter');
    expect(res.body.detail).toMatch(/position 19/);
    const wrongOp = await t.get(q('userName equals "x"'));
    expect(wrongOp.body.scimType).toBe('invalidFilter');
    expect(wrongOp.body.detail).toMatch(/position 9/);
    const empty = await t.get('/Users?filter=');
    expect(empty.status).toBe(400);
    expect(empty.body.scimType).toBe('invalidFilter');
  });

  it('finds by index (userName, id, externalId) exactly what a scan finds', async () => {
    const all = (await t.get('/Users')).body.Resources as Json[];
    const barbara = all.find((u) => u.userName === 'Barbara.Jensen')!;
    expect(names((await t.get(q(`id eq "${barbara.id}"`))).body)).toEqual(['Barbara.Jensen']);
    expect(names((await t.get(q(`id eq "${barbara.id.toUpperCase()}"`))).body)).toEqual([]);
    expect(names((await t.get(q('userName eq "BARBARA.jensen" and active eq true'))).body)).toEqual(['Barbara.Jensen']);
    expect(names((await t.get(q('userName eq "BARBARA.jensen" and active eq false'))).body)).toEqual([]);
    expect(names((await t.get(q('userName eq "bare.minimum" or externalId eq "bj-001"'))).body)).toEqual(['bare.minimum', 'kenji.nakamura']);
    expect(names((await t.get(q('userName eq "nobody"'))).body)).toEqual([]);
  });

  it('filters groups, including by members and by the computed User.groups', async () => {
    const kenji = ((await t.get(q('userName eq "kenji.nakamura"'))).body.Resources as Json[])[0]!;
    const created = await t.call('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Tour Operators', members: [{ value: kenji.id }] });
    expect(created.status).toBe(201);
    const byMember = await t.get(`/Groups?filter=${encodeURIComponent(`members.value eq "${kenji.id}"`)}`);
    expect((byMember.body.Resources as Json[]).map((g) => g.displayName)).toEqual(['Tour Operators']);
    const byGroup = await t.get(q(`groups.value eq "${created.body.id}"`));
    expect(names(byGroup.body)).toEqual(['kenji.nakamura']);
    expect(names((await t.get(q('groups.display eq "tour operators"'))).body)).toEqual(['kenji.nakamura']);
  });
});
