import type { ScimAttribute, ScimResourceType, SchemaRegistry } from '@shared/scim';
import type { Operator } from './tree';

/** One entry of the attribute picker. */
export interface AttributeOption {
  /** what goes into the filter: `name.familyName`, `emails`, `urn:…:enterprise:2.0:User:manager.value` */
  path: string;
  attribute: ScimAttribute;
  /** the complex attribute this is a sub-attribute of */
  parent?: ScimAttribute;
  /** the extension schema URN for extension attributes */
  extension?: string;
}

const COMMON_URN = '';

function withSubs(prefix: string, attribute: ScimAttribute, extension: string | undefined, out: AttributeOption[]): void {
  const path = `${prefix}${attribute.name}`;
  out.push({ path, attribute, ...(extension ? { extension } : {}) });
  for (const sub of attribute.subAttributes ?? []) out.push({ path: `${path}.${sub.name}`, attribute: sub, parent: attribute, ...(extension ? { extension } : {}) });
}

/**
 * Every attribute a filter on `resourceType` can name: the base schema's, the common `id`,
 * `externalId` and `meta`, and each extension's under its URN, with their sub-attributes.
 */
export function attributeOptions(registry: SchemaRegistry, resourceType: ScimResourceType | undefined): AttributeOption[] {
  const out: AttributeOption[] = [];
  for (const name of ['id', 'externalId', 'meta']) {
    const common = registry.attribute(name, resourceType)?.attribute;
    if (common) withSubs(COMMON_URN, common, undefined, out);
  }
  const types = resourceType ? [resourceType] : registry.resourceTypes;
  const seen = new Set<string>();
  for (const rt of types) {
    if (seen.has(rt.schema.toLowerCase())) continue;
    seen.add(rt.schema.toLowerCase());
    for (const attribute of registry.schema(rt.schema)?.attributes ?? []) withSubs('', attribute, undefined, out);
    for (const ext of rt.schemaExtensions) {
      const schema = registry.schema(ext.schema);
      if (!schema || seen.has(schema.id.toLowerCase())) continue;
      seen.add(schema.id.toLowerCase());
      for (const attribute of schema.attributes) withSubs(`${schema.id}:`, attribute, schema.id, out);
    }
  }
  return out;
}

/** The sub-attributes a value filter `attribute[…]` can name (relative paths). */
export function subAttributeOptions(parent: ScimAttribute | undefined): AttributeOption[] {
  return (parent?.subAttributes ?? []).map((attribute) => ({ path: attribute.name, attribute, parent }));
}

/** Multi-valued complex attributes: the ones a value filter `emails[…]` can be written on. */
export function valuePathOptions(options: AttributeOption[]): AttributeOption[] {
  return options.filter((o) => !o.parent && o.attribute.type === 'complex' && o.attribute.multiValued);
}

const ALL: Operator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr'];
const EQUALITY: Operator[] = ['eq', 'ne', 'pr'];
const ORDERED: Operator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'pr'];
const REFERENCE: Operator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'pr'];

/**
 * Operators that make sense for an attribute (RFC 7644 §3.4.2.2): ordering only on ordered types
 * (string, integer, decimal, dateTime), substring matching only on strings, `pr` everywhere. A
 * complex attribute compares through its `value` sub-attribute (`emails co "example.com"`).
 */
export function operatorsFor(attribute: ScimAttribute | undefined): Operator[] {
  if (!attribute) return ALL;
  switch (attribute.type) {
    case 'string':
      return ALL;
    case 'reference':
      return REFERENCE;
    case 'integer':
    case 'decimal':
    case 'dateTime':
      return ORDERED;
    case 'boolean':
    case 'binary':
      return EQUALITY;
    case 'complex': {
      const value = attribute.subAttributes?.find((s) => s.name.toLowerCase() === 'value');
      return value ? operatorsFor(value) : ['pr'];
    }
  }
}

export const OPERATOR_LABELS: Record<Operator, string> = {
  eq: 'equals',
  ne: 'not equal',
  co: 'contains',
  sw: 'starts with',
  ew: 'ends with',
  gt: 'greater than',
  ge: 'greater or equal',
  lt: 'less than',
  le: 'less or equal',
  pr: 'is present',
};

/** The type a value entered for `attribute` should have (a complex one compares through `value`). */
export function valueType(attribute: ScimAttribute | undefined): ScimAttribute['type'] | undefined {
  if (attribute?.type === 'complex') return attribute.subAttributes?.find((s) => s.name.toLowerCase() === 'value')?.type;
  return attribute?.type;
}

/** Resolves a condition's path at the top level or, inside `parent[…]`, among its sub-attributes. */
export function resolveConditionPath(
  registry: SchemaRegistry,
  resourceType: ScimResourceType | undefined,
  path: string,
  parent?: { attribute: ScimAttribute | undefined },
): ScimAttribute | undefined {
  const trimmed = path.trim();
  if (!trimmed) return undefined;
  if (parent) return parent.attribute ? registry.subAttribute(parent.attribute, trimmed) : undefined;
  return registry.attribute(trimmed, resourceType)?.attribute;
}
