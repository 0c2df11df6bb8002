import { describe, expect, it } from 'vitest';
import { SchemaRegistry, toJsonSchema } from '@shared/scim';
import { fullUserRequest } from '../../../fixtures/scim/full-user';
import { BABS, ENTERPRISE_URN, patch } from '../../../fixtures/scim/patch-resources';
import { SEVERITY, complete, diagnose } from './support/monaco-json';

const registry = SchemaRegistry.core();
const createUser = toJsonSchema(registry, 'User', 'create');
const patchUser = toJsonSchema(registry, 'User', 'patch');

describe('toJsonSchema create/replace, read by Monaco', () => {
  it('is draft-07 and accepts the RFC 7643 full User without a diagnostic', async () => {
    expect(createUser.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(await diagnose(createUser, fullUserRequest())).toEqual([]);
    expect(await diagnose(toJsonSchema(registry, 'Group', 'create'), { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'g', members: [{ value: BABS, display: 'Babs' }] })).toEqual([]);
  });

  it('warns on readOnly attributes in a create body, and not on an id in a replace body', async () => {
    const withId = { ...fullUserRequest(), id: 'x', meta: { created: '2020-01-01T00:00:00Z' }, groups: [{ value: 'g' }] };
    const found = await diagnose(createUser, withId);
    expect(found).toEqual(
      expect.arrayContaining([
        { message: expect.stringContaining('"id" is read-only'), severity: SEVERITY.warning },
        { message: expect.stringContaining('"meta" is read-only'), severity: SEVERITY.warning },
        { message: expect.stringContaining('"groups" is read-only'), severity: SEVERITY.warning },
      ]),
    );
    expect(await diagnose(toJsonSchema(registry, 'User', 'replace'), { ...fullUserRequest(), id: 'x' })).toEqual([]);
    expect(createUser.properties).toMatchObject({ id: { readOnly: true }, meta: { readOnly: true }, password: { writeOnly: true } });
  });

  it('flags wrong types, missing required attributes and unknown attributes, but not other letter cases', async () => {
    const { userName: _u, ...noUserName } = fullUserRequest();
    const body = { ...noUserName, active: 'False', DisplayName: 'ok', shoeSize: 44, [ENTERPRISE_URN]: { department: 7, badge: 'x' } };
    const found = await diagnose(createUser, body);
    const messages = found.map((d) => d.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Missing property "userName".',
        'Incorrect type. Expected "boolean".',
        'Incorrect type. Expected "string".',
        expect.stringContaining('Not an attribute of User'),
        expect.stringContaining('Not an attribute of EnterpriseUser'),
      ]),
    );
    expect(messages.join('\n')).not.toContain('DisplayName');
  });

  it('offers canonical values as suggestions without rejecting others', async () => {
    const body = fullUserRequest();
    body.emails[1]!.type = 'school';
    expect(await diagnose(createUser, body)).toEqual([]);
    const labels = await complete(createUser, '{"schemas": [], "userName": "x", "emails": [{"type": |}]}');
    expect(labels).toEqual(expect.arrayContaining(['"work"', '"home"', '"other"']));
  });

  it('puts extension attributes under the extension URN, with descriptions', () => {
    const props = createUser.properties as Record<string, { properties?: Record<string, { description?: string }>; description?: string }>;
    expect(Object.keys(props[ENTERPRISE_URN]!.properties!)).toEqual(['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager']);
    expect(props.userName!.description).toContain('Required.');
    const emailType = (createUser.properties as { emails: { items: { properties: { type: { description: string; anyOf: unknown } } } } }).emails.items.properties.type;
    expect(emailType.description).toContain('Canonical values: work, home, other (others allowed).');
    expect(emailType.anyOf).toEqual([{ enum: ['work', 'home', 'other'] }, { type: 'string' }]);
  });

  it('rejects an unknown resource type with the known ones listed', () => {
    expect(() => toJsonSchema(registry, 'Device', 'create')).toThrow('unknown resource type "Device"; the registry has User, Group');
  });
});

describe('toJsonSchema patch, read by Monaco', () => {
  it('accepts RFC PatchOp bodies and Entra ID\'s capitalised ops', async () => {
    const bodies = [
      patch({ op: 'add', path: 'emails', value: [{ value: 'x@y.org', type: 'home' }] }),
      patch({ op: 'Replace', path: 'active', value: false }),
      patch({ op: 'remove', path: 'emails[type eq "work"]' }),
      patch({ op: 'replace', value: { displayName: 'B', [ENTERPRISE_URN]: { department: 'Sales' } } }),
    ];
    for (const body of bodies) expect(await diagnose(patchUser, body)).toEqual([]);
  });

  it('requires a path for remove and a value for add/replace, and rejects unknown ops', async () => {
    const messages = async (body: unknown) => (await diagnose(patchUser, body)).map((d) => d.message);
    expect(await messages(patch({ op: 'remove' }))).toContain('Missing property "path".');
    expect(await messages(patch({ op: 'add', path: 'title' }))).toContain('Missing property "value".');
    expect((await messages(patch({ op: 'frobnicate', path: 'x', value: 1 }))).length).toBeGreaterThan(0);
    expect((await messages(patch({ op: 'replace', value: { 'name.givenName': 'B' } }))).join()).toContain('is a path, not an attribute name');
    expect(await messages({ Operations: [] })).toEqual(expect.arrayContaining(['Missing property "schemas".']));
  });

  it('suggests ops and attribute paths', async () => {
    expect(await complete(patchUser, '{"schemas": [], "Operations": [{"op": |}]}')).toEqual(expect.arrayContaining(['"add"', '"remove"', '"replace"']));
    const paths = await complete(patchUser, '{"schemas": [], "Operations": [{"op": "replace", "path": |}]}');
    expect(paths).toEqual(expect.arrayContaining(['"userName"', '"name.givenName"', '"emails[type eq \\"work\\"].value"', `"${ENTERPRISE_URN}:department"`]));
    expect(paths).not.toContain('"groups"');
  });
});
