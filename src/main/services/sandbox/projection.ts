import type { SchemaRegistry, ScimAttribute, ScimResourceType, ScimSchema } from '@shared/scim';
import type { ScimObject } from './store';

/** A selection tree: `true` takes a whole value, a map takes some of its members. */
type Node = true | Map<string, Node>;

export interface Projector {
  (resource: ScimObject): ScimObject;
}

export interface ProjectionRequest {
  attributes?: readonly string[] | undefined;
  excludedAttributes?: readonly string[] | undefined;
}

/**
 * RFC 7644 §3.9 with RFC 7643 §2.4's `returned`: `attributes` replaces the default set, `excludedAttributes`
 * removes from it; "always" attributes (id, schemas…) survive both, "request" ones come only when named,
 * "never" ones are not stored in the resource at all. Undefined when the stored resource is the answer.
 */
export function compileProjection(request: ProjectionRequest, rt: ScimResourceType, registry: SchemaRegistry): Projector | undefined {
  if (!request.attributes?.length && !request.excludedAttributes?.length) return defaultProjection(rt, registry);
  return compile(request, rt, registry);
}

const defaults = new WeakMap<SchemaRegistry, WeakMap<ScimResourceType, Projector | null>>();

/** The default representation (no parameters) is the same for every request: compiled once per resource type. */
function defaultProjection(rt: ScimResourceType, registry: SchemaRegistry): Projector | undefined {
  let byType = defaults.get(registry);
  if (!byType) defaults.set(registry, (byType = new WeakMap()));
  let projector = byType.get(rt);
  if (projector === undefined) byType.set(rt, (projector = compile({}, rt, registry) ?? null));
  return projector ?? undefined;
}

function compile(request: ProjectionRequest, rt: ScimResourceType, registry: SchemaRegistry): Projector | undefined {
  const schemas = schemasOf(rt, registry);
  const requestOnly = new Map<string, Node>();
  for (const { schema, holder } of schemas) for (const def of schema.attributes) if (def.returned === 'request') add(requestOnly, [...holder, def.name], true);
  const attributes = request.attributes?.filter((a) => a.trim() !== '') ?? [];
  const excluded = request.excludedAttributes?.filter((a) => a.trim() !== '') ?? [];

  if (attributes.length > 0) {
    const include = new Map<string, Node>([['schemas', true]]);
    for (const path of attributes) {
      const segments = resolve(path, rt, registry);
      if (segments) add(include, segments, true);
    }
    addAlways(include, schemas, registry);
    for (const path of excluded) {
      const segments = resolve(path, rt, registry);
      if (segments && !isAlways(path, rt, registry)) remove(include, segments);
    }
    return (resource) => trimSchemas(pick(resource, include) as ScimObject, rt);
  }
  const exclude = new Map<string, Node>(requestOnly);
  for (const path of excluded) {
    const segments = resolve(path, rt, registry);
    if (segments && !isAlways(path, rt, registry)) add(exclude, segments, true);
  }
  if (exclude.size === 0) return undefined;
  return (resource) => trimSchemas(drop(resource, exclude) as ScimObject, rt);
}

function schemasOf(rt: ScimResourceType, registry: SchemaRegistry): { schema: ScimSchema; holder: string[] }[] {
  const out: { schema: ScimSchema; holder: string[] }[] = [];
  const base = registry.schema(rt.schema);
  if (base) out.push({ schema: base, holder: [] });
  for (const ext of rt.schemaExtensions) {
    const schema = registry.schema(ext.schema);
    if (schema) out.push({ schema, holder: [schema.id] });
  }
  return out;
}

/** The stored-key path of an attribute path: [urn?, attribute, subAttribute?]. */
function resolve(path: string, rt: ScimResourceType, registry: SchemaRegistry): string[] | undefined {
  const text = path.trim();
  const whole = rt.schemaExtensions.find((e) => e.schema.toLowerCase() === text.toLowerCase());
  if (whole) return [registry.schema(whole.schema)?.id ?? whole.schema];
  const found = registry.attribute(text, rt);
  if (!found) return undefined;
  const segments = found.extension && found.schema ? [found.schema.id, found.top.name] : [found.top.name];
  if (found.attribute !== found.top) segments.push(found.attribute.name);
  return segments;
}

function isAlways(path: string, rt: ScimResourceType, registry: SchemaRegistry): boolean {
  const text = path.trim().toLowerCase();
  if (text === 'schemas') return true;
  return registry.attribute(path.trim(), rt)?.attribute.returned === 'always';
}

function addAlways(include: Map<string, Node>, schemas: { schema: ScimSchema; holder: string[] }[], registry: SchemaRegistry): void {
  include.set('id', true);
  for (const { schema, holder } of schemas) {
    for (const def of schema.attributes) {
      if (def.returned === 'always') add(include, [...holder, def.name], true);
      else if (def.subAttributes) addAlwaysSubs(include, [...holder, def.name], def, registry);
    }
  }
}

function addAlwaysSubs(include: Map<string, Node>, path: string[], def: ScimAttribute, registry: SchemaRegistry): void {
  // an always sub-attribute rides along whenever its parent is returned at all
  const parent = lookup(include, path);
  if (parent === undefined || parent === true) return;
  for (const sub of def.subAttributes ?? []) if (sub.returned === 'always' && registry.subAttribute(def, sub.name)) parent.set(sub.name, true);
}

function lookup(tree: Map<string, Node>, path: string[]): Node | undefined {
  let node: Node | undefined = tree;
  for (const segment of path) {
    if (node === undefined || node === true) return node;
    node = node.get(segment);
  }
  return node;
}

function add(tree: Map<string, Node>, path: string[], leaf: Node): void {
  let node = tree;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const existing = node.get(segment);
    if (existing === true) return;
    if (i === path.length - 1) {
      node.set(segment, leaf);
      return;
    }
    let next = existing;
    if (next === undefined) node.set(segment, (next = new Map()));
    node = next;
  }
}

function remove(tree: Map<string, Node>, path: string[]): void {
  const parent = lookup(tree, path.slice(0, -1));
  if (parent instanceof Map) parent.delete(path[path.length - 1]!);
}

function pick(value: unknown, node: Node): unknown {
  if (node === true) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => pick(item, node)).filter((item) => !(typeof item === 'object' && item !== null && Object.keys(item).length === 0));
    return items.length ? items : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const source = value as ScimObject;
  const out: ScimObject = {};
  for (const key of Object.keys(source)) {
    const child = node.get(key);
    if (child === undefined) continue;
    const picked = pick(source[key], child);
    if (picked !== undefined) out[key] = picked;
  }
  return out;
}

function drop(value: unknown, node: Node): unknown {
  if (node === true) return undefined;
  if (Array.isArray(value)) return value.map((item) => drop(item, node));
  if (typeof value !== 'object' || value === null) return value;
  const source = value as ScimObject;
  const out: ScimObject = {};
  for (const key of Object.keys(source)) {
    const child = node.get(key);
    if (child === undefined) out[key] = source[key];
    else {
      const kept = drop(source[key], child);
      if (kept !== undefined) out[key] = kept;
    }
  }
  return out;
}

/** `schemas` lists only the extensions whose attributes are in the representation. */
function trimSchemas(resource: ScimObject, rt: ScimResourceType): ScimObject {
  const schemas = resource.schemas;
  if (!Array.isArray(schemas)) return resource;
  const kept = schemas.filter((urn) => urn === rt.schema || resource[urn as string] !== undefined);
  return kept.length === schemas.length ? resource : { ...resource, schemas: kept };
}
