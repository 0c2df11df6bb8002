import type { JsonObject, JsonValue, ScimAttribute, ScimResourceType, SchemaRegistry } from '@shared/scim';
import type { RequestDraftInput } from '@shared/model/workspace';
import { RESOURCE_ACTIONS, type ResourceAction, type ResourceTarget } from '../../inspector/actions/resource-actions';
import { newDraft } from './presets';
import { pretty } from './templates';

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function findAttribute(attributes: readonly ScimAttribute[], name: string): ScimAttribute | undefined {
  const lower = name.toLowerCase();
  return attributes.find((a) => a.name.toLowerCase() === lower);
}

/** A complex value without its read-only sub-attributes. */
function writableValue(value: JsonValue, def: ScimAttribute): JsonValue | undefined {
  if (def.mutability === 'readOnly') return undefined;
  if (def.type !== 'complex' || !def.subAttributes) return value;
  const strip = (item: JsonValue): JsonValue => {
    if (!isObject(item)) return item;
    const out: JsonObject = {};
    for (const [key, sub] of Object.entries(item)) {
      const subDef = findAttribute(def.subAttributes!, key);
      if (subDef?.mutability === 'readOnly') continue;
      out[key] = sub;
    }
    return out;
  };
  return Array.isArray(value) ? value.map(strip) : strip(value);
}

/**
 * A resource as a PUT body: every read-only attribute (id, meta, groups of a User, …) and read-only
 * sub-attribute left out, per the server's schemas (RFC 7643 §2.2, RFC 7644 §3.5.1). Extension
 * attributes are judged by their extension's schema; attributes no schema knows are kept.
 */
export function writableCopy(resource: JsonObject, registry: SchemaRegistry, rt: ScimResourceType | undefined): JsonObject {
  const base = rt ? (registry.schema(rt.schema)?.attributes ?? []) : [];
  const common = ['id', 'externalId', 'meta'].map((n) => registry.attribute(n)?.attribute).filter((a): a is ScimAttribute => a !== undefined);
  const extensions = new Map((rt?.schemaExtensions ?? []).map((e) => [e.schema.toLowerCase(), registry.schema(e.schema)?.attributes ?? []]));
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    const lower = key.toLowerCase();
    if (lower === 'schemas') {
      out[key] = value;
      continue;
    }
    const extension = extensions.get(lower);
    if (extension && isObject(value)) {
      const inner: JsonObject = {};
      for (const [name, v] of Object.entries(value)) {
        const def = findAttribute(extension, name);
        const kept = def ? writableValue(v, def) : v;
        if (kept !== undefined) inner[name] = kept;
      }
      out[key] = inner;
      continue;
    }
    // without a schema for it, the RFC's common attributes still say id and meta are read-only
    const def = findAttribute(base, key) ?? findAttribute(common, key);
    const kept = def ? writableValue(value, def) : value;
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/** The draft a one-click action on a resource opens: Get, Patch, Replace (with the resource, read-only attributes left out) or Delete. */
export function actionDraft(action: ResourceAction, target: ResourceTarget, registry: SchemaRegistry): RequestDraftInput {
  const rt = registry.resourceType(target.resourceTypeEndpoint);
  const name = `${RESOURCE_ACTIONS.find((a) => a.action === action)!.label} ${target.label ?? target.id}`;
  const body = action === 'replace' && target.resource ? writableCopy(target.resource, registry, rt) : undefined;
  if (rt) {
    const operation = action === 'get' ? 'get' : action === 'patch' ? 'patch' : action === 'replace' ? 'replace' : 'delete';
    const draft = newDraft(operation, rt.name, { registry, ...(body ? { lastResource: body } : {}) }, target.id);
    return { ...draft, name };
  }
  // a resource type this server does not list: sent as written, to where the resource says it lives
  const path = target.location ?? `${target.resourceTypeEndpoint.replace(/\/+$/, '')}/${encodeURIComponent(target.id)}`;
  const method = action === 'get' ? 'GET' : action === 'patch' ? 'PATCH' : action === 'replace' ? 'PUT' : 'DELETE';
  return {
    name,
    operation: 'raw',
    method,
    path,
    ...(action === 'patch' ? { body: pretty({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [] }) } : {}),
    ...(body ? { body: pretty(body) } : {}),
  };
}
