import type { Filter } from '../../scim/filter/ast';
import { findInExtensions } from '../../scim/filter/extension-lookup';
import { findKey, getIgnoreCase, isObject, type JsonObject, type JsonValue } from '../../scim/json';
import { parsePath, type PatchPath } from '../../scim/path';
import { SchemaRegistry } from '../../scim/schema/registry';
import type { ScimAttribute, ScimResourceType } from '../../scim/schema/types';

/** A mapping's target path, resolved once: where its value lives in a SCIM resource and what type it is. */
export interface TargetPath {
  text: string;
  /** extension URN holding the attribute; undefined for the resource's top level */
  extension?: string;
  name: string;
  /** `type eq "work"`-style selector of one value of a multi-valued attribute */
  select?: Record<string, string | boolean>;
  subAttr?: string;
  /** the attribute's definition (top-level), when the schema knows it */
  def?: ScimAttribute;
  /** the definition of the value written (the sub-attribute's, for `name.givenName`) */
  valueDef?: ScimAttribute;
}

/** The `eq`-only sub-attribute values a value filter pins down (`type eq "work" and primary eq true`). */
function selectorOf(filter: Filter): Record<string, string | boolean> | undefined {
  if (filter.type === 'compare' && filter.op === 'eq' && !filter.path.subAttr && (typeof filter.value === 'string' || typeof filter.value === 'boolean')) {
    return { [filter.path.name]: filter.value };
  }
  if (filter.type === 'and') {
    const left = selectorOf(filter.left);
    const right = selectorOf(filter.right);
    return left && right ? { ...left, ...right } : undefined;
  }
  return undefined;
}

/**
 * Resolves a mapping target (a PATCH-grammar path, RFC 7644 §3.5.2) against the schemas. Throws the
 * filter parser's `ScimFilterError` (with the position) when it does not parse, and an `Error` when its
 * value filter is not a plain `sub eq "value"` selection, which a mapping cannot write.
 */
export function resolveTarget(text: string, resourceType: ScimResourceType, registry: SchemaRegistry = SchemaRegistry.core()): TargetPath {
  const parsed: PatchPath = parsePath(text, { registry });
  if (parsed.name === undefined) throw new Error(`"${text}" names a whole schema; map to one of its attributes (${parsed.uri}:attribute)`);
  const out: TargetPath = { text, name: parsed.name };
  let def: ScimAttribute | undefined;
  if (parsed.uri && parsed.uri.toLowerCase() !== resourceType.schema.toLowerCase()) {
    const schema = registry.schema(parsed.uri);
    out.extension = schema?.id ?? parsed.uri;
    def = registry.schemaAttribute(out.extension, parsed.name);
  } else {
    def = registry.attribute({ name: parsed.name }, resourceType)?.top;
    if (!def && !parsed.uri) {
      const ext = findInExtensions(registry, parsed.name, resourceType);
      if (ext && !('ambiguous' in ext)) {
        out.extension = ext.uri;
        def = ext.attribute;
      }
    }
  }
  if (def) {
    out.def = def;
    out.name = def.name;
  }
  if (parsed.filter) {
    const select = selectorOf(parsed.filter);
    if (!select) throw new Error(`"${text}": a mapping can only select a value with sub-attribute eq "value" (and …), as in emails[type eq "work"].value`);
    out.select = select;
  }
  if (parsed.subAttr !== undefined) {
    const sub = def ? registry.subAttribute(def, parsed.subAttr) : undefined;
    out.subAttr = sub?.name ?? parsed.subAttr;
    if (sub) out.valueDef = sub;
  } else if (def) out.valueDef = def.type === 'complex' ? registry.subAttribute(def, 'value') : def;
  return out;
}

function selected(item: unknown, select: Record<string, string | boolean>): boolean {
  if (!isObject(item)) return false;
  for (const key in select) {
    const want = select[key];
    const got = getIgnoreCase(item, key);
    if (typeof want === 'string' && typeof got === 'string' ? got !== want && got.toLowerCase() !== want.toLowerCase() : got !== want) return false;
  }
  return true;
}

function containerOf(resource: JsonObject, target: TargetPath, create: boolean): JsonObject | undefined {
  if (!target.extension) return resource;
  const key = findKey(resource, target.extension);
  const existing = key === undefined ? undefined : resource[key];
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const made: JsonObject = {};
  resource[target.extension] = made;
  return made;
}

/** The value at a target path in a resource (undefined when it has none). */
export function readTarget(resource: unknown, target: TargetPath): JsonValue | undefined {
  if (!isObject(resource)) return undefined;
  const container = containerOf(resource, target, false);
  if (!container) return undefined;
  let value = getIgnoreCase(container, target.name) as JsonValue | undefined;
  if (target.select) {
    const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    value = list.find((item) => selected(item, target.select!));
  }
  if (target.subAttr === undefined) return value ?? undefined;
  if (Array.isArray(value)) value = value[0];
  return isObject(value) ? ((getIgnoreCase(value, target.subAttr) as JsonValue | undefined) ?? undefined) : undefined;
}

/**
 * Writes `value` at a target path of a resource being built, creating the extension object, the complex
 * value or the selected value of a multi-valued attribute (`{type: "work", value: …}`; the first value of
 * a type "work" is marked primary, as Entra's create request does for the work email).
 */
export function writeTarget(resource: JsonObject, target: TargetPath, value: JsonValue): void {
  const container = containerOf(resource, target, true)!;
  const key = findKey(container, target.name) ?? target.name;
  if (target.select) {
    const current = container[key];
    const list: JsonValue[] = Array.isArray(current) ? current : current === undefined || current === null ? [] : [current];
    let item = list.find((v) => selected(v, target.select!)) as JsonObject | undefined;
    if (!item) {
      item = {};
      const isWork = Object.entries(target.select).some(([k, v]) => k.toLowerCase() === 'type' && v === 'work');
      if (isWork && !list.some((v) => isObject(v) && getIgnoreCase(v, 'primary') === true)) item.primary = true;
      Object.assign(item, target.select);
      list.push(item);
    }
    container[key] = list;
    if (target.subAttr === undefined) Object.assign(item, isObject(value) ? value : { value });
    else item[target.subAttr] = value;
    return;
  }
  if (target.subAttr !== undefined) {
    const current = container[key];
    const object: JsonObject = isObject(current) ? current : {};
    object[target.subAttr] = value;
    container[key] = target.def?.multiValued ? [object] : object;
    return;
  }
  container[key] = target.def?.multiValued && !Array.isArray(value) ? [value] : value;
}
