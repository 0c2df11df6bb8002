import { describe, expect, it } from 'vitest';
import { SchemaRegistry, URN, coreResourceTypes, coreSchemas, type ScimAttribute } from '@shared/scim';

const core = SchemaRegistry.core();

function walk(attributes: readonly ScimAttribute[], visit: (a: ScimAttribute, path: string) => void, prefix = ''): void {
  for (const a of attributes) {
    visit(a, prefix + a.name);
    if (a.subAttributes) walk(a.subAttributes, visit, `${prefix}${a.name}.`);
  }
}

describe('coreSchemas (RFC 7643 §8.7)', () => {
  it('holds the six RFC schemas with every characteristic set', () => {
    expect(coreSchemas.map((s) => s.id)).toEqual([URN.user, URN.group, URN.enterpriseUser, URN.serviceProviderConfig, URN.resourceType, URN.schema]);
    for (const schema of coreSchemas) {
      walk(schema.attributes, (a) => {
        expect(Object.keys(a)).toEqual(expect.arrayContaining(['name', 'type', 'multiValued', 'description', 'required', 'caseExact', 'mutability', 'returned', 'uniqueness']));
        if (a.type === 'complex') expect(a.subAttributes?.length).toBeGreaterThan(0);
      });
    }
  });

  it('encodes the characteristics of §8.7.1 that filters and PATCH depend on', () => {
    const at = (path: string, rt = 'User') => core.attribute(path, rt)?.attribute;
    expect(at('userName')).toMatchObject({ required: true, caseExact: false, uniqueness: 'server' });
    expect(at('emails.value')).toMatchObject({ caseExact: false });
    expect(at('emails')).toMatchObject({ multiValued: true, type: 'complex' });
    expect(at('emails.type')?.canonicalValues).toEqual(['work', 'home', 'other']);
    expect(at('phoneNumbers.type')?.canonicalValues).toEqual(['work', 'home', 'mobile', 'fax', 'pager', 'other']);
    expect(at('password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect(at('groups')).toMatchObject({ mutability: 'readOnly' });
    expect(at('groups.value')).toMatchObject({ mutability: 'readOnly' });
    expect(at('active')).toMatchObject({ type: 'boolean' });
    expect(at('x509Certificates.value')).toMatchObject({ type: 'binary', caseExact: true });
    expect(at('id')).toMatchObject({ caseExact: true, mutability: 'readOnly', returned: 'always' });
    expect(at('externalId')).toMatchObject({ caseExact: true, mutability: 'readWrite' });
    expect(at('meta.lastModified')).toMatchObject({ type: 'dateTime', mutability: 'readOnly' });
    expect(at('members.value', 'Group')).toMatchObject({ mutability: 'immutable' });
    expect(at('displayName', 'Group')).toMatchObject({ required: true });
    expect(at(`${URN.enterpriseUser}:manager.displayName`)).toMatchObject({ mutability: 'readOnly' });
  });

  it('describes User with the enterprise extension and Group', () => {
    expect(coreResourceTypes.map((r) => [r.name, r.endpoint, r.schema, r.schemaExtensions.map((e) => e.schema)])).toEqual([
      ['User', '/Users', URN.user, [URN.enterpriseUser]],
      ['Group', '/Groups', URN.group, []],
    ]);
  });
});

describe('SchemaRegistry.attribute', () => {
  it('finds an attribute by any spelling of its path', () => {
    const spellings = ['name.givenName', 'NAME.GIVENNAME', `${URN.user}:name.givenName`, `${URN.user.toUpperCase()}:Name.givenname`];
    for (const s of spellings) expect(core.attribute(s)).toMatchObject({ path: 'name.givenName', extension: false, attribute: { name: 'givenName' } });
  });

  it('qualifies extension attributes with their URN, split at the URN and not at "2.0"', () => {
    const resolved = core.attribute(`${URN.enterpriseUser}:manager.value`);
    expect(resolved).toMatchObject({ path: `${URN.enterpriseUser}:manager.value`, extension: true, top: { name: 'manager' }, attribute: { name: 'value' } });
    expect(resolved?.schema?.id).toBe(URN.enterpriseUser);
    expect(core.attribute('department')).toBeUndefined();
    expect(core.attribute(`${URN.enterpriseUser}:department`, 'Group')).toMatchObject({ extension: false });
  });

  it('resolves in the named resource type only', () => {
    expect(core.attribute('members', 'Group')).toBeDefined();
    expect(core.attribute('members', 'User')).toBeUndefined();
    expect(core.attribute('members')).toBeDefined();
    expect(core.attribute('userName', '/Users')).toBeDefined();
    expect(core.attribute('nope')).toBeUndefined();
    expect(core.attribute('name.nope')).toBeUndefined();
  });

  it('splits known URNs, longest first', () => {
    expect(core.splitUrn(`${URN.enterpriseUser}:employeeNumber`)).toEqual({ uri: URN.enterpriseUser, rest: 'employeeNumber' });
    expect(core.splitUrn(URN.enterpriseUser)).toEqual({ uri: URN.enterpriseUser, rest: '' });
    expect(core.splitUrn('urn:ietf:params:scim:schemas:core:2.0:Users:x')).toBeUndefined();
  });

  it('knows resource types by name, endpoint and schema, and a resource\'s type from its schemas', () => {
    expect(core.resourceType('/groups')?.name).toBe('Group');
    expect(core.resourceType(URN.user)?.name).toBe('User');
    expect(core.resourceTypeOf({ schemas: [URN.enterpriseUser, URN.user] })?.name).toBe('User');
    expect(core.resourceTypeOf({ meta: { resourceType: 'Group' } })?.name).toBe('Group');
    expect(core.isExtension(URN.enterpriseUser)).toBe(true);
    expect(core.isBaseSchema(URN.user)).toBe(true);
  });
});

describe('SchemaRegistry.fromDiscovery', () => {
  it('reads ListResponses, fills RFC 7643 §2.2 defaults and lists every repair', () => {
    const registry = SchemaRegistry.fromDiscovery(
      {
        schemas: [URN.listResponse],
        totalResults: 1,
        Resources: [
          {
            id: 'urn:acme:2.0:Device',
            name: 'Device',
            attributes: [
              { name: 'serial', type: 'String', caseExact: 'true', mutability: 'immutable' },
              { name: 'ports', type: 'complex', multiValued: true, subAttributes: [{ name: 'speed', type: 'integer' }, { type: 'string' }] },
              { type: 'string' },
              { name: 'weird', type: 'float', mutability: 'sometimes' },
            ],
          },
          { attributes: [] },
        ],
      },
      { Resources: [{ name: 'Device', endpoint: '/Devices', schema: 'urn:acme:2.0:Device', schemaExtensions: [{ schema: URN.enterpriseUser }] }] },
    );
    expect(registry.attribute('SERIAL', 'Device')?.attribute).toMatchObject({ type: 'string', caseExact: true, mutability: 'immutable', required: false, returned: 'default' });
    expect(registry.attribute('ports.speed', 'Device')?.attribute).toMatchObject({ type: 'integer' });
    expect(registry.attribute('weird', 'Device')?.attribute).toMatchObject({ type: 'string', mutability: 'readWrite' });
    expect(registry.schema(URN.enterpriseUser)).toBeDefined();
    expect(registry.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"String" should be spelled "string"'),
        expect.stringContaining('boolean given as the string "true"'),
        expect.stringContaining('without a "name"'),
        expect.stringContaining('"float" is not one of'),
        expect.stringContaining('Schemas[1]: no "id"'),
        expect.stringContaining(`${URN.enterpriseUser}: resource type Device names this extension but /Schemas does not list it; using the RFC 7643 definition`),
      ]),
    );
  });

  it('finds nothing wrong with the RFC core schemas served back to it (the Schema schema may nest subAttributes)', () => {
    expect(SchemaRegistry.fromDiscovery([...coreSchemas], [...coreResourceTypes]).problems).toEqual([]);
  });

  it('assumes the RFC resource types when a server lists schemas only', () => {
    const registry = SchemaRegistry.fromDiscovery([...coreSchemas], []);
    expect(registry.resourceTypes.map((r) => r.name)).toEqual(['User', 'Group']);
  });

  it('survives garbage', () => {
    for (const junk of [null, 7, 'x', {}, [null, 1, 'a'], { Resources: 'no' }]) {
      expect(() => SchemaRegistry.fromDiscovery(junk, junk)).not.toThrow();
    }
  });
});
