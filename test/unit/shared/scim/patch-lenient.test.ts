import { describe, expect, it } from 'vitest';
import { ScimError, applyPatch } from '@shared/scim';
import { BABS, ENTERPRISE_URN, JAMES, patch, sampleGroup, sampleUser } from '../../../fixtures/scim/patch-resources';

function rejection(resource: object, request: unknown): ScimError {
  try {
    applyPatch(resource, request, { mode: 'strict' });
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    return error as ScimError;
  }
  throw new Error('strict mode accepted the request');
}

/**
 * The shapes Entra ID sends by default (without the aadOptscim062020 flag), as documented in
 * Microsoft's "Known issues and resolutions with SCIM 2.0 protocol compliance".
 */
describe("Entra ID's default PATCH shapes", () => {
  it('"Replace" with a string boolean: lenient applies it and lists both deviations; strict names the first', () => {
    const request = patch({ op: 'Replace', path: 'active', value: 'False' });
    const { resource, deviations } = applyPatch(sampleUser(), request, { mode: 'lenient' });
    expect(resource.active).toBe(false);
    expect(deviations.map((d) => [d.operation, d.code])).toEqual([
      [0, 'op-case'],
      [0, 'string-boolean'],
    ]);
    expect(rejection(sampleUser(), request)).toMatchObject({
      status: 400,
      scimType: 'invalidSyntax',
      message: expect.stringContaining('Operations[0]: "op": "Replace" is not lower-case; RFC 7644 §3.5.2 defines "replace"'),
    });
    expect(rejection(sampleUser(), patch({ op: 'replace', path: 'active', value: 'False' }))).toMatchObject({
      scimType: 'invalidValue',
      message: expect.stringContaining('"active" is a boolean, but the value is the string "False"'),
    });
    expect(rejection(sampleUser(), patch({ op: 'replace', value: { active: 'True' } })).scimType).toBe('invalidValue');
  });

  it('"Add" of members with "$ref": null', () => {
    const request = patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: JAMES }] });
    const { resource, deviations } = applyPatch(sampleGroup(), request, { mode: 'lenient' });
    expect(resource.members.at(-1)).toEqual({ value: JAMES });
    expect(deviations.map((d) => d.code)).toEqual(['op-case']);
  });

  it('"Remove" of members with a value array removes just those members', () => {
    const request = patch({ op: 'Remove', path: 'members', value: [{ value: BABS.toUpperCase() }] });
    const { resource, deviations } = applyPatch(sampleGroup(), request, { mode: 'lenient' });
    expect(resource.members.map((m) => m.display)).toEqual(['Mandy Pepperidge']);
    expect(deviations.map((d) => d.code)).toEqual(['op-case', 'remove-with-value']);
    expect(deviations[1]!.message).toContain('removed the 1 of 1 listed value(s) of "members"');
    const strict = rejection(sampleGroup(), patch({ op: 'remove', path: 'members', value: [{ value: BABS }] }));
    expect(strict).toMatchObject({ scimType: 'invalidSyntax' });
    expect(strict.message).toContain('"remove" takes no "value" (RFC 7644 §3.5.2.2); to remove particular values use a filter: "path": "members[value eq \\"…\\"]"');
  });

  it('no-path values with dotted keys', () => {
    const request = patch({ op: 'Replace', value: { 'name.givenName': 'Babs', 'name.familyName': 'J', displayName: 'BJ' } });
    const { resource, deviations } = applyPatch(sampleUser(), request, { mode: 'lenient' });
    expect(resource.name).toMatchObject({ givenName: 'Babs', familyName: 'J', formatted: 'Ms. Barbara J Jensen, III' });
    expect(resource.displayName).toBe('BJ');
    expect(deviations.map((d) => d.code)).toEqual(['op-case', 'dotted-key', 'dotted-key']);
    expect(rejection(sampleUser(), patch({ op: 'replace', value: { 'name.givenName': 'Babs' } }))).toMatchObject({
      scimType: 'invalidPath',
      message: expect.stringContaining('the key "name.givenName" of a no-path value is an attribute path; RFC 7644 §3.5.2 expects attribute names: {"name": {"givenName": …}} or "path": "name.givenName"'),
    });
  });

  it('URN-qualified attribute keys in a no-path value', () => {
    const request = patch({ op: 'replace', value: { [`${ENTERPRISE_URN}:department`]: 'Sales', [`${ENTERPRISE_URN}:manager.value`]: 'm-2' } });
    const { resource, deviations } = applyPatch(sampleUser(), request, { mode: 'lenient' });
    expect(resource[ENTERPRISE_URN]).toMatchObject({ department: 'Sales', manager: { value: 'm-2', displayName: 'John Smith' } });
    expect(deviations.map((d) => d.code)).toEqual(['qualified-key', 'qualified-key', 'dotted-key']);
    expect(rejection(sampleUser(), request).scimType).toBe('invalidPath');
  });

  it('pathKeys: strict mode reads attribute paths as keys of a no-path value (Entra aadOptscim062020), quietly', () => {
    // the compatibility doc's "Requests to replace multiple attributes", with the flag
    const request = patch(
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'babs@example.org' },
      { op: 'replace', value: { displayName: 'BJ', 'name.givenName': 'Babs', 'name.familyName': 'J', [`${ENTERPRISE_URN}:employeeNumber`]: '701985' } },
    );
    const { resource, deviations } = applyPatch(sampleUser(), request, { mode: 'strict', pathKeys: true });
    expect(resource.name).toMatchObject({ givenName: 'Babs', familyName: 'J', formatted: 'Ms. Barbara J Jensen, III' });
    expect(resource.displayName).toBe('BJ');
    expect(resource[ENTERPRISE_URN]).toMatchObject({ employeeNumber: '701985' });
    expect(deviations).toEqual([]);
    // off by default: strict refuses the same request, lenient lists each key
    expect(rejection(sampleUser(), request).scimType).toBe('invalidPath');
    expect(applyPatch(sampleUser(), request, { mode: 'lenient', pathKeys: true }).deviations.map((d) => d.code)).toEqual(['dotted-key', 'dotted-key', 'qualified-key']);
    // it is about keys only: a filter in a key, or a path with two dots, is still refused
    expect(() => applyPatch(sampleUser(), patch({ op: 'replace', value: { 'emails[type eq "work"].value': 'x' } }), { pathKeys: true })).toThrow(/holds a filter/);
    expect(() => applyPatch(sampleUser(), patch({ op: 'replace', value: { 'name.givenName.x': 'x' } }), { pathKeys: true })).toThrow(/at most one sub-attribute/);
  });

  it('manager given as a plain id string', () => {
    const request = patch({ op: 'Add', path: `${ENTERPRISE_URN}:manager`, value: 'mgr-7' });
    const { resource, deviations } = applyPatch(sampleUser(), request, { mode: 'lenient' });
    expect(resource[ENTERPRISE_URN].manager).toEqual({ value: 'mgr-7', displayName: 'John Smith' });
    expect(deviations.map((d) => d.code)).toEqual(['op-case', 'complex-as-string']);
    expect(rejection(sampleUser(), patch({ op: 'add', path: `${ENTERPRISE_URN}:manager`, value: 'mgr-7' })).scimType).toBe('invalidValue');
  });

  it('replace of a value-path sub-attribute that matches nothing creates the value', () => {
    const user = { ...sampleUser(), emails: [{ value: 'babs@jensen.org', type: 'home' }] };
    const request = patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'babs@work.example' });
    const { resource, deviations } = applyPatch(user, request, { mode: 'lenient' });
    expect(resource.emails).toEqual([
      { value: 'babs@jensen.org', type: 'home' },
      { type: 'work', value: 'babs@work.example' },
    ]);
    expect(deviations.map((d) => d.code)).toEqual(['filter-created-value']);
    expect(rejection(user, request)).toMatchObject({ scimType: 'noTarget', message: expect.stringContaining('no value of "emails" matches [type eq "work"]') });
  });

  it('a filter with an unquoted value', () => {
    const request = patch({ op: 'remove', path: 'emails[type eq work]' });
    const { resource, deviations } = applyPatch(sampleUser(), request, { mode: 'lenient' });
    expect(resource.emails).toHaveLength(1);
    expect(deviations.map((d) => d.code)).toEqual(['filter-syntax']);
    expect(rejection(sampleUser(), request)).toMatchObject({ scimType: 'invalidPath', message: expect.stringContaining('must be in double quotes') });
  });

  it('a request without the PatchOp schema', () => {
    const request = { Operations: [{ op: 'replace', path: 'title', value: 'T' }] };
    expect(applyPatch(sampleUser(), request, { mode: 'lenient' }).deviations).toEqual([expect.objectContaining({ operation: -1, code: 'missing-schemas' })]);
    expect(rejection(sampleUser(), request)).toMatchObject({ scimType: 'invalidSyntax', message: expect.stringMatching(/^PATCH request: "schemas" must contain/) });
  });
});
