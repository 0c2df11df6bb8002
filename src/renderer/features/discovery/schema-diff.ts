import { coreSchemas, URN, type ScimAttribute, type ScimSchema } from '@shared/scim';

/** The characteristics RFC 7643 §2.2 / §7 gives every attribute. */
export const CHARACTERISTICS = ['type', 'multiValued', 'required', 'mutability', 'returned', 'uniqueness', 'caseExact', 'canonicalValues', 'referenceTypes'] as const;
export type Characteristic = (typeof CHARACTERISTICS)[number];

/** The RFC that defines an attribute of a core schema: RFC 7643, or a later one that added to it. */
export type DefiningRfc = 'RFC 7643' | 'RFC 9865';

/** Attributes later RFCs added to RFC 7643's schemas, by schema URN and top-level name (lower case). */
const LATER: Record<string, Record<string, DefiningRfc>> = {
  [URN.serviceProviderConfig.toLowerCase()]: { pagination: 'RFC 9865' },
};

export interface AttributeDiff {
  /** the attribute is not in the RFC definition of this schema */
  added: boolean;
  /** characteristic → what the RFC says, where the server says otherwise */
  changed: Partial<Record<Characteristic, string>>;
  /** the RFC that defines the attribute (undefined for one it adds) */
  rfc?: DefiningRfc;
}

/** An attribute the RFCs define that the server's schema leaves out, as the RFC spells it under the server's parent. */
export interface MissingAttribute {
  path: string;
  rfc: DefiningRfc;
}

export interface SchemaDiff {
  /** the RFC 7643 schema this one is compared with; undefined for a schema of the server's own */
  core?: ScimSchema;
  /** by attribute path (`name`, `name.givenName`), lower case */
  attributes: Map<string, AttributeDiff>;
  /** RFC attributes the server's schema leaves out, by path as spelled (the server's parents, the RFC's name) */
  missing: MissingAttribute[];
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

interface Place {
  /** path so far in lower case (the key of `attributes`), with a trailing dot */
  key: string;
  /** path so far as spelled, with a trailing dot */
  shown: string;
  /** the RFC of the top-level attribute this is under */
  rfc?: DefiningRfc;
}

function compare(server: readonly ScimAttribute[], core: readonly ScimAttribute[], place: Place, later: Record<string, DefiningRfc>, diff: SchemaDiff): void {
  const coreByName = new Map(core.map((a) => [a.name.toLowerCase(), a]));
  const rfcOf = (name: string): DefiningRfc => place.rfc ?? later[name] ?? 'RFC 7643';
  const seen = new Set<string>();
  for (const attribute of server) {
    const name = attribute.name.toLowerCase();
    seen.add(name);
    const key = place.key + name;
    const rfc = coreByName.get(name);
    if (!rfc) {
      diff.attributes.set(key, { added: true, changed: {} });
      diff.differences++;
      continue;
    }
    const changed: AttributeDiff['changed'] = {};
    for (const c of CHARACTERISTICS) {
      const differs = c === 'canonicalValues' || c === 'referenceTypes' ? !sameList(attribute[c], rfc[c]) : attribute[c] !== rfc[c];
      if (differs) changed[c] = characteristicText(rfc, c) || '(none)';
    }
    diff.attributes.set(key, { added: false, changed, rfc: rfcOf(name) });
    if (Object.keys(changed).length) diff.differences++;
    if (attribute.subAttributes || rfc.subAttributes) {
      compare(attribute.subAttributes ?? [], rfc.subAttributes ?? [], { key: `${key}.`, shown: `${place.shown}${attribute.name}.`, rfc: rfcOf(name) }, later, diff);
    }
  }
  for (const [name, rfc] of coreByName) if (!seen.has(name)) diff.missing.push({ path: place.shown + rfc.name, rfc: rfcOf(name) });
}

/**
 * How a server's schema departs from the RFCs' schema of the same URN (RFC 7643, with what RFC 9865
 * added): attributes added or left out, and every characteristic that differs. A schema with a URN of
 * the server's own has nothing to compare.
 */
export function diffSchema(schema: ScimSchema): SchemaDiff {
  const core = coreSchemas.find((s) => s.id.toLowerCase() === schema.id.toLowerCase());
  const diff: SchemaDiff = { attributes: new Map(), missing: [], differences: 0 };
  if (!core) return diff;
  diff.core = core;
  compare(schema.attributes, core.attributes, { key: '', shown: '' }, LATER[core.id.toLowerCase()] ?? {}, diff);
  diff.differences += diff.missing.length;
  return diff;
}
