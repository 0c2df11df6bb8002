import { URN, type SchemaRegistry, type ScimResourceType } from '@shared/scim';
import type { UniqueIndexSpec, ScimObject } from './store';

/** Pieces of resource representations the directory computes: small, pure, shared. */

export function groupEntry(baseUrl: string, groupId: string, display: string | undefined, type: 'direct' | 'indirect'): ScimObject {
  const value: ScimObject = { value: groupId, $ref: `${baseUrl}/Groups/${groupId}` };
  if (display !== undefined) value.display = display;
  value.type = type;
  return value;
}

export function uniqueSpecs(registry: SchemaRegistry, rt: ScimResourceType): UniqueIndexSpec[] {
  const schema = registry.schema(rt.schema);
  return (schema?.attributes ?? [])
    .filter((a) => (a.uniqueness === 'server' || a.uniqueness === 'global') && a.type === 'string' && !a.multiValued)
    .map((a) => ({ attribute: a.name, caseExact: a.caseExact }));
}

export function managerOf(resource: ScimObject): string | undefined {
  const enterprise = resource[URN.enterpriseUser] as ScimObject | undefined;
  const manager = enterprise?.manager as ScimObject | undefined;
  return typeof manager?.value === 'string' && manager.value !== '' ? manager.value : undefined;
}

export function withDisplay(member: ScimObject, display: string | undefined): ScimObject {
  const { display: _old, ...rest } = member;
  return display === undefined ? rest : { ...rest, display };
}

/** `resource` with `key` set to `value` (or removed), placed before `anchor` when newly added. */
export function withBefore(resource: ScimObject, key: string, value: unknown, anchor: string): ScimObject {
  const out: ScimObject = {};
  let placed = false;
  for (const k of Object.keys(resource)) {
    if (k === key) continue;
    if (k === anchor && value !== undefined) {
      out[key] = value;
      placed = true;
    }
    out[k] = resource[k];
  }
  if (!placed && value !== undefined) out[key] = value;
  return out;
}

const schemaLists = new Map<string, string[]>();

/** The `schemas` list: the base schema first, then every extension that is listed or has data (one shared array per combination). */
export function schemasFor(rt: ScimResourceType, given: unknown, body: ScimObject): string[] {
  const listed = Array.isArray(given) ? (given as string[]) : [];
  const out = [rt.schema];
  for (const ext of rt.schemaExtensions) if (listed.includes(ext.schema) || body[ext.schema] !== undefined) out.push(ext.schema);
  const key = out.join(' ');
  let shared = schemaLists.get(key);
  if (!shared) schemaLists.set(key, (shared = out));
  return shared;
}
