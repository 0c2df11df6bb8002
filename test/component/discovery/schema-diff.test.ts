import { describe, expect, it } from 'vitest';
import { coreSchemas, URN, type ScimAttribute, type ScimSchema } from '@shared/scim';
import { diffSchema } from '../../../src/renderer/features/discovery/schema-diff';

const core = (urn: string) => coreSchemas.find((s) => s.id === urn)!;

/** A copy of a core schema with sub-attributes left out: `drop` maps a top-level name to the sub-attributes to drop. */
function withoutAttributes(schema: ScimSchema, dropTop: string[], dropSub: Record<string, string[]>): ScimSchema {
  const attributes: ScimAttribute[] = schema.attributes
    .filter((a) => !dropTop.includes(a.name))
    .map((a) => (dropSub[a.name] ? { ...a, subAttributes: a.subAttributes?.filter((s) => !dropSub[a.name]!.includes(s.name)) } : a));
  return { ...schema, attributes };
}

describe('diffSchema', () => {
  it('spells left-out sub-attributes as the schema does, not in lower case', () => {
    const diff = diffSchema(withoutAttributes(core(URN.user), [], { phoneNumbers: ['display'], name: ['givenName'] }));
    expect(diff.missing).toEqual([
      { path: 'name.givenName', rfc: 'RFC 7643' },
      { path: 'phoneNumbers.display', rfc: 'RFC 7643' },
    ]);
  });

  it('keeps the server’s spelling of the parent and says which RFC defines what is missing', () => {
    const spc = withoutAttributes(core(URN.serviceProviderConfig), ['pagination'], { authenticationSchemes: ['type'] });
    const diff = diffSchema(spc);
    expect(diff.missing).toEqual([
      { path: 'authenticationSchemes.type', rfc: 'RFC 7643' },
      { path: 'pagination', rfc: 'RFC 9865' },
    ]);
  });

  it('attributes the sub-attributes of pagination to RFC 9865 when they differ', () => {
    const spc = core(URN.serviceProviderConfig);
    const changed: ScimSchema = {
      ...spc,
      attributes: spc.attributes.map((a) => (a.name === 'pagination' ? { ...a, subAttributes: a.subAttributes?.map((s) => (s.name === 'cursor' ? { ...s, required: !s.required } : s)) } : a)),
    };
    const diff = diffSchema(changed);
    expect(diff.attributes.get('pagination.cursor')).toMatchObject({ rfc: 'RFC 9865', changed: { required: expect.any(String) } });
    expect(diff.attributes.get('patch')).toMatchObject({ rfc: 'RFC 7643' });
  });
});
