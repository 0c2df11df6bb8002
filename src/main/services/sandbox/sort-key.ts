import type { SchemaRegistry, ScimAttribute, ScimResourceType } from '@shared/scim';
import { badRequest } from './errors';
import type { SortKey } from './sorting';
import type { ScimObject } from './store';

export type SortKeyOf = (resource: ScimObject) => SortKey;

/**
 * The sort key of RFC 7644 §3.4.2.3 for `sortBy` in one resource type: a multi-valued attribute sorts
 * by its primary (else first) value; strings compare case-insensitively unless caseExact; dateTimes as
 * instants. Undefined when the resource type has no such attribute.
 */
export function compileSortKey(sortBy: string, rt: ScimResourceType, registry: SchemaRegistry): SortKeyOf | undefined {
  const found = registry.attribute(sortBy.trim(), rt);
  if (!found) return undefined;
  const { top, attribute } = found;
  const holderKey = found.extension && found.schema ? found.schema.id : undefined;
  let leaf: ScimAttribute = attribute;
  let sub: string | undefined = attribute === top ? undefined : attribute.name;
  if (top.type === 'complex' && sub === undefined) {
    const value = registry.subAttribute(top, 'value');
    if (!top.multiValued || !value) {
      throw badRequest(`sortBy "${sortBy}" names the complex attribute "${top.name}": name one of its sub-attributes, e.g. "${top.name}.${top.subAttributes?.[0]?.name ?? 'value'}".`, 'invalidValue');
    }
    leaf = value;
    sub = value.name;
  }
  const normalise = normaliser(leaf);
  const name = top.name;
  return (resource) => {
    const holder = holderKey ? (resource[holderKey] as ScimObject | undefined) : resource;
    let value = holder?.[name];
    if (Array.isArray(value)) value = value.find((v) => typeof v === 'object' && v !== null && (v as ScimObject).primary === true) ?? value[0];
    if (sub !== undefined) value = typeof value === 'object' && value !== null ? (value as ScimObject)[sub] : undefined;
    return value === undefined || value === null || value === '' ? null : normalise(value);
  };
}

function normaliser(def: ScimAttribute): (value: unknown) => SortKey {
  switch (def.type) {
    case 'dateTime':
      return (value) => {
        const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
        return Number.isNaN(ms) ? String(value) : ms;
      };
    case 'boolean':
    case 'integer':
    case 'decimal':
      return (value) => (typeof value === 'number' || typeof value === 'boolean' ? value : String(value));
    default:
      return def.caseExact ? (value) => String(value) : (value) => String(value).toLowerCase();
  }
}
