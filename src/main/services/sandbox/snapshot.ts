import type { SnapshotRecord, TypeName } from './directory';
import type { SeedData } from './seed';
import type { ScimObject } from './store';

export const SNAPSHOT_FILE = 'store.json';

export interface Snapshot {
  seq: number;
  revision: number;
  users: SnapshotRecord[];
  groups: SnapshotRecord[];
}

export interface LoadEntry {
  type: TypeName;
  id: string;
  created: string;
  lastModified?: string;
  body: ScimObject;
  hidden?: Record<string, unknown>;
  seq?: number;
  revision?: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkRecords(value: unknown, what: string): SnapshotRecord[] {
  if (!Array.isArray(value)) throw new Error(`"${what}" is not a list`);
  value.forEach((record, i) => {
    if (!isObject(record) || !isObject(record.resource) || typeof record.resource.id !== 'string' || typeof record.seq !== 'number' || typeof record.revision !== 'number') {
      throw new Error(`${what}[${i}] is not a stored resource`);
    }
  });
  return value as SnapshotRecord[];
}

/** Accepts a parsed store.json or says what is wrong with it. */
export function checkSnapshot(value: unknown): Snapshot {
  if (!isObject(value)) throw new Error('not a JSON object');
  if (typeof value.seq !== 'number' || typeof value.revision !== 'number') throw new Error('"seq" and "revision" are missing');
  return { seq: value.seq, revision: value.revision, users: checkRecords(value.users, 'users'), groups: checkRecords(value.groups, 'groups') };
}

export function seedEntries(seed: SeedData): LoadEntry[] {
  return [
    ...seed.users.map((u) => ({ type: 'User' as const, id: u.id, created: u.created, body: u.body })),
    ...seed.groups.map((g) => ({ type: 'Group' as const, id: g.id, created: g.created, body: g.body })),
  ];
}

/** The client-owned part of a stored resource: what is left without id, meta and computed attributes. */
function bodyOf(resource: ScimObject, type: TypeName): ScimObject {
  const { id: _id, meta: _meta, groups, ...body } = resource;
  if (type === 'Group' && groups !== undefined) body.groups = groups;
  return body;
}

export function snapshotEntries(snapshot: Snapshot): LoadEntry[] {
  const entries = (records: SnapshotRecord[], type: TypeName): LoadEntry[] =>
    records.map((r) => {
      const meta = (isObject(r.resource.meta) ? r.resource.meta : {}) as { created?: string; lastModified?: string };
      const created = meta.created ?? new Date().toISOString();
      return {
        type,
        id: r.resource.id as string,
        created,
        lastModified: meta.lastModified ?? created,
        body: bodyOf(r.resource, type),
        ...(r.hidden ? { hidden: r.hidden } : {}),
        seq: r.seq,
        revision: r.revision,
      };
    });
  return [...entries(snapshot.users, 'User'), ...entries(snapshot.groups, 'Group')].sort((a, b) => a.seq! - b.seq!);
}
