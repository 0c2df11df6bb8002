import { describe, expect, it } from 'vitest';
import { ScimError, SchemaRegistry, applyPatch, matchesFilter, compileFilter } from '@shared/scim';
import { ENTERPRISE_URN, USER_URN, patch, sampleUser } from '../../../fixtures/scim/patch-resources';

const MANAGER = '00aa00aa-bb11-cc22-dd33-44ee44ee44ee';

function rejection(resource: object, request: unknown): ScimError {
  try {
    applyPatch(resource, request, { mode: 'strict' });
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    return error as ScimError;
  }
  throw new Error('strict mode accepted the request');
}

/** A user without a manager, so the tests see where the manager lands. */
function unmanaged() {
  const user = sampleUser() as Record<string, unknown>;
  user[ENTERPRISE_URN] = { employeeNumber: '701984', department: 'Tour Operations' };
  return user as ReturnType<typeof sampleUser>;
}

describe("Entra ID's manager (tutorial Example 5) reaches the enterprise extension", () => {
  it('"Add" path "manager" with an array of one {$ref, value}: lenient sets the extension manager, no top-level attribute', () => {
    const request = patch({ op: 'Add', path: 'manager', value: [{ $ref: `http://example.com/scim/Users/${MANAGER}`, value: MANAGER }] });
    const { resource, deviations } = applyPatch(unmanaged(), request, { mode: 'lenient' });
    expect(resource[ENTERPRISE_URN]).toEqual({ employeeNumber: '701984', department: 'Tour Operations', manager: { $ref: `http://example.com/scim/Users/${MANAGER}`, value: MANAGER } });
    expect(resource).not.toHaveProperty('manager');
    expect(deviations.map((d) => d.code)).toEqual(['op-case', 'single-value-array']);
    expect(deviations[1]!.message).toContain('"manager" is single-valued (RFC 7643 §2.4), but the value is an array of one');
  });

  it('the extension object and its URN in "schemas" are created when the user had none', () => {
    const user = unmanaged() as Record<string, unknown>;
    delete user[ENTERPRISE_URN];
    user.schemas = [USER_URN];
    const { resource } = applyPatch(user, patch({ op: 'add', path: 'manager', value: { value: MANAGER } }), { mode: 'strict' });
    expect(resource).toMatchObject({ schemas: [USER_URN, ENTERPRISE_URN], [ENTERPRISE_URN]: { manager: { value: MANAGER } } });
  });

  it('strict accepts the unqualified name (RFC 7644 §3.10: SHOULD qualify) but not the array of one, and says why', () => {
    const { resource } = applyPatch(unmanaged(), patch({ op: 'replace', path: 'manager.value', value: MANAGER }), { mode: 'strict' });
    expect(resource[ENTERPRISE_URN]).toMatchObject({ manager: { value: MANAGER } });
    const error = rejection(unmanaged(), patch({ op: 'add', path: 'manager', value: [{ value: MANAGER }] }));
    expect(error.scimType).toBe('invalidValue');
    expect(error.message).toContain('"manager" is single-valued (RFC 7643 §2.4), but the value is an array of one');
    expect(error.message).toContain('Entra ID sends the manager this way');
  });

  it('no-path values reach the extension too ({"department": …})', () => {
    const { resource } = applyPatch(unmanaged(), patch({ op: 'replace', value: { department: 'Sales' } }), { mode: 'strict' });
    expect(resource[ENTERPRISE_URN]).toMatchObject({ department: 'Sales' });
    expect(resource).not.toHaveProperty('department');
  });

  it('a name two extensions define is refused as ambiguous', () => {
    const core = SchemaRegistry.core();
    const other = { id: 'urn:example:params:scim:schemas:extension:hr:2.0:User', name: 'HR', description: 'HR', attributes: core.schema(ENTERPRISE_URN)!.attributes };
    const userType = core.resourceType('User')!;
    const registry = new SchemaRegistry([...core.schemas, other], [{ ...userType, schemaExtensions: [...userType.schemaExtensions, { schema: other.id, required: false }] }, core.resourceType('Group')!]);
    expect(() => applyPatch(unmanaged(), patch({ op: 'replace', path: 'department', value: 'x' }), { registry, mode: 'lenient' })).toThrow(/defined by .* and .*; qualify it with the schema URN/);
  });

  it('{"value": ""} clears the manager, the server-set displayName with it, and the empty extension', () => {
    for (const value of [{ value: '' }, '']) {
      const { resource } = applyPatch(sampleUser(), patch({ op: 'Replace', path: `${ENTERPRISE_URN}:manager`, value }), { mode: 'lenient' });
      expect(resource[ENTERPRISE_URN]).toEqual({ employeeNumber: '701984', department: 'Tour Operations' });
    }
    const { resource } = applyPatch(sampleUser(), patch({ op: 'replace', path: 'manager', value: { value: '' } }), { mode: 'strict' });
    expect(resource[ENTERPRISE_URN]).not.toHaveProperty('manager');
    const alone = { schemas: [USER_URN, ENTERPRISE_URN], userName: 'a', [ENTERPRISE_URN]: { manager: { value: MANAGER } } };
    const cleared = applyPatch(alone, patch({ op: 'replace', path: `${ENTERPRISE_URN}:manager`, value: { value: '' } }), { mode: 'strict' }).resource;
    expect(cleared).toEqual({ schemas: [USER_URN], userName: 'a' });
  });

  it('{"value": ""} clears a manager the server gave a $ref (the $ref only locates the value)', () => {
    const held = { schemas: [USER_URN, ENTERPRISE_URN], userName: 'a', [ENTERPRISE_URN]: { department: 'Sales', manager: { value: MANAGER, $ref: `https://example.com/scim/v2/Users/${MANAGER}`, displayName: 'John Smith' } } };
    for (const mode of ['lenient', 'strict'] as const) {
      const { resource } = applyPatch(held, patch({ op: 'replace', path: `${ENTERPRISE_URN}:manager`, value: { value: '' } }), { mode });
      expect(resource[ENTERPRISE_URN]).toEqual({ department: 'Sales' });
    }
    // a $ref given with the empty value does not keep it either; a value given keeps the manager
    expect(applyPatch(held, patch({ op: 'replace', path: `${ENTERPRISE_URN}:manager`, value: { value: '', $ref: 'https://example.com/x' } })).resource[ENTERPRISE_URN]).toEqual({ department: 'Sales' });
    expect(applyPatch(held, patch({ op: 'replace', path: `${ENTERPRISE_URN}:manager`, value: { value: 'm-2' } })).resource[ENTERPRISE_URN].manager).toMatchObject({ value: 'm-2' });
  });
});

describe('an unqualified extension attribute in a filter', () => {
  const user = sampleUser();
  const managerId = user[ENTERPRISE_URN].manager.value;

  it('`manager eq "…"` compares the enterprise manager\'s value (Entra tutorial Example 4)', () => {
    expect(matchesFilter(user, `id eq "${user.id}" and manager eq "${managerId}"`)).toBe(true);
    expect(matchesFilter(user, `manager eq "someone-else"`)).toBe(false);
    expect(matchesFilter(user, `manager.value eq "${managerId}"`)).toBe(true);
    expect(matchesFilter(user, 'department eq "tour operations"')).toBe(true);
    expect(matchesFilter(user, 'manager[value eq "nobody"]')).toBe(false);
    expect(matchesFilter(user, `manager[value eq "${managerId}"]`)).toBe(true);
  });

  it('with the resource type given, through a registry (as servers compile it)', () => {
    const registry = SchemaRegistry.core();
    const match = compileFilter(`manager eq "${managerId}"`, { registry, resourceType: 'User' });
    expect(match(user)).toBe(true);
    expect(match({ ...user, [ENTERPRISE_URN]: {} })).toBe(false);
  });
});
