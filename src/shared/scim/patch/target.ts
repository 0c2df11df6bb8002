import { ScimFilterError } from '../errors';
import type { Filter } from '../filter/ast';
import { findInExtensions } from '../filter/extension-lookup';
import { findKey, isObject, type JsonObject, type JsonValue } from '../json';
import { parsePath, type PatchPath } from '../path';
import type { SchemaRegistry } from '../schema/registry';
import type { ScimAttribute, ScimResourceType } from '../schema/types';
import { URN } from '../urns';
import type { PatchContext } from './context';

/** Where an operation (or one key of a no-path value) points. */
export interface Target {
  /** the path or key as written, for messages */
  text: string;
  /** the URN key the values live under (an extension); undefined for the resource's top level */
  extension?: string;
  /** undefined: the whole schema object (`path` was a schema URN) */
  name?: string;
  filter?: Filter;
  subAttr?: string;
  def?: ScimAttribute;
  subDef?: ScimAttribute;
}

/** Parsed paths that needed no lenient repair, per registry (paths repeat: clients send the same few). */
const parsedPaths = new WeakMap<SchemaRegistry, Map<string, PatchPath>>();

function parse(text: string, ctx: PatchContext): PatchPath {
  let cache = parsedPaths.get(ctx.registry);
  if (!cache) parsedPaths.set(ctx.registry, (cache = new Map()));
  const hit = cache.get(text);
  if (hit) return hit;
  let repaired = false;
  let parsed: PatchPath;
  try {
    parsed = parsePath(text, {
      registry: ctx.registry,
      lenient: ctx.lenient,
      onDeviation: (d) => {
        repaired = true;
        ctx.deviate('filter-syntax', `path "${text}": ${d.message}`);
      },
    });
  } catch (error) {
    if (error instanceof ScimFilterError) {
      ctx.fail('invalidPath', `invalid path "${text}": ${error.message} (at offset ${error.position})`);
    }
    throw error;
  }
  if (!repaired) {
    if (cache.size >= 1000) cache.clear();
    cache.set(text, parsed);
  }
  return parsed;
}

interface CachedTarget {
  resourceType: ScimResourceType | undefined;
  objectValue: boolean;
  target: Target;
}

/** Targets resolved without any deviation and without looking at the resource, per registry and path. */
const resolvedPaths = new WeakMap<SchemaRegistry, Map<string, CachedTarget[]>>();

/** Resolves a PATCH `path`. */
export function targetFromPath(text: string, value: unknown, ctx: PatchContext): Target {
  let cache = resolvedPaths.get(ctx.registry);
  if (!cache) resolvedPaths.set(ctx.registry, (cache = new Map()));
  const objectValue = isObject(value);
  const entries = cache.get(text);
  if (entries) {
    for (const e of entries) if (e.resourceType === ctx.resourceType && e.objectValue === objectValue) return e.target;
  }
  const deviations = ctx.deviations.length;
  const parsed = parse(text, ctx);
  const target = resolve(text, parsed.uri, parsed.name, parsed.subAttr, parsed.filter, value, ctx);
  const pure = ctx.deviations.length === deviations && (parsed.uri === undefined || ctx.registry.schema(parsed.uri) !== undefined);
  if (pure) {
    if (cache.size >= 1000) cache.clear();
    const list = cache.get(text) ?? [];
    list.push({ resourceType: ctx.resourceType, objectValue, target });
    cache.set(text, list);
  }
  return target;
}

/**
 * A key of a no-path value that is an attribute path: accepted silently with `pathKeys` in strict mode,
 * recorded in lenient mode, refused otherwise.
 */
function pathKey(ctx: PatchContext, code: 'dotted-key' | 'qualified-key', message: string, strictHint = ''): void {
  if (ctx.pathKeys && !ctx.lenient) return;
  ctx.departure(code, 'invalidPath', message, strictHint);
}

/**
 * Resolves one key of a no-path `add`/`replace` value (RFC 7644 §3.5.2.1: a set of attributes). A schema
 * URN key holds that extension's attributes; dotted (`name.givenName`) and URN-qualified attribute keys
 * are paths, not attribute names: lenient mode reads them as paths and says so, and so does strict mode
 * with `pathKeys` (without saying so).
 */
export function targetFromKey(key: string, value: unknown, ctx: PatchContext, schemaUri?: string): Target {
  if (key.includes('[') || key.includes(']')) ctx.fail('invalidPath', `the key "${key}" of a no-path value holds a filter; use "path" for value filters`);
  let uri = schemaUri;
  let rest = key;
  if (!schemaUri && key.includes(':')) {
    const known = ctx.registry.splitUrn(key);
    if (known && known.rest === '') return resolve(key, known.uri, undefined, undefined, undefined, value, ctx);
    if (known && !known.rest.includes(':')) {
      uri = known.uri;
      rest = known.rest;
    } else {
      const at = key.lastIndexOf(':');
      uri = key.slice(0, at);
      rest = key.slice(at + 1);
      const whole = wholeSchemaGuess(uri, rest, value, ctx);
      if (whole) return resolve(key, whole, undefined, undefined, undefined, value, ctx);
    }
    pathKey(
      ctx,
      'qualified-key',
      `the key "${key}" of a no-path value is a URN-qualified attribute path; RFC 7643 §3.3 puts extension attributes under their schema URN: {"${uri}": {"${rest}": …}}`,
    );
  }
  const dot = rest.indexOf('.');
  if (dot >= 0) {
    pathKey(
      ctx,
      'dotted-key',
      `the key "${key}" of a no-path value is an attribute path; RFC 7644 §3.5.2 expects attribute names: {"${rest.slice(0, dot)}": {"${rest.slice(dot + 1)}": …}} or "path": "${key}"`,
      ' (Entra ID sends dotted keys with its aadOptscim062020 flag; use lenient mode or the pathKeys option to accept them)',
    );
    if (rest.indexOf('.', dot + 1) >= 0) ctx.fail('invalidPath', `"${key}": an attribute path has at most one sub-attribute`);
    return resolve(key, uri, rest.slice(0, dot), rest.slice(dot + 1), undefined, value, ctx);
  }
  if (rest === '') ctx.fail('invalidPath', `empty attribute name in the key "${key}"`);
  return resolve(key, uri, rest, undefined, undefined, value, ctx);
}

function isBase(uri: string, ctx: PatchContext): boolean {
  const rt = ctx.resourceType;
  return rt ? rt.schema.toLowerCase() === uri.toLowerCase() : ctx.registry.isBaseSchema(uri);
}

function resolve(
  text: string,
  uri: string | undefined,
  name: string | undefined,
  subAttr: string | undefined,
  filter: Filter | undefined,
  value: unknown,
  ctx: PatchContext,
): Target {
  const { registry, resourceType: rt } = ctx;
  const checked = rt !== undefined;
  if (uri && name !== undefined && !subAttr && !filter) {
    const whole = wholeSchemaGuess(uri, name, value, ctx);
    if (whole) return resolve(text, whole, undefined, undefined, undefined, value, ctx);
  }
  if (uri && name === undefined) {
    if (isBase(uri, ctx)) return { text };
    const schema = registry.schema(uri);
    if (checked && !(schema && registry.isExtension(uri, rt))) {
      ctx.departure('unknown-attribute', 'invalidPath', `"${uri}" is not a schema extension of ${rt.name} (its resource type lists ${listExtensions(ctx)})`);
    }
    return { text, extension: schema?.id ?? uri };
  }
  const target: Target = { text, name: name! };
  let def: ScimAttribute | undefined;
  if (uri && !isBase(uri, ctx)) {
    const schema = registry.schema(uri);
    target.extension = schema?.id ?? uri;
    def = schema ? registry.schemaAttribute(uri, name!) : undefined;
    if (checked && !(schema && registry.isExtension(uri, rt))) {
      ctx.departure('unknown-attribute', 'invalidPath', `"${uri}" is not a schema extension of ${rt.name} (its resource type lists ${listExtensions(ctx)})`);
    } else if (checked && !def) {
      ctx.departure('unknown-attribute', 'invalidPath', `"${text}": "${name}" is not an attribute of ${uri}`);
    }
  } else if (checked) {
    def = registry.attribute({ name: name! }, rt)?.top;
    if (!def) {
      // RFC 7644 §3.10: extension attributes SHOULD be qualified; an unqualified one is still that extension's
      const ext = findInExtensions(registry, name!, rt);
      if (ext && 'ambiguous' in ext) ctx.fail('invalidPath', `"${text}": "${name}" is defined by ${ext.ambiguous.join(' and ')}; qualify it with the schema URN`);
      if (ext) {
        target.extension = ext.uri;
        def = ext.attribute;
      } else ctx.departure('unknown-attribute', 'invalidPath', `"${text}": "${name}" is not an attribute of ${rt.name} (schema ${rt.schema})`);
    }
  }
  if (def) target.def = def;
  if (subAttr !== undefined) {
    target.subAttr = subAttr;
    if (def) {
      if (def.type !== 'complex') ctx.fail('invalidPath', `"${text}": "${def.name}" is a ${def.type}, it has no sub-attributes`);
      const subDef = registry.subAttribute(def, subAttr);
      if (subDef) target.subDef = subDef;
      else ctx.departure('unknown-attribute', 'invalidPath', `"${text}": "${subAttr}" is not a sub-attribute of "${def.name}"`);
    }
  }
  if (filter) {
    if (def && !def.multiValued) ctx.fail('invalidPath', `"${text}": a value filter "[…]" selects values of a multi-valued attribute; "${def.name}" is single-valued`);
    target.filter = filter;
  }
  return target;
}

function mentions(resource: JsonObject, urn: string): boolean {
  if (findKey(resource, urn) !== undefined) return true;
  const schemas = resource[findKey(resource, 'schemas') ?? 'schemas'];
  return Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase());
}

/**
 * Whether `uri:name` is itself a schema URN (the whole extension object) rather than attribute `name` of
 * schema `uri`: the registry decides when it knows either; else the resource's keys and `schemas`; else an
 * object value suggests a whole extension.
 */
function wholeSchemaGuess(uri: string, name: string, value: unknown, ctx: PatchContext): string | undefined {
  const whole = `${uri}:${name}`;
  if (ctx.registry.schema(whole)) return whole;
  if (ctx.registry.schema(uri)) return undefined;
  if (mentions(ctx.resource, whole)) return whole;
  if (mentions(ctx.resource, uri)) return undefined;
  return isObject(value) && /^urn:/i.test(whole) ? whole : undefined;
}

function listExtensions(ctx: PatchContext): string {
  const list = ctx.resourceType?.schemaExtensions.map((e) => e.schema) ?? [];
  return list.length ? list.join(', ') : 'none';
}

/** The object holding the target's attribute: the resource, or its extension object (created when `create`). */
export function containerOf(target: Target, ctx: PatchContext, create: boolean): JsonObject | undefined {
  const resource = ctx.resource;
  if (!target.extension) return resource;
  const key = findKey(resource, target.extension);
  const existing = key === undefined ? undefined : resource[key];
  if (isObject(existing)) return ctx.writable<JsonObject>(resource, key!);
  if (!create) return undefined;
  const made = ctx.adopt<JsonObject>({});
  resource[key ?? target.extension] = made;
  addSchemaUrn(ctx, target.extension);
  return made;
}

/** Adds `urn` to the resource's `schemas` (RFC 7643 §3: it lists the extensions present). */
export function addSchemaUrn(ctx: PatchContext, urn: string): void {
  const resource = ctx.resource;
  const key = findKey(resource, 'schemas') ?? 'schemas';
  const schemas = resource[key];
  if (!Array.isArray(schemas)) {
    resource[key] = [urn];
    return;
  }
  if (!schemas.some((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase())) ctx.writable<JsonValue[]>(resource, key).push(urn);
}

/** Drops an extension object left empty, and its URN from `schemas`. */
export function dropEmptyExtension(ctx: PatchContext, urn: string): void {
  const resource = ctx.resource;
  const key = findKey(resource, urn);
  if (key === undefined) return;
  const ext = resource[key];
  if (isObject(ext) && Object.keys(ext).length > 0) return;
  delete resource[key];
  const schemasKey = findKey(resource, 'schemas');
  const schemas = schemasKey === undefined ? undefined : resource[schemasKey];
  if (Array.isArray(schemas)) {
    const at = schemas.findIndex((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase());
    if (at >= 0 && urn.toLowerCase() !== URN.user.toLowerCase()) ctx.writable<JsonValue[]>(resource, schemasKey!).splice(at, 1);
  }
}
