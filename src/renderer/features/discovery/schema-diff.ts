import { coreSchemas, type ScimAttribute, type ScimSchema } from '@shared/scim';

/** The characteristics RFC 7643 §2.2 / §7 gives every attribute. */
export const CHARACTERISTICS = ['type', 'multiValued', 'required', 'mutability', 'returned', 'uniqueness', 'caseExact', 'canonicalValues', 'referenceTypes'] as const;
export type Characteristic = (typeof CHARACTERISTICS)[number];

export interface AttributeDiff {
  /** the attribute is not in the RFC 7643 definition of this schema */
  added: boolean;
  /** characteristic → what RFC 7643 says, where the server says otherwise */
  changed: Partial<Record<Characteristic, string>>;
}

export interface SchemaDiff {
  /** the RFC 7643 schema this one is compared with; undefined for a schema of the server's own */
  core?: ScimSchema;
  /** by attribute path (`name`, `name.givenName`), lower case */
  attributes: Map<string, AttributeDiff>;
  /** RFC 7643 attributes the server's schema leaves out, by path */
  missing: string[];
  /** attributes that differ or were added */
  differences: number;
}

export function characteristicText(attribute: ScimAttribute, characteristic: Characteristic): string {
  const value = attribute[characteristic];
  if (Array.isArray(value)) return value.join(', ');
  if (value === undefined) return '';
  return String(value);
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const norm = (list: readonly string[] | undefined) => (list ?? []).map((s) => s.toLowerCase()).sort().join('\n');
  return norm(a) === norm(b);
}

function compare(server: readonly ScimAttribute[], core: readonly ScimAttribute[], prefix: string, diff: SchemaDiff): void {
  const coreByName = new Map(core.map((a) => [a.name.toLowerCase(), a]));
  const seen = new Set<string>();
  for (const attribute of server) {
    const key = attribute.name.toLowerCase();
    seen.add(key);
    const path = prefix + key;
    const rfc = coreByName.get(key);
    if (!rfc) {
      diff.attributes.set(path, { added: true, changed: {} });
      diff.differences++;
      continue;
    }
    const changed: AttributeDiff['changed'] = {};
    for (const c of CHARACTERISTICS) {
      const differs = c === 'canonicalValues' || c === 'referenceTypes' ? !sameList(attribute[c], rfc[c]) : attribute[c] !== rfc[c];
      if (differs) changed[c] = characteristicText(rfc, c) || '(none)';
    }
    diff.attributes.set(path, { added: false, changed });
    if (Object.keys(changed).length) diff.differences++;
    if (attribute.subAttributes || rfc.subAttributes) compare(attribute.subAttributes ?? [], rfc.subAttributes ?? [], `${path}.`, diff);
  }
  for (const [key, rfc] of coreByName) if (!seen.has(key)) diff.missing.push(prefix ? `${prefix}${rfc.name}` : rfc.name);
}

/**
 * How a server's schema departs from RFC 7643's schema of the same URN: attributes added or left out,
 * and every characteristic that differs. A schema with a URN of the server's own has nothing to compare.
 */
export function diffSchema(schema: ScimSchema): SchemaDiff {
  const core = coreSchemas.find((s) => s.id.toLowerCase() === schema.id.toLowerCase());
  const diff: SchemaDiff = { attributes: new Map(), missing: [], differences: 0 };
  if (!core) return diff;
  diff.core = core;
  compare(schema.attributes, core.attributes, '', diff);
  diff.differences += diff.missing.length;
  return diff;
}
