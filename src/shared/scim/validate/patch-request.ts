import { ScimFilterError } from '../errors';
import { describeValue, isObject } from '../json';
import { parsePath } from '../path';
import { SchemaRegistry } from '../schema/registry';
import type { ScimAttribute, ScimResourceType } from '../schema/types';
import { URN } from '../urns';
import { FindingList, type Finding, type Segments } from './findings';
import { checkAttribute } from './values';

/** Options for `validatePatchRequest`. */
export interface ValidatePatchRequestOptions {
  registry?: SchemaRegistry;
  /** the type of the resource being patched; without it attributes are not checked */
  resourceType?: string | ScimResourceType;
  /** the id of the resource being patched: a no-path value repeating it unchanged (Okta's rename) is allowed */
  resourceId?: string;
}

const RFC = 'RFC 7644 §3.5.2';
const ENTRA = ' (Entra ID sends this unless its aadOptscim062020 flag is set)';
/** Attribute paths as keys of a no-path value: RFC 7644 §3.5.2.1 reads the value as "a set of attributes", and a path names one. */
const PATH_KEYS = ' (Entra ID sends several attributes this way with its aadOptscim062020 flag; the app\'s sandbox accepts it)';

interface Resolved {
  def: ScimAttribute | undefined;
  multiValued: boolean;
}

/**
 * Checks a PatchOp request body (RFC 7644 §3.5.2) without a resource to apply it to: the envelope, each
 * operation's `op`, `path` (parsed, with the error position), `value` presence and type, readOnly targets,
 * unknown attributes (with a resource type), and Entra ID's habits (capitalised ops, string booleans,
 * remove with a value as errors; attribute paths as keys of a no-path value as portability warnings).
 */
export function validatePatchRequest(body: unknown, options: ValidatePatchRequestOptions = {}): Finding[] {
  const out = new FindingList();
  const registry = options.registry ?? SchemaRegistry.core();
  const rt = typeof options.resourceType === 'string' ? registry.resourceType(options.resourceType) : options.resourceType;
  if (!isObject(body)) {
    out.error([], 'notObject', `a PATCH body must be a JSON object, got ${describeValue(body)}`, RFC);
    return out.items;
  }
  const keyOf = (obj: Record<string, unknown>, name: string) => Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  const schemas = body[keyOf(body, 'schemas') ?? 'schemas'];
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.patchOp.toLowerCase())) {
    out.error(['schemas'], 'missingPatchOpSchema', `"schemas" must be ["${URN.patchOp}"], got ${describeValue(schemas)}`, RFC);
  }
  const opsKey = keyOf(body, 'Operations');
  const operations = opsKey === undefined ? undefined : body[opsKey];
  if (!Array.isArray(operations)) {
    out.error([opsKey ?? 'Operations'], 'operationsMissing', `"Operations" must be an array of operations, got ${describeValue(operations)}`, RFC);
    return out.items;
  }
  if (operations.length === 0) out.error([opsKey!], 'operationsEmpty', '"Operations" is empty', RFC);

  operations.forEach((operation, i) => {
    const at: Segments = [opsKey!, i];
    if (!isObject(operation)) {
      out.error(at, 'notObject', `an operation must be an object, got ${describeValue(operation)}`, RFC);
      return;
    }
    const opKey = keyOf(operation, 'op');
    const op = opKey === undefined ? undefined : operation[opKey];
    const lower = typeof op === 'string' ? op.toLowerCase() : undefined;
    if (lower !== 'add' && lower !== 'remove' && lower !== 'replace') {
      out.error([...at, opKey ?? 'op'], 'invalidOp', `"op" must be "add", "remove" or "replace", got ${describeValue(op)}`, RFC);
      return;
    }
    if (op !== lower) out.error([...at, opKey!], 'opCase', `"op" is "${op}"; RFC 7644 defines "${lower}" and strict servers reject other spellings${ENTRA}`, RFC);
    const pathKey = keyOf(operation, 'path');
    const path = pathKey === undefined ? undefined : operation[pathKey];
    const valueKey = keyOf(operation, 'value');
    const value = valueKey === undefined ? undefined : operation[valueKey];
    let target: Resolved | undefined;
    if (path !== undefined && typeof path !== 'string') out.error([...at, pathKey!], 'wrongType', `"path" must be a string, got ${describeValue(path)}`, RFC);
    else if (typeof path === 'string') target = checkPath(path, [...at, pathKey!], out, registry, rt);
    if (lower === 'remove') {
      if (path === undefined) out.error([...at, 'path'], 'removeWithoutPath', '"remove" needs a "path" (the server answers 400 noTarget)', 'RFC 7644 §3.5.2.2');
      if (value !== undefined && value !== null) {
        const hint = target?.multiValued ? `; to remove particular values use "path": "${String(path)}[value eq \\"…\\"]"${ENTRA}` : '';
        out.error([...at, valueKey!], 'removeWithValue', `"remove" takes no "value"; a strict server removes the whole attribute or rejects the request${hint}`, 'RFC 7644 §3.5.2.2');
      }
      return;
    }
    if (value === undefined) {
      out.error([...at, 'value'], 'valueMissing', `"${lower}" needs a "value"`, lower === 'add' ? 'RFC 7644 §3.5.2.1' : 'RFC 7644 §3.5.2.3');
      return;
    }
    if (path === undefined) checkNoPathValue(value, [...at, valueKey!], out, registry, rt, options.resourceId);
    else if (target?.def) checkTargetValue(target, value, [...at, valueKey!], out, registry);
  });
  return out.items;
}

function checkPath(path: string, at: Segments, out: FindingList, registry: SchemaRegistry, rt: ScimResourceType | undefined): Resolved | undefined {
  let parsed;
  try {
    parsed = parsePath(path, { registry });
  } catch (error) {
    if (!(error instanceof ScimFilterError)) throw error;
    out.error(at, 'invalidPath', `invalid path at offset ${error.position}: ${error.message}`, RFC);
    return undefined;
  }
  if (parsed.name === undefined) return undefined;
  const resolved = registry.attribute({ ...(parsed.uri ? { uri: parsed.uri } : {}), name: parsed.name }, rt);
  if (!resolved) {
    if (rt) out.warning(at, 'unknownAttribute', `"${path}" names no attribute of ${rt.name}`, RFC);
    return undefined;
  }
  const top = resolved.attribute;
  let def: ScimAttribute | undefined = top;
  if (parsed.subAttr !== undefined) {
    def = registry.subAttribute(top, parsed.subAttr);
    if (!def) out.warning(at, 'unknownAttribute', `"${parsed.subAttr}" is not a sub-attribute of "${top.name}"`, RFC);
  }
  if (parsed.filter && !top.multiValued) out.error(at, 'filterOnSingleValued', `a value filter needs a multi-valued attribute; "${top.name}" is single-valued`, RFC);
  if (def && (def.mutability === 'readOnly' || top.mutability === 'readOnly')) {
    out.error(at, 'readOnlyTarget', `"${path}" is readOnly; the server answers 400 mutability`, RFC);
    return { def: undefined, multiValued: top.multiValued };
  }
  const selectsOne = parsed.filter !== undefined || parsed.subAttr !== undefined;
  return { def: def && selectsOne && def === top ? { ...top, multiValued: false } : def, multiValued: top.multiValued && !selectsOne };
}

function checkTargetValue(target: Resolved, value: unknown, at: Segments, out: FindingList, registry: SchemaRegistry): void {
  const def = target.def!;
  // add to a multi-valued attribute may carry a single value
  const shaped = def.multiValued && !Array.isArray(value) ? [value] : value;
  checkAttribute(def, def.name, shaped, at, out, { registry, direction: 'request' });
}

function checkNoPathValue(value: unknown, at: Segments, out: FindingList, registry: SchemaRegistry, rt: ScimResourceType | undefined, resourceId?: string): void {
  if (!isObject(value)) {
    out.error(at, 'valueNotObject', `without a "path", "value" must be an object of attributes, got ${describeValue(value)}`, RFC);
    return;
  }
  for (const key of Object.keys(value)) {
    const here = [...at, key];
    if (key.toLowerCase() === 'schemas') continue;
    const split = registry.splitUrn(key);
    if (split && split.rest === '') {
      const item = value[key];
      if (!isObject(item)) out.error(here, 'wrongType', `"${key}" is a schema URN: its value must be an object of its attributes`, 'RFC 7643 §3.3');
      else for (const sub of Object.keys(item)) checkKey(split.uri, sub, item[sub], [...here, sub], out, registry, rt);
      continue;
    }
    if (key.includes(':')) {
      out.warning(here, 'qualifiedKey', `"${key}" is a URN-qualified attribute path; servers that read the value only as attribute names refuse it (400 invalidPath): for portability put extension attributes under their schema URN, {"${split?.uri ?? key.slice(0, key.lastIndexOf(':'))}": {…}}${PATH_KEYS}`, 'RFC 7643 §3.3');
      continue;
    }
    checkKey(undefined, key, value[key], here, out, registry, rt, resourceId);
  }
}

/**
 * A read-only attribute in a no-path value: RFC 7644 §3.5.2 refuses a *change* (400 mutability); the same
 * value sent back is not a change (Okta's group rename sends the group's own id).
 */
function readOnlyValue(key: string, item: unknown, at: Segments, out: FindingList, resourceId: string | undefined): void {
  if (key.toLowerCase() === 'id' && resourceId !== undefined) {
    if (item !== resourceId) out.error(at, 'readOnlyTarget', `"id" is readOnly and ${describeValue(item)} is not this resource's id; the server answers 400 mutability`, RFC);
    return;
  }
  out.warning(at, 'readOnlyTarget', `"${key}" is readOnly: the server ignores it when unchanged (Okta's rename sends the group's own id) and answers 400 mutability to a change`, RFC);
}

function checkKey(uri: string | undefined, key: string, item: unknown, at: Segments, out: FindingList, registry: SchemaRegistry, rt: ScimResourceType | undefined, resourceId?: string): void {
  if (key.includes('.')) {
    out.warning(at, 'dottedKey', `"${key}" is an attribute path, not an attribute name; servers that read the value only as attribute names refuse it (400 invalidPath): for portability write {"${key.split('.')[0]}": {"${key.split('.').slice(1).join('.')}": …}} or use "path"${PATH_KEYS}`, RFC);
    return;
  }
  const def = registry.attribute({ ...(uri ? { uri } : {}), name: key }, rt)?.attribute;
  if (!def) {
    if (rt || uri) out.warning(at, 'unknownAttribute', `"${key}" is not an attribute of ${uri ?? rt!.name}`, RFC);
    return;
  }
  if (def.mutability === 'readOnly') readOnlyValue(key, item, at, out, resourceId);
  else checkAttribute(def, key, item, at, out, { registry, direction: 'request' });
}
