import { type SchemaRegistry, type ScimAttribute, type ScimResourceType } from '@shared/scim';
import { badRequest } from './errors';
import { isPlainObject } from './http-io';
import type { ScimObject } from './store';

/** The keys the server owns on every resource; a client's values for them are ignored (RFC 7643 §3.1). */
const SERVER_KEYS = new Set(['id', 'meta']);

export interface ShapedBody {
  /** writable attributes in canonical spelling (schemas, externalId, attributes, extension objects) */
  body: ScimObject;
  /** returned:"never" attributes (password), for the store's hidden side */
  hidden: Record<string, unknown>;
  /** attribute paths the request named that no schema of the resource type defines */
  unknown: string[];
}

/**
 * Shapes a client's resource for storage (POST, PUT, and PATCH results): attribute names in their
 * canonical spelling (names are case-insensitive, RFC 7643 §2.1), extension URNs spelled as declared,
 * readOnly attributes dropped (RFC 7644 §3.3 and §3.5.1 say they are ignored), returned:"never" ones set apart.
 */
export function shapeBody(input: ScimObject, rt: ScimResourceType, registry: SchemaRegistry): ShapedBody {
  const body: ScimObject = {};
  const hidden: Record<string, unknown> = {};
  const unknown: string[] = [];
  const extensions = new Map(rt.schemaExtensions.map((e) => [e.schema.toLowerCase(), e.schema]));
  for (const key of Object.keys(input)) {
    const value = input[key];
    const lower = key.toLowerCase();
    if (lower === 'schemas') {
      put(body, 'schemas', canonicalSchemas(value, rt, registry), key);
      continue;
    }
    if (SERVER_KEYS.has(lower)) continue;
    const extension = extensions.get(lower);
    if (extension !== undefined) {
      if (value === null) continue;
      if (!isPlainObject(value)) throw badRequest(`"${key}" must be an object holding the ${extension} attributes.`, 'invalidSyntax');
      const shaped: ScimObject = {};
      for (const subKey of Object.keys(value)) {
        const def = registry.schemaAttribute(extension, subKey);
        if (!def) {
          unknown.push(`${extension}:${subKey}`);
          continue;
        }
        placeAttribute(shaped, hidden, def, value[subKey], subKey, `${extension}:${def.name}`, registry, unknown);
      }
      put(body, extension, shaped, key);
      continue;
    }
    const resolved = registry.attribute(key, rt);
    if (!resolved || resolved.extension || resolved.attribute !== resolved.top) {
      unknown.push(key);
      continue;
    }
    placeAttribute(body, hidden, resolved.attribute, value, key, resolved.attribute.name, registry, unknown);
  }
  return { body, hidden, unknown };
}

function put(target: ScimObject, key: string, value: unknown, given: string): void {
  if (Object.prototype.hasOwnProperty.call(target, key)) throw badRequest(`The attribute "${key}" is given twice (as "${given}" too); attribute names are case-insensitive.`, 'invalidSyntax');
  target[key] = value;
}

function placeAttribute(
  target: ScimObject,
  hidden: Record<string, unknown>,
  def: ScimAttribute,
  value: unknown,
  given: string,
  path: string,
  registry: SchemaRegistry,
  unknown: string[],
): void {
  if (def.mutability === 'readOnly') return;
  if (def.returned === 'never') {
    if (value !== null && value !== undefined) hidden[def.name] = value;
    return;
  }
  put(target, def.name, def.type === 'complex' ? shapeComplex(def, value, path, registry, unknown) : value, given);
}

function shapeComplex(def: ScimAttribute, value: unknown, path: string, registry: SchemaRegistry, unknown: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => shapeComplexItem(def, item, path, registry, unknown));
  return shapeComplexItem(def, value, path, registry, unknown);
}

function shapeComplexItem(def: ScimAttribute, item: unknown, path: string, registry: SchemaRegistry, unknown: string[]): unknown {
  if (!isPlainObject(item)) return item;
  const out: ScimObject = {};
  for (const key of Object.keys(item)) {
    const sub = registry.subAttribute(def, key);
    if (!sub) {
      unknown.push(`${path}.${key}`);
      continue;
    }
    if (sub.mutability === 'readOnly') continue;
    put(out, sub.name, item[key], key);
  }
  return out;
}

/** The request's `schemas` list with known URNs spelled as declared; checked for the resource type's base schema. */
function canonicalSchemas(value: unknown, rt: ScimResourceType, registry: SchemaRegistry): string[] {
  if (!Array.isArray(value) || value.some((urn) => typeof urn !== 'string')) {
    throw badRequest(`"schemas" must be an array of schema URNs, e.g. ["${rt.schema}"].`, 'invalidSyntax');
  }
  const allowed = new Map([[rt.schema.toLowerCase(), rt.schema], ...rt.schemaExtensions.map((e) => [e.schema.toLowerCase(), e.schema] as const)]);
  const out: string[] = [];
  for (const urn of value as string[]) {
    const known = allowed.get(urn.toLowerCase());
    if (!known) {
      const other = registry.schema(urn);
      throw badRequest(
        other
          ? `"schemas" lists ${urn}, which is not a schema of the ${rt.name} resource type (allowed: ${[...allowed.values()].join(', ')}).`
          : `"schemas" lists ${urn}, which this server does not know (allowed for ${rt.name}: ${[...allowed.values()].join(', ')}).`,
        'invalidValue',
      );
    }
    if (!out.includes(known)) out.push(known);
  }
  if (!out.includes(rt.schema)) throw badRequest(`"schemas" must include the ${rt.name} schema "${rt.schema}".`, 'invalidValue');
  return out;
}
