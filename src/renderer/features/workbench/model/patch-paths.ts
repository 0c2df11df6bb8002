import { parsePath, ScimFilterError, type PatchPath, type ScimAttribute, type ScimResourceType, type SchemaRegistry } from '@shared/scim';
import { attributeOptions, type AttributeOption } from '../../filter-builder/attributes';

/**
 * PATCH paths to offer (RFC 7644 §3.5.2): writable attributes and sub-attributes, value paths on
 * multi-valued attributes by their canonical types (`emails[type eq "work"].value`) or by value
 * (`members[value eq ""]`), and extension attributes under their URN.
 */
export function patchPathOptions(registry: SchemaRegistry, rt: ScimResourceType | undefined): AttributeOption[] {
  const out: AttributeOption[] = [];
  for (const option of attributeOptions(registry, rt)) {
    const a = option.attribute;
    if (a.mutability === 'readOnly' || (option.parent && option.parent.mutability === 'readOnly')) continue;
    if (option.parent?.multiValued) continue;
    out.push(option);
    if (!option.parent && a.type === 'complex' && a.multiValued) {
      const types = a.subAttributes?.find((s) => s.name === 'type')?.canonicalValues ?? [];
      const value = a.subAttributes?.find((s) => s.name === 'value');
      for (const type of types) {
        out.push({ ...option, path: `${option.path}[type eq "${type}"]` });
        for (const sub of a.subAttributes ?? []) {
          if (sub.name === 'type' || sub.mutability === 'readOnly') continue;
          out.push({ path: `${option.path}[type eq "${type}"].${sub.name}`, attribute: sub, parent: a, ...(option.extension ? { extension: option.extension } : {}) });
        }
      }
      if (value) out.push({ ...option, path: `${option.path}[value eq ""]` });
      for (const sub of a.subAttributes ?? []) {
        if (sub.mutability === 'readOnly') continue;
        out.push({ path: `${option.path}.${sub.name}`, attribute: sub, parent: a, ...(option.extension ? { extension: option.extension } : {}) });
      }
    }
  }
  return out;
}

export type CheckedPath = { ok: true; path: PatchPath | undefined } | { ok: false; error: ScimFilterError };

export function checkPatchPath(text: string, registry: SchemaRegistry): CheckedPath {
  if (text.trim() === '') return { ok: true, path: undefined };
  try {
    return { ok: true, path: parsePath(text, { registry }) };
  } catch (error) {
    if (error instanceof ScimFilterError) return { ok: false, error };
    throw error;
  }
}

type Schema = Record<string, unknown>;

function property(schema: Schema | undefined, name: string): Schema | undefined {
  const properties = schema?.properties as Record<string, Schema> | undefined;
  if (!properties) return undefined;
  const key = Object.keys(properties).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? properties[key] : undefined;
}

/** What the attribute at a PATCH path is, and whether the value is one item of a multi-valued one. */
export function patchTarget(path: PatchPath | undefined, registry: SchemaRegistry, rt: ScimResourceType | undefined): ScimAttribute | undefined {
  if (!path?.name) return undefined;
  const top = registry.attribute({ ...(path.uri ? { uri: path.uri } : {}), name: path.name }, rt)?.attribute;
  if (!top || !path.subAttr) return top;
  return registry.subAttribute(top, path.subAttr);
}

/**
 * The JSON Schema of the `value` for a PATCH path, cut from the resource's (replace) schema: the
 * attribute's own, one item of a multi-valued attribute after a value filter, the sub-attribute
 * after `.sub`, or the whole resource (as a partial object) when there is no path.
 */
export function valueSchemaFor(resourceSchema: Schema | undefined, path: PatchPath | undefined, registry: SchemaRegistry, rt: ScimResourceType | undefined): Schema | undefined {
  if (!resourceSchema) return undefined;
  if (!path) {
    const { required: _required, ...partial } = resourceSchema;
    return partial;
  }
  if (!path.name) return path.uri ? property(resourceSchema, path.uri) : undefined;
  const extension = path.uri && rt ? registry.isExtension(path.uri, rt) : false;
  const container = extension && path.uri ? property(resourceSchema, path.uri) : resourceSchema;
  let schema = property(container, path.name);
  if (!schema) return undefined;
  if (path.filter) schema = (schema.items as Schema | undefined) ?? schema;
  if (path.subAttr) {
    const holder = (schema.items as Schema | undefined) ?? schema;
    schema = property(holder, path.subAttr);
  }
  return schema;
}
