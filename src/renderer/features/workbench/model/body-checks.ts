import { parseTree } from 'jsonc-parser';
import { toJsonSchema, validatePatchRequest, validateResource, type Finding, type ScimResourceType, type SchemaRegistry } from '@shared/scim';
import type { Operation } from '@shared/model/workspace';
import type { EditorMarker } from '../../../monaco/editor-marker';
import { locatePointer } from '../../../monaco/json-locations';

const schemaCache = new WeakMap<SchemaRegistry, Map<string, object>>();

/** The JSON Schema a body is edited against (create, replace and patch bodies of a known type). */
export function bodySchema(registry: SchemaRegistry, rt: ScimResourceType | undefined, operation: Operation): object | undefined {
  if (!rt) return undefined;
  const kind = operation === 'create' ? 'create' : operation === 'replace' ? 'replace' : operation === 'patch' ? 'patch' : undefined;
  if (!kind) return undefined;
  let cache = schemaCache.get(registry);
  if (!cache) schemaCache.set(registry, (cache = new Map()));
  const key = `${rt.id}\u0000${kind}`;
  let schema = cache.get(key);
  if (!schema) cache.set(key, (schema = toJsonSchema(registry, rt, kind)));
  return schema;
}

/** Bodies larger than this (characters) get no SCIM checks while being edited. */
export const MAX_CHECKED_BODY = 512 * 1024;

/**
 * Codes the JSON Schema already marks in the editor (its `required` lists, `readOnly` warnings, types),
 * so each problem is reported once; the SCIM checks add only what the schema cannot see.
 */
const COVERED_BY_SCHEMA = new Set([
  'wrongType',
  'unknownAttribute',
  'readOnlyInRequest',
  'notSingleValued',
  'notMultiValued',
  'notObject',
  'valueNotObject',
  'attributeNameCase',
  // "Missing property …" from the schema's `required`
  'missingSchemas',
  'missingRequired',
  'missingRequiredExtension',
]);

/** What else the schema covers for an operation: on create, `id` carries the schema's read-only warning. */
const COVERED_ON = { create: new Set(['clientSetId']), replace: new Set<string>(), patch: new Set<string>() } as const;

/** The markers for findings, each problem once: those the body's JSON Schema reports are left to it. */
function toMarkers(text: string, findings: Finding[], covered: (code: string) => boolean = () => false): EditorMarker[] {
  const tree = parseTree(text);
  const seen = new Set<string>();
  return findings
    .filter((f) => !covered(f.code))
    .map((f) => ({ ...locatePointer(text, f.path, tree), severity: f.severity, message: f.message, source: f.rfc }))
    .filter((m) => {
      const key = `${m.offset}:${m.length}:${m.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * SCIM checks of a request body as editor markers: core's `validateResource` (request direction)
 * for create and replace, `validatePatchRequest` for PATCH. Undefined where there is nothing to check.
 */
export function bodyChecks(registry: SchemaRegistry, rt: ScimResourceType | undefined, operation: Operation): ((text: string) => EditorMarker[]) | undefined {
  if (operation !== 'create' && operation !== 'replace' && operation !== 'patch') return undefined;
  // with no resource type there is no JSON Schema, and the SCIM checks report everything themselves
  const withSchema = bodySchema(registry, rt, operation) !== undefined;
  const covered = (code: string) => withSchema && (COVERED_BY_SCHEMA.has(code) || COVERED_ON[operation].has(code));
  return (text) => {
    // past this the checks would hold the main thread too long on every pause in typing; the JSON
    // Schema checks (in Monaco's worker) still run
    if (text.length > MAX_CHECKED_BODY) return [];
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return [];
    }
    const findings =
      operation === 'patch'
        ? validatePatchRequest(json, { registry, ...(rt ? { resourceType: rt } : {}) })
        : validateResource(json, { registry, ...(rt ? { resourceType: rt } : {}), direction: 'request', operation });
    return toMarkers(text, findings, covered);
  };
}
