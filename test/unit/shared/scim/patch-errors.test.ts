import { describe, expect, it } from 'vitest';
import { SchemaRegistry, ScimError, applyPatch } from '@shared/scim';
import { BABS, ENTERPRISE_URN, GROUP_URN, patch, sampleGroup, sampleUser } from '../../../fixtures/scim/patch-resources';

function fails(resource: object, request: unknown, mode: 'strict' | 'lenient' = 'strict') {
  try {
    applyPatch(resource, request, { mode });
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    const e = error as ScimError;
    return { status: e.status, scimType: e.scimType, message: e.message };
  }
  throw new Error('the patch was accepted');
}

describe('PATCH failures', () => {
  it.each<[string, object, unknown, string, string]>([
    ['readOnly id', sampleUser(), patch({ op: 'replace', path: 'id', value: 'x' }), 'mutability', '"id" is readOnly'],
    ['readOnly meta sub-attribute', sampleUser(), patch({ op: 'replace', path: 'meta.lastModified', value: '2020-01-01T00:00:00Z' }), 'mutability', '"meta.lastModified" is readOnly'],
    ['readOnly groups', sampleUser(), patch({ op: 'add', path: 'groups', value: [{ value: 'g2' }] }), 'mutability', '"groups" is readOnly'],
    ['readOnly manager.displayName', sampleUser(), patch({ op: 'replace', path: `${ENTERPRISE_URN}:manager.displayName`, value: 'X' }), 'mutability', 'readOnly'],
    ['readOnly id inside a no-path value', sampleUser(), patch({ op: 'replace', value: { id: 'other' } }), 'mutability', '"id" is readOnly'],
    ['immutable members.value changed', sampleGroup(), patch({ op: 'replace', path: `members[value eq "${BABS}"].value`, value: 'other' }), 'mutability', 'is immutable'],
    ['removing a required attribute', sampleUser(), patch({ op: 'remove', path: 'userName' }), 'invalidValue', '"userName" is required'],
    ['remove with a filter that matches nothing', sampleGroup(), patch({ op: 'remove', path: 'members[value eq "nobody"]' }), 'noTarget', 'no value of "members" matches [value eq "nobody"]'],
    ['replace with a filter that matches nothing', sampleUser(), patch({ op: 'replace', path: 'emails[type eq "other"].value', value: 'x@y' }), 'noTarget', '400 noTarget'],
    ['remove without a path', sampleUser(), patch({ op: 'remove' }), 'noTarget', '"remove" needs a "path"'],
    ['malformed path', sampleUser(), patch({ op: 'add', path: 'emails[type eq', value: 'x' }), 'invalidPath', 'invalid path "emails[type eq": expected a value'],
    ['unknown attribute', sampleUser(), patch({ op: 'add', path: 'shoeSize', value: 44 }), 'invalidPath', '"shoeSize" is not an attribute of User'],
    ['unknown sub-attribute', sampleUser(), patch({ op: 'add', path: 'name.nick', value: 'x' }), 'invalidPath', '"nick" is not a sub-attribute of "name"'],
    ['sub-attribute of a simple attribute', sampleUser(), patch({ op: 'add', path: 'userName.x', value: 'x' }), 'invalidPath', 'it has no sub-attributes'],
    ['filter on a single-valued attribute', sampleUser(), patch({ op: 'add', path: 'name[givenName pr].givenName', value: 'x' }), 'invalidPath', 'single-valued'],
    ['unknown extension', sampleUser(), patch({ op: 'add', path: 'urn:acme:1.0:User:badge', value: 'x' }), 'invalidPath', 'is not a schema extension of User'],
    ['wrong type', sampleUser(), patch({ op: 'replace', path: 'userName', value: 5 }), 'invalidValue', '"userName" is a string'],
    ['array for a single-valued attribute', sampleUser(), patch({ op: 'replace', path: 'title', value: ['a'] }), 'invalidValue', 'single-valued'],
    ['wrong type inside a multi-valued complex value', sampleGroup(), patch({ op: 'add', path: 'members', value: [{ value: 1 }] }), 'invalidValue', '"members[0].value" is a string'],
    ['two primaries', sampleUser(), patch({ op: 'add', path: 'emails', value: [{ value: 'a@x', primary: true }, { value: 'b@x', primary: true }] }), 'invalidValue', 'at most one may'],
    ['no-path value not an object', sampleUser(), patch({ op: 'add', value: 'x' }), 'invalidSyntax', 'needs an object of attributes'],
    ['unknown op', sampleUser(), patch({ op: 'move', path: 'title' }), 'invalidSyntax', '"op" must be one of'],
    ['add without value', sampleUser(), patch({ op: 'add', path: 'title' }), 'invalidSyntax', '"add" needs a "value"'],
    ['no Operations', sampleUser(), { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] }, 'invalidSyntax', '"Operations" must be an array'],
    ['empty Operations', sampleUser(), patch(), 'invalidSyntax', 'is empty'],
    ['body not an object', sampleUser(), 'remove everything', 'invalidSyntax', 'must be a JSON object'],
  ])('%s', (_name, resource, request, scimType, fragment) => {
    const error = fails(resource, request);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
    expect(error.message).toContain(fragment);
  });

  it('names the failing operation, and applies nothing when one fails', () => {
    const user = sampleUser();
    const before = structuredClone(user);
    const error = fails(user, patch({ op: 'replace', path: 'title', value: 'ok' }, { op: 'replace', path: 'id', value: 'x' }));
    expect(error.message).toMatch(/^Operations\[1\]: /);
    expect(user).toEqual(before);
  });

  it('lets an immutable attribute be added while it has no value, and an unchanged readOnly value be sent back', () => {
    const registry = SchemaRegistry.fromDiscovery(
      [{ id: 'urn:acme:Device', attributes: [{ name: 'serial', mutability: 'immutable' }] }],
      [{ name: 'Device', schema: 'urn:acme:Device' }],
    );
    const device = { schemas: ['urn:acme:Device'], id: 'd1' };
    const { resource } = applyPatch(device, patch({ op: 'add', path: 'serial', value: 'S1' }, { op: 'replace', value: { id: 'd1' } }), { registry });
    expect(resource).toEqual({ schemas: ['urn:acme:Device'], id: 'd1', serial: 'S1' });
    expect(() => applyPatch(resource, patch({ op: 'replace', path: 'serial', value: 'S2' }), { registry })).toThrow(/immutable/);
    expect(applyPatch(resource, patch({ op: 'replace', path: 'serial', value: 'S1' }), { registry }).resource).toEqual(resource);
  });
});

describe('where the npm PATCH library goes wrong', () => {
  it('does not split the enterprise URN key on the "." in "2.0"', () => {
    const { resource } = applyPatch(
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'u' },
      patch({ op: 'add', value: { [ENTERPRISE_URN]: { employeeNumber: '1' } } }),
    );
    expect(resource).toEqual({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE_URN], userName: 'u', [ENTERPRISE_URN]: { employeeNumber: '1' } });
  });

  it('compares attribute names in paths, filters and values case-insensitively', () => {
    const { resource } = applyPatch(sampleGroup(), patch({ op: 'remove', path: `MEMBERS[VALUE eq "${BABS.toUpperCase()}"]` }, { op: 'replace', value: { DisplayName: 'Guides' } }));
    expect(resource.members).toHaveLength(1);
    expect(resource.displayName).toBe('Guides');
    expect(Object.keys(resource)).not.toContain('DisplayName');
  });

  it('works on a resource whose type it cannot tell, without schema checks', () => {
    const thing = { colour: 'red', tags: [{ value: 'a', primary: true }] };
    const { resource } = applyPatch(thing, patch({ op: 'add', path: 'tags', value: { value: 'b', primary: true } }, { op: 'add', path: 'size', value: 3 }));
    expect(resource).toEqual({ colour: 'red', size: 3, tags: [{ value: 'a', primary: false }, { value: 'b', primary: true }] });
  });

  it('treats a Group as a Group', () => {
    const { resource } = applyPatch({ schemas: [GROUP_URN], displayName: 'g' }, patch({ op: 'add', path: 'members', value: { value: 'u1' } }));
    expect(resource).toEqual({ schemas: [GROUP_URN], displayName: 'g', members: [{ value: 'u1' }] });
    expect(fails({ schemas: [GROUP_URN], displayName: 'g' }, patch({ op: 'add', path: 'userName', value: 'x' })).scimType).toBe('invalidPath');
  });
});

describe('the input resource', () => {
  function deepFreeze<T>(value: T): T {
    if (typeof value === 'object' && value !== null) {
      for (const v of Object.values(value)) deepFreeze(v);
      Object.freeze(value);
    }
    return value;
  }

  it('is never modified, in either mode, whatever the operations touch', () => {
    const requests = [
      patch({ op: 'Replace', path: 'active', value: 'False' }, { op: 'replace', path: 'emails[type eq "home"].primary', value: true }),
      patch({ op: 'remove', path: `${ENTERPRISE_URN}:employeeNumber` }, { op: 'remove', path: `${ENTERPRISE_URN}:department` }, { op: 'remove', path: `${ENTERPRISE_URN}:manager` }),
      patch({ op: 'add', value: { emails: [{ value: 'z@z', primary: true }], 'name.givenName': 'Z', [ENTERPRISE_URN]: { costCenter: '1' } } }),
      patch({ op: 'remove', path: 'addresses[type eq "home"].streetAddress' }, { op: 'replace', path: 'addresses.country', value: 'US' }),
      patch({ op: 'replace', path: 'emails[type eq "pager"].value', value: 'p@x' }, { op: 'remove', path: 'emails' }),
      patch({ op: 'remove', path: 'schemas' }),
    ];
    for (const request of requests) {
      const user = deepFreeze(sampleUser());
      const before = JSON.stringify(user);
      const { resource } = applyPatch(user, request, { mode: 'lenient' });
      expect(JSON.stringify(user)).toBe(before);
      expect(JSON.stringify(resource)).not.toBe(before);
    }
    const group = deepFreeze(sampleGroup());
    applyPatch(group, patch({ op: 'Remove', path: 'members', value: [{ value: BABS }] }, { op: 'add', path: 'members', value: { value: 'x' } }), { mode: 'lenient' });
    expect(group.members).toHaveLength(2);
  });
});
