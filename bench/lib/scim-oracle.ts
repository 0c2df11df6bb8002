import { SchemaRegistry, type AttributePath, type Filter, type ScimAttribute } from '../../src/shared/scim';

/**
 * A deliberately plain, slow reading of RFC 7644 §3.4.2.2 over the filter AST: no compilation, no
 * caching, arrays built at every step, dates through Date.parse. It is the ground truth the benchmark
 * scores every matcher against, and a second implementation the unit tests compare ours with.
 *
 * Semantics: attribute names ignore case; strings compare by the attribute's caseExact (RFC core
 * defaults); a multi-valued attribute matches when any value does, and without a sub-attribute its
 * complex values are compared through "value"; pr needs a non-empty value; eq null means "no value";
 * ne holds when some value differs or there is none; dateTime attributes compare as instants.
 */
export function oracleMatches(resource: unknown, filter: Filter, registry: SchemaRegistry = SchemaRegistry.core()): boolean {
  return test(resource, filter, registry, undefined);
}

function own(obj: unknown, name: string): unknown {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return undefined;
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : (obj as Record<string, unknown>)[key];
}

function flat(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.filter((v) => v !== undefined && v !== null) : [value];
}

function nonEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(nonEmpty);
  if (typeof value === 'object') return Object.values(value).some(nonEmpty);
  return true;
}

function container(resource: unknown, uri: string | undefined, registry: SchemaRegistry): unknown {
  if (!uri || registry.isBaseSchema(uri)) return resource;
  const ext = own(resource, uri);
  if (ext !== undefined || registry.schema(uri)) return ext;
  const schemas = own(resource, 'schemas');
  return Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && s.toLowerCase() === uri.toLowerCase()) ? resource : undefined;
}

function definition(path: AttributePath, registry: SchemaRegistry, parent: ScimAttribute | undefined): ScimAttribute | undefined {
  if (parent) {
    const top = registry.subAttribute(parent, path.name);
    return path.subAttr && top ? registry.subAttribute(top, path.subAttr) : top;
  }
  const resolved = registry.attribute(path);
  if (!resolved) return undefined;
  if (path.subAttr || resolved.attribute.type !== 'complex') return resolved.attribute;
  return registry.subAttribute(resolved.attribute, 'value');
}

/** Values a path reaches; `comparing` reads complex values of a multi-valued attribute through "value". */
function reach(node: unknown, path: AttributePath, registry: SchemaRegistry, inValue: boolean, comparing: boolean): unknown[] {
  const top = own(inValue ? node : container(node, path.uri, registry), path.name);
  if (path.subAttr) return flat(top).flatMap((item) => flat(own(item, path.subAttr!)));
  if (!comparing) return flat(top);
  if (!Array.isArray(top)) return flat(top);
  return flat(top.map((item) => (typeof item === 'object' && item !== null && !Array.isArray(item) ? own(item, 'value') : item)));
}

function test(node: unknown, filter: Filter, registry: SchemaRegistry, parent: ScimAttribute | null | undefined): boolean {
  const inValue = parent !== undefined;
  switch (filter.type) {
    case 'and':
      return test(node, filter.left, registry, parent) && test(node, filter.right, registry, parent);
    case 'or':
      return test(node, filter.left, registry, parent) || test(node, filter.right, registry, parent);
    case 'not':
      return !test(node, filter.filter, registry, parent);
    case 'present':
      return reach(node, filter.path, registry, inValue, false).some(nonEmpty);
    case 'valuePath': {
      const def = registry.attribute(filter.path)?.attribute ?? null;
      const items = flat(own(container(node, filter.path.uri, registry), filter.path.name));
      return items.some((item) => typeof item === 'object' && !Array.isArray(item) && test(item, filter.filter, registry, def));
    }
    case 'compare': {
      if (filter.value === null) {
        const present = reach(node, filter.path, registry, inValue, false).some(nonEmpty);
        return filter.op === 'eq' ? !present : filter.op === 'ne' ? present : false;
      }
      const def = definition(filter.path, registry, parent ?? undefined);
      const values = reach(node, filter.path, registry, inValue, true);
      if (filter.op === 'ne') return values.length === 0 || values.some((v) => !compare(v, 'eq', filter.value, def));
      return values.some((v) => compare(v, filter.op, filter.value, def));
    }
  }
}

function compare(actual: unknown, op: string, expected: unknown, def: ScimAttribute | undefined): boolean {
  if (typeof expected === 'boolean') return op === 'eq' ? actual === expected : false;
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return false;
    return order(op, actual - expected, true);
  }
  if (typeof expected !== 'string' || typeof actual !== 'string') return false;
  const dates = def?.type === 'dateTime' || (def === undefined && ['gt', 'ge', 'lt', 'le'].includes(op));
  const a = Date.parse(actual);
  const e = Date.parse(expected);
  const isoish = (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(s);
  if (dates && isoish(expected) && isoish(actual) && !Number.isNaN(a) && !Number.isNaN(e) && ['eq', 'gt', 'ge', 'lt', 'le'].includes(op)) return order(op, a - e, true);
  const exact = def ? def.caseExact || def.type === 'binary' : false;
  const x = exact ? actual : actual.toLowerCase();
  const y = exact ? expected : expected.toLowerCase();
  switch (op) {
    case 'co':
      return x.includes(y);
    case 'sw':
      return x.startsWith(y);
    case 'ew':
      return x.endsWith(y);
    default:
      return order(op, x < y ? -1 : x > y ? 1 : 0, true);
  }
}

function order(op: string, difference: number, _: boolean): boolean {
  switch (op) {
    case 'eq':
      return difference === 0;
    case 'gt':
      return difference > 0;
    case 'ge':
      return difference >= 0;
    case 'lt':
      return difference < 0;
    case 'le':
      return difference <= 0;
    default:
      return false;
  }
}
