import { parseDateTime } from '../datetime';
import { describeValue, isObject } from '../json';
import { SchemaRegistry } from '../schema/registry';
import type { ScimResourceType } from '../schema/types';
import { FindingList, type Finding, type Segments } from './findings';
import { checkAttribute, type ValueCheckOptions } from './values';

/** Options for `validateResource`. */
export interface ValidateResourceOptions {
  /** default: RFC 7643 core */
  registry?: SchemaRegistry;
  /** default: found from the resource's `schemas` */
  resourceType?: string | ScimResourceType;
  /** a body a client sends (POST/PUT) or one a server returns (default) */
  direction?: 'request' | 'response';
  /** for requests: `create` (POST, default) or `replace` (PUT) */
  operation?: 'create' | 'replace';
  /**
   * Resources already checked without a finding, with these options and registry (keyed by their
   * JSON text): one met again is not checked again. For many answers holding the same resources.
   */
  clean?: Set<string>;
}

function hasScheme(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(text);
}

function checkMeta(meta: unknown, at: Segments, out: FindingList, rt: ScimResourceType | undefined, id: unknown): void {
  if (!isObject(meta)) {
    out.error(at, 'metaNotObject', `"meta" must be an object, got ${describeValue(meta)}`, 'RFC 7643 §3.1');
    return;
  }
  const get = (name: string) => {
    const key = Object.keys(meta).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : meta[key];
  };
  const resourceType = get('resourceType');
  if (resourceType === undefined) out.warning([...at, 'resourceType'], 'metaResourceTypeMissing', '"meta.resourceType" is missing', 'RFC 7643 §3.1');
  else if (typeof resourceType !== 'string') out.error([...at, 'resourceType'], 'wrongType', '"meta.resourceType" must be a string', 'RFC 7643 §3.1');
  else if (rt && resourceType !== rt.name) {
    out.warning([...at, 'resourceType'], 'metaResourceTypeMismatch', `"meta.resourceType" is "${resourceType}", but the resource is a ${rt.name}`, 'RFC 7643 §3.1');
  }
  const times: Record<string, number | undefined> = {};
  for (const name of ['created', 'lastModified']) {
    const value = get(name);
    if (value === undefined) continue;
    times[name] = typeof value === 'string' ? parseDateTime(value) : undefined;
    if (times[name] === undefined) out.error([...at, name], 'invalidDateTime', `"meta.${name}" must be an xsd:dateTime such as "2011-05-13T04:42:34Z", got ${describeValue(value)}`, 'RFC 7643 §3.1');
  }
  if (times.created !== undefined && times.lastModified !== undefined && times.lastModified < times.created) {
    out.warning([...at, 'lastModified'], 'modifiedBeforeCreated', '"meta.lastModified" is earlier than "meta.created"', 'RFC 7643 §3.1');
  }
  const location = get('location');
  if (location !== undefined) {
    if (typeof location !== 'string') out.error([...at, 'location'], 'wrongType', '"meta.location" must be a URI string', 'RFC 7643 §3.1');
    else if (!hasScheme(location)) out.warning([...at, 'location'], 'locationNotAbsolute', `"meta.location" should be the resource's absolute URI (the Content-Location), got "${location}"`, 'RFC 7643 §3.1');
    else if (typeof id === 'string' && id && !location.replace(/\/+$/, '').endsWith(`/${encodeURIComponent(id)}`) && !location.replace(/\/+$/, '').endsWith(`/${id}`)) {
      out.warning([...at, 'location'], 'locationIdMismatch', `"meta.location" does not end with the resource's id "${id}"`, 'RFC 7643 §3.1');
    }
  }
  const version = get('version');
  if (version !== undefined) {
    if (typeof version !== 'string') out.error([...at, 'version'], 'wrongType', '"meta.version" must be a string (an entity tag)', 'RFC 7643 §3.1');
    else if (!/^(W\/)?"[^"]*"$/.test(version)) {
      out.warning([...at, 'version'], 'versionNotEtag', `"meta.version" should be an entity tag such as W/"3694e05e9dff590", got ${describeValue(version)}`, 'RFC 7644 §3.14');
    }
  }
}

/** Validates a resource body into `out` with paths under `at`; used for a single resource and for each of a ListResponse's. */
export function checkResource(resource: unknown, at: Segments, out: FindingList, options: ValidateResourceOptions = {}): void {
  const { clean } = options;
  if (!clean || !isObject(resource)) return checkResourceOnce(resource, at, out, options);
  const type = typeof options.resourceType === 'string' ? options.resourceType : (options.resourceType?.id ?? '');
  const key = `${options.direction ?? 'response'}\u0000${options.operation ?? ''}\u0000${type}\u0000${JSON.stringify(resource)}`;
  if (clean.has(key)) return;
  const before = out.items.length;
  checkResourceOnce(resource, at, out, options);
  if (out.items.length === before) clean.add(key);
}

function checkResourceOnce(resource: unknown, at: Segments, out: FindingList, options: ValidateResourceOptions): void {
  const registry = options.registry ?? SchemaRegistry.core();
  const direction = options.direction ?? 'response';
  if (!isObject(resource)) {
    out.error(at, 'notObject', `a resource must be a JSON object, got ${describeValue(resource)}`, 'RFC 7643 §3');
    return;
  }
  const keys = Object.keys(resource);
  const keyOf = (name: string) => keys.find((k) => k.toLowerCase() === name.toLowerCase());
  const schemasKey = keyOf('schemas');
  const schemas = schemasKey === undefined ? undefined : resource[schemasKey];
  const listed: string[] = [];
  if (schemas === undefined) out.error([...at, 'schemas'], 'missingSchemas', 'the "schemas" attribute is missing; it lists the URNs of the schemas the resource uses', 'RFC 7643 §3');
  else if (!Array.isArray(schemas) || schemas.length === 0 || schemas.some((s) => typeof s !== 'string')) {
    out.error([...at, 'schemas'], 'invalidSchemas', `"schemas" must be a non-empty array of schema URNs, got ${describeValue(schemas)}`, 'RFC 7643 §3');
  } else listed.push(...(schemas as string[]));

  const rt = typeof options.resourceType === 'string' ? registry.resourceType(options.resourceType) : (options.resourceType ?? registry.resourceTypeOf(resource));
  if (!rt) {
    out.error([...at, 'schemas'], 'unknownResourceType', `none of ${listed.length ? listed.join(', ') : 'the listed schemas'} is the base schema of a known resource type (${registry.resourceTypes.map((r) => r.name).join(', ')})`, 'RFC 7643 §3');
    return;
  }
  const isListed = (urn: string) => listed.some((s) => s.toLowerCase() === urn.toLowerCase());
  if (listed.length && !isListed(rt.schema)) out.error([...at, 'schemas'], 'missingBaseSchema', `"schemas" must include the base schema "${rt.schema}"`, 'RFC 7643 §3');
  listed.forEach((urn, i) => {
    if (urn.toLowerCase() === rt.schema.toLowerCase()) return;
    if (!rt.schemaExtensions.some((e) => e.schema.toLowerCase() === urn.toLowerCase())) {
      out.warning([...at, 'schemas', i], 'unknownSchema', `"${urn}" is not a schema extension of ${rt.name}`, 'RFC 7643 §3');
    } else if (keyOf(urn) === undefined) {
      out.info([...at, 'schemas', i], 'emptyExtension', `"schemas" lists "${urn}" but the resource has no "${urn}" object`, 'RFC 7643 §3');
    }
  });
  for (const ext of rt.schemaExtensions) {
    if (ext.required && keyOf(ext.schema) === undefined) out.error([...at, ext.schema], 'missingRequiredExtension', `${rt.name} requires the extension "${ext.schema}"`, 'RFC 7643 §6');
  }

  const idKey = keyOf('id');
  const id = idKey === undefined ? undefined : resource[idKey];
  if (direction === 'response') {
    if (id === undefined || id === null) out.error([...at, 'id'], 'missingId', 'a resource returned by a service provider must have an "id"', 'RFC 7643 §3.1');
  } else if (id !== undefined && (options.operation ?? 'create') === 'create') {
    out.warning([...at, idKey!], 'clientSetId', '"id" is assigned by the service provider; a client-set "id" is ignored on create', 'RFC 7643 §3.1');
  }
  if (id !== undefined && id !== null) {
    if (typeof id !== 'string' || id === '') out.error([...at, idKey!], 'wrongType', `"id" must be a non-empty string, got ${describeValue(id)}`, 'RFC 7643 §3.1');
    else if (id === 'bulkId') out.error([...at, idKey!], 'reservedId', '"bulkId" is a reserved keyword and must not be an id', 'RFC 7643 §3.1');
  }
  const metaKey = keyOf('meta');
  if (metaKey !== undefined && direction === 'response') checkMeta(resource[metaKey], [...at, metaKey], out, rt, id);
  else if (metaKey !== undefined) out.warning([...at, metaKey], 'readOnlyInRequest', '"meta" is set by the service provider and ignored in a request', 'RFC 7643 §3.1');

  const valueOptions: ValueCheckOptions = { registry, direction };
  checkAttributes(resource, rt.schema, at, out, valueOptions, keys.filter((k) => k !== schemasKey && k !== idKey && k !== metaKey), rt, true);
  for (const ext of rt.schemaExtensions) {
    const key = keyOf(ext.schema);
    if (key === undefined) continue;
    const value = resource[key];
    if (!isListed(ext.schema) && listed.length) out.error([...at, 'schemas'], 'extensionNotListed', `the resource has a "${ext.schema}" object, so "schemas" must list that URN`, 'RFC 7643 §3');
    if (!isObject(value)) out.error([...at, key], 'wrongType', `"${key}" must be an object of the extension's attributes, got ${describeValue(value)}`, 'RFC 7643 §3.3');
    else checkAttributes(value, ext.schema, [...at, key], out, valueOptions, Object.keys(value), rt, false);
  }
}

function checkAttributes(
  obj: Record<string, unknown>,
  schemaUrn: string,
  at: Segments,
  out: FindingList,
  options: ValueCheckOptions,
  keys: string[],
  rt: ScimResourceType,
  base: boolean,
): void {
  const { registry } = options;
  const schema = registry.schema(schemaUrn);
  const seen = new Map<string, string>();
  const extensionUrns = new Set(rt.schemaExtensions.map((e) => e.schema.toLowerCase()));
  for (const key of keys) {
    const lower = key.toLowerCase();
    if (base && extensionUrns.has(lower)) continue;
    if (seen.has(lower)) out.error([...at, key], 'duplicateAttribute', `"${key}" and "${seen.get(lower)}" are the same attribute (names are case-insensitive)`, 'RFC 7643 §2.1');
    seen.set(lower, key);
    const def = registry.schemaAttribute(schemaUrn, key) ?? (base ? registry.attribute({ name: key }, rt)?.top : undefined);
    if (!def) {
      const hint = base && key.includes(':') ? '; extension attributes belong under their schema URN' : '';
      out.warning([...at, key], 'unknownAttribute', `"${key}" is not an attribute of ${schema?.name ?? schemaUrn}${hint}`, 'RFC 7643 §3');
      continue;
    }
    checkAttribute(def, key, obj[key], [...at, key], out, options);
  }
  for (const def of schema?.attributes ?? []) {
    if (!def.required || (options.direction === 'request' && def.mutability === 'readOnly')) continue;
    const key = seen.get(def.name.toLowerCase());
    const value = key === undefined ? undefined : obj[key];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      out.error([...at, def.name], 'missingRequired', `"${def.name}" is required in ${rt.name}`, 'RFC 7643 §2.2');
    }
  }
}

/**
 * Checks a User, Group or other resource body: `schemas`, `id` (required in responses, ignored in create
 * requests), `meta`, unknown attributes, types, multi-valued shape and `primary`, `returned: never`
 * attributes in responses, readOnly attributes in requests, required attributes.
 */
export function validateResource(resource: unknown, options: ValidateResourceOptions = {}): Finding[] {
  const out = new FindingList();
  checkResource(resource, [], out, options);
  return out.items;
}
