import { describe, expect, it } from 'vitest';
import { applyPatch, parsePath, type PatchDeviation } from '@shared/scim';
import { rfcFilterCorpus } from '../../../fixtures/scim/rfc7644-filters';
import { BABS, ENTERPRISE_URN, JAMES, patch, sampleGroup, sampleUser } from '../../../fixtures/scim/patch-resources';

const babs = { display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${BABS}`, value: BABS };
const james = { display: 'James Smith', $ref: `https://example.com/v2/Users/${JAMES}`, value: JAMES };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Applies in strict mode to a frozen input (so any mutation of it throws) and checks nothing deviated. */
function strict<T extends object>(resource: T, request: unknown): T {
  const frozen = deepFreeze(structuredClone(resource));
  const { resource: out, deviations } = applyPatch(frozen, request);
  expect(deviations).toEqual<PatchDeviation[]>([]);
  return out;
}

describe('RFC 7644 §3.5.2 PATCH paths', () => {
  it.each(rfcFilterCorpus.patch_paths_rfc7644_3_5_2)('%s parses', (path) => {
    expect(parsePath(path).name).toMatch(/^(members|name|addresses)$/);
  });

  it('splits value path, filter and sub-attribute', () => {
    expect(parsePath(`members[value eq "${BABS}"].displayName`)).toStrictEqual({
      name: 'members',
      filter: { type: 'compare', path: { name: 'value' }, op: 'eq', value: BABS },
      subAttr: 'displayName',
    });
    expect(parsePath(`${ENTERPRISE_URN}:manager.value`)).toStrictEqual({ uri: ENTERPRISE_URN, name: 'manager', subAttr: 'value' });
    expect(parsePath(ENTERPRISE_URN)).toStrictEqual({ uri: ENTERPRISE_URN });
    expect(() => parsePath('emails[type eq "work"].value.x')).toThrow(/a second sub-attribute/);
    expect(() => parsePath('')).toThrow(/empty path/);
  });
});

describe('RFC 7644 §3.5.2.1 add', () => {
  it('adds a member to a group', () => {
    const group = { ...sampleGroup(), members: [] as unknown[] };
    const out = strict(group, patch({ op: 'add', path: 'members', value: [babs] }));
    expect(out.members).toEqual([babs]);
  });

  it('adds without a path: emails appended, "nickname" matched to nickName', () => {
    const out = strict(sampleUser(), patch({ op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }, { value: 'b@x.org', type: 'other' }], nickname: 'Babs' } }));
    expect(out).toMatchObject({ nickName: 'Babs' });
    expect(out).not.toHaveProperty('nickname');
    // the home address already existed: adding it again changes nothing
    expect(out.emails.map((e) => e.value)).toEqual(['bjensen@example.com', 'babs@jensen.org', 'b@x.org']);
  });

  it('adds an enterprise attribute by URN-prefixed path, and by URN key without a path', () => {
    const user = { ...sampleUser(), schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] } as Record<string, unknown>;
    delete user[ENTERPRISE_URN];
    const byPath = strict(user, patch({ op: 'add', path: `${ENTERPRISE_URN}:employeeNumber`, value: '42' }));
    expect(byPath[ENTERPRISE_URN]).toEqual({ employeeNumber: '42' });
    expect(byPath.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE_URN]);
    const byKey = strict(user, patch({ op: 'add', value: { [ENTERPRISE_URN]: { department: 'Sales', manager: { value: 'm-1' } } } }));
    expect(byKey[ENTERPRISE_URN]).toEqual({ department: 'Sales', manager: { value: 'm-1' } });
    expect(byKey).not.toHaveProperty('urn:ietf:params:scim:schemas:extension:enterprise:2');
    expect(byKey.schemas).toContain(ENTERPRISE_URN);
    const byUrnPath = strict(user, patch({ op: 'add', path: ENTERPRISE_URN, value: { costCenter: 'CC-1' } }));
    expect(byUrnPath[ENTERPRISE_URN]).toEqual({ costCenter: 'CC-1' });
  });

  it('adds a sub-attribute and merges a complex value', () => {
    const out = strict(sampleUser(), patch({ op: 'add', path: 'name.middleName', value: 'Jane' }, { op: 'add', path: 'name', value: { honorificPrefix: 'Ms.' } }));
    expect(out.name).toEqual({ formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara', middleName: 'Jane', honorificPrefix: 'Ms.' });
  });
});

describe('RFC 7644 §3.5.2.2 remove', () => {
  it('removes one member by value filter', () => {
    const out = strict(sampleGroup(), patch({ op: 'remove', path: `members[value eq "${BABS}"]` }));
    expect(out.members.map((m) => m.display)).toEqual(['Mandy Pepperidge']);
  });

  it('removes all members', () => {
    expect(strict(sampleGroup(), patch({ op: 'remove', path: 'members' }))).not.toHaveProperty('members');
  });

  it('removes all members and adds new ones in one request', () => {
    const out = strict(sampleGroup(), patch({ op: 'remove', path: 'members' }, { op: 'add', path: 'members', value: [babs, james] }));
    expect(out.members).toEqual([babs, james]);
  });

  it('removes values matched by a complex filter, and a sub-attribute of matched values', () => {
    const out = strict(sampleUser(), patch({ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }));
    expect(out.emails).toEqual([{ value: 'babs@jensen.org', type: 'home' }]);
    const sub = strict(sampleUser(), patch({ op: 'remove', path: 'addresses[type eq "home"].streetAddress' }));
    expect(sub.addresses[1]).not.toHaveProperty('streetAddress');
    expect(sub.addresses[0]).toHaveProperty('streetAddress');
  });

  it('drops an extension left empty, and its URN from schemas', () => {
    const out = strict(
      sampleUser(),
      patch(
        { op: 'remove', path: `${ENTERPRISE_URN}:employeeNumber` },
        { op: 'remove', path: `${ENTERPRISE_URN}:department` },
        { op: 'remove', path: `${ENTERPRISE_URN}:manager` },
      ),
    );
    expect(out).not.toHaveProperty([ENTERPRISE_URN]);
    expect(out.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User']);
    expect(strict(sampleUser(), patch({ op: 'remove', path: ENTERPRISE_URN }))).not.toHaveProperty([ENTERPRISE_URN]);
  });
});

describe('RFC 7644 §3.5.2.3 replace', () => {
  it('replaces all members', () => {
    expect(strict(sampleGroup(), patch({ op: 'replace', path: 'members', value: [babs, james] })).members).toEqual([babs, james]);
  });

  it('replaces the work address selected by a filter, making it the only primary', () => {
    const user = sampleUser();
    user.addresses[0]!.primary = false;
    user.addresses[1]!.primary = true;
    const value = { type: 'work', streetAddress: '911 Universal City Plaza', locality: 'Hollywood', region: 'CA', postalCode: '91608', country: 'US', formatted: '911 Universal City Plaza\nHollywood, CA 91608 US', primary: true };
    const out = strict(user, patch({ op: 'replace', path: 'addresses[type eq "work"]', value }));
    expect(out.addresses[0]).toEqual(value);
    expect(out.addresses[1]).toMatchObject({ type: 'home', primary: false });
  });

  it('replaces a sub-attribute of the values a filter selects', () => {
    const out = strict(sampleUser(), patch({ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' }));
    expect(out.addresses[0]!.streetAddress).toBe('1010 Broadway Ave');
    expect(out.addresses[1]!.streetAddress).toBe('456 Hollywood Blvd');
  });

  it('replaces without a path', () => {
    const emails = [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ];
    const out = strict({ ...sampleUser(), emails: [] }, patch({ op: 'replace', value: { emails, nickname: 'Babs' } }));
    expect(out).toMatchObject({ emails, nickName: 'Babs' });
  });

  it('treats replace of an absent attribute as add, and keeps unnamed sub-attributes', () => {
    const out = strict(sampleUser(), patch({ op: 'replace', path: 'title', value: 'Tour Guide' }, { op: 'replace', path: 'name', value: { givenName: 'Babs' } }));
    expect(out).toMatchObject({ title: 'Tour Guide', name: { familyName: 'Jensen', givenName: 'Babs' } });
  });

  it('matches attribute names in paths and values ignoring case, writing to the existing key', () => {
    const out = strict(sampleUser(), patch({ op: 'replace', path: 'NAME.FAMILYNAME', value: 'J' }, { op: 'replace', value: { USERNAME: 'babs', Emails: [] } }, { op: 'replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:DEPARTMENT', value: 'X' }));
    expect(out.name.familyName).toBe('J');
    expect(Object.keys(out.name)).not.toContain('FAMILYNAME');
    expect(out.userName).toBe('babs');
    expect(out).not.toHaveProperty('USERNAME');
    expect(out).not.toHaveProperty('emails');
    expect(out[ENTERPRISE_URN].department).toBe('X');
  });

  it('makes a newly primary value the only primary one', () => {
    const out = strict(sampleUser(), patch({ op: 'replace', path: 'emails[type eq "home"].primary', value: true }));
    expect(out.emails.map((e) => e.primary)).toEqual([false, true]);
    const added = strict(sampleUser(), patch({ op: 'add', path: 'emails', value: { value: 'new@x.org', type: 'other', primary: true } }));
    expect(added.emails.map((e) => e.primary ?? null)).toEqual([false, null, true]);
  });
});
