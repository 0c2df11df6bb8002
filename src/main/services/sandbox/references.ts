import { badRequest } from './errors';
import { isPlainObject } from './http-io';
import type { ScimObject, StoredResource } from './store';

/** What reference resolution needs to know about the other resources. */
export interface ReferenceLookup {
  baseUrl: string;
  user(id: string): StoredResource | undefined;
  group(id: string): StoredResource | undefined;
}

/** The name a resource shows in other resources' `display` values. */
export function displayOf(record: StoredResource | undefined): string | undefined {
  if (!record) return undefined;
  const r = record.resource;
  const name = typeof r.displayName === 'string' ? r.displayName : typeof r.userName === 'string' ? r.userName : undefined;
  return name;
}

/**
 * A group's members as stored: each `value` must be the id of an existing User or Group, `type`
 * (when given) must say which, duplicates are dropped; `$ref`, `type` and `display` are the server's.
 */
export function resolveMembers(groupId: string, members: unknown, lookup: ReferenceLookup): ScimObject[] | undefined {
  if (members === undefined || members === null) return undefined;
  if (!Array.isArray(members)) throw badRequest('"members" must be an array of {"value": "<id>"} objects.', 'invalidSyntax');
  const seen = new Set<string>();
  const out: ScimObject[] = [];
  members.forEach((member, index) => {
    if (!isPlainObject(member) || typeof member.value !== 'string' || member.value === '') {
      throw badRequest(`members[${index}] needs a "value" holding the id of a User or Group.`, 'invalidValue');
    }
    const id = member.value;
    if (id === groupId) throw badRequest(`members[${index}]: a group cannot be a member of itself.`, 'invalidValue');
    const user = lookup.user(id);
    const group = user ? undefined : lookup.group(id);
    if (!user && !group) throw badRequest(`members[${index}].value "${id}" is not the id of any User or Group on this server.`, 'invalidValue');
    const type = user ? 'User' : 'Group';
    if (typeof member.type === 'string' && member.type.toLowerCase() !== type.toLowerCase()) {
      throw badRequest(`members[${index}] says type "${member.type}", but "${id}" is a ${type}.`, 'invalidValue');
    }
    if (seen.has(id)) return;
    seen.add(id);
    const entry: ScimObject = { value: id, $ref: `${lookup.baseUrl}/${type}s/${id}`, type };
    const display = displayOf(user ?? group);
    if (display !== undefined) entry.display = display;
    out.push(entry);
  });
  return out;
}

/** The enterprise manager with the server's `$ref` and `displayName` (both absent when the manager is not a known User). */
export function resolveManager(manager: unknown, lookup: ReferenceLookup): unknown {
  if (!isPlainObject(manager)) return manager;
  const out: ScimObject = {};
  for (const key of Object.keys(manager)) if (key !== '$ref' && key !== 'displayName') out[key] = manager[key];
  const id = typeof manager.value === 'string' ? manager.value : undefined;
  const user = id ? lookup.user(id) : undefined;
  if (user && id) {
    out.$ref = `${lookup.baseUrl}/Users/${id}`;
    const display = displayOf(user);
    if (display !== undefined) out.displayName = display;
  }
  return out;
}
