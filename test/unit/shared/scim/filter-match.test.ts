import { describe, expect, it } from 'vitest';
import { SchemaRegistry, ScimError, compileFilter, matchesFilter, parseFilter } from '@shared/scim';
import { rfcFilterExpectations, rfcFilterUsers } from '../../../fixtures/scim/rfc-filter-users';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const select = (filter: string, users: readonly Record<string, unknown>[] = rfcFilterUsers) =>
  users.filter((u) => matchesFilter(u, filter)).map((u) => u.id);

describe('matchesFilter on the RFC 7644 §3.4.2.2 examples', () => {
  it.each(Object.entries(rfcFilterExpectations))('%s selects %j', (filter, ids) => {
    expect(select(filter)).toEqual(ids);
    // the same answer from a pre-parsed tree and with an explicit core registry
    const ast = parseFilter(filter);
    expect(rfcFilterUsers.filter((u) => matchesFilter(u, ast, SchemaRegistry.core())).map((u) => u.id)).toEqual(ids);
  });
});

describe('matchesFilter semantics', () => {
  const user = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    id: 'AbC-123',
    externalId: 'Ext-9',
    userName: 'BJensen@Example.com',
    active: true,
    loginCount: 42,
    name: { givenName: 'Barbara' },
    emails: [
      { value: 'babs@example.com', type: 'home' },
      { value: 'BJensen@Example.com', type: 'work', primary: true },
    ],
    addresses: [{}],
    phoneNumbers: [],
    nickName: '',
    meta: { created: '2024-02-29T12:00:00.5+05:30', lastModified: '2024-03-01T00:00:00Z' },
    [ENTERPRISE]: { department: 'Tour Operations', manager: { value: 'mgr-1' } },
  };

  it('compares attribute names case-insensitively', () => {
    expect(matchesFilter(user, 'USERNAME eq "bjensen@example.com"')).toBe(true);
    expect(matchesFilter(user, 'Name.GIVENNAME eq "barbara"')).toBe(true);
    expect(matchesFilter(user, 'EMAILS[TYPE eq "WORK"]')).toBe(true);
  });

  it('follows caseExact: userName and emails.value are not case-exact, id and externalId are', () => {
    expect(matchesFilter(user, 'userName eq "bjensen@EXAMPLE.COM"')).toBe(true);
    expect(matchesFilter(user, 'emails.value eq "bjensen@example.com"')).toBe(true);
    expect(matchesFilter(user, 'id eq "abc-123"')).toBe(false);
    expect(matchesFilter(user, 'id eq "AbC-123"')).toBe(true);
    expect(matchesFilter(user, 'externalId eq "EXT-9"')).toBe(false);
    expect(matchesFilter(user, 'externalId sw "Ext"')).toBe(true);
    expect(matchesFilter(user, 'id co "bC"')).toBe(true);
    expect(matchesFilter(user, 'id co "BC"')).toBe(false);
  });

  it('uses a discovered registry\'s caseExact', () => {
    const registry = SchemaRegistry.fromDiscovery(
      [{ id: 'urn:ietf:params:scim:schemas:core:2.0:User', attributes: [{ name: 'userName', type: 'string', caseExact: true }] }],
      [{ name: 'User', endpoint: '/Users', schema: 'urn:ietf:params:scim:schemas:core:2.0:User' }],
    );
    expect(matchesFilter(user, 'userName eq "bjensen@example.com"', registry)).toBe(false);
    expect(matchesFilter(user, 'userName eq "BJensen@Example.com"', registry)).toBe(true);
  });

  it('never throws on missing attributes or odd shapes', () => {
    const odd = [{}, { emails: 'not-an-array' }, { emails: [null, 3, 'x', []] }, { name: [] }, { meta: null }, null, 'text', 7, []];
    const filters = ['title eq "x"', 'emails[type eq "work"]', 'emails.value co "x"', 'name.givenName pr', 'meta.lastModified gt "2011-01-01T00:00:00Z"', 'x.y lt 3', `${ENTERPRISE}:manager.value eq "m"`];
    for (const resource of odd) for (const f of filters) expect(() => matchesFilter(resource, f)).not.toThrow();
    expect(matchesFilter({}, 'title eq "x"')).toBe(false);
  });

  it('treats null, "", [] and {} as absent for pr', () => {
    expect(matchesFilter(user, 'nickName pr')).toBe(false);
    expect(matchesFilter(user, 'phoneNumbers pr')).toBe(false);
    expect(matchesFilter(user, 'addresses pr')).toBe(false);
    expect(matchesFilter(user, 'title pr')).toBe(false);
    expect(matchesFilter(user, 'emails pr')).toBe(true);
    expect(matchesFilter(user, 'emails.primary pr')).toBe(true);
    expect(matchesFilter(user, 'name pr')).toBe(true);
    expect(matchesFilter({ name: { givenName: null } }, 'name pr')).toBe(false);
  });

  it('matches a multi-valued attribute when any value matches, comparing "value" when no sub-attribute is named', () => {
    expect(matchesFilter(user, 'emails co "babs"')).toBe(true);
    expect(matchesFilter(user, 'emails.type eq "home"')).toBe(true);
    expect(matchesFilter(user, 'emails eq "babs@example.com"')).toBe(true);
    expect(matchesFilter(user, 'emails[type eq "home" and primary eq true]')).toBe(false);
    expect(matchesFilter(user, 'emails[type eq "work" and primary eq true]')).toBe(true);
    expect(matchesFilter(user, 'emails[not (type eq "work")]')).toBe(true);
  });

  it('reads ne as "some value differs, or none is set"', () => {
    expect(matchesFilter(user, 'emails.type ne "home"')).toBe(true);
    expect(matchesFilter(user, 'userName ne "bjensen@example.com"')).toBe(false);
    expect(matchesFilter(user, 'title ne "x"')).toBe(true);
    expect(matchesFilter(user, 'title eq null')).toBe(true);
    expect(matchesFilter(user, 'userName eq null')).toBe(false);
    expect(matchesFilter(user, 'userName ne null')).toBe(true);
  });

  it('orders strings, numbers and dateTimes (as instants)', () => {
    expect(matchesFilter(user, 'userName gt "a"')).toBe(true);
    expect(matchesFilter(user, 'userName lt "C"')).toBe(true);
    expect(matchesFilter(user, 'loginCount ge 42')).toBe(true);
    expect(matchesFilter(user, 'loginCount gt 42')).toBe(false);
    expect(matchesFilter(user, 'loginCount gt "41"')).toBe(false);
    // 2024-02-29T12:00:00.5+05:30 is 06:30:00.5Z
    expect(matchesFilter(user, 'meta.created gt "2024-02-29T06:30:00Z"')).toBe(true);
    expect(matchesFilter(user, 'meta.created lt "2024-02-29T06:30:01Z"')).toBe(true);
    expect(matchesFilter(user, 'meta.created eq "2024-02-29T06:30:00.500Z"')).toBe(true);
    expect(matchesFilter(user, 'meta.lastModified eq "2024-03-01T01:00:00+01:00"')).toBe(true);
  });

  it('defines only eq and ne for booleans, and with a registry rejects the others', () => {
    expect(matchesFilter(user, 'active eq true')).toBe(true);
    expect(matchesFilter(user, 'active ne true')).toBe(false);
    expect(matchesFilter(user, 'active gt false')).toBe(false);
    expect(() => matchesFilter(user, parseFilter('active gt false'), SchemaRegistry.core())).toThrow(ScimError);
    try {
      compileFilter('emails[primary sw "t"]', { registry: SchemaRegistry.core() });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    }
  });

  it('reaches extension attributes through their URN, whatever its case', () => {
    expect(matchesFilter(user, `${ENTERPRISE}:department eq "tour operations"`)).toBe(true);
    expect(matchesFilter(user, `${ENTERPRISE.toLowerCase()}:manager.value eq "mgr-1"`)).toBe(true);
    expect(matchesFilter(user, 'urn:ietf:params:scim:schemas:core:2.0:User:name.givenName sw "bar"')).toBe(true);
    // RFC 7644 §3.10: extension attributes SHOULD be qualified; an unqualified one the core schema lacks is the extension's
    expect(matchesFilter(user, 'department pr')).toBe(true);
  });

  it('reaches attributes of an unknown extension by its URN key', () => {
    const thing = { schemas: ['urn:acme:1.0:Badge'], 'urn:acme:1.0:Badge': { level: 3 } };
    expect(matchesFilter(thing, 'urn:acme:1.0:Badge:level ge 2')).toBe(true);
    expect(matchesFilter({ schemas: ['urn:acme:1.0:Badge'], level: 3 }, 'urn:acme:1.0:Badge:level ge 2')).toBe(true);
  });

  it('caches compiled filters per tree and text without mixing registries', () => {
    const ast = parseFilter('userName eq "bjensen@example.com"');
    const exact = SchemaRegistry.fromDiscovery(
      [{ id: 'urn:ietf:params:scim:schemas:core:2.0:User', attributes: [{ name: 'userName', caseExact: true }] }],
      [{ name: 'User', schema: 'urn:ietf:params:scim:schemas:core:2.0:User' }],
    );
    expect(matchesFilter(user, ast)).toBe(true);
    expect(matchesFilter(user, ast, exact)).toBe(false);
    expect(matchesFilter(user, ast)).toBe(true);
  });
});
