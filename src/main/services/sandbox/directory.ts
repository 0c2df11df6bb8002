import type { Defects } from './defects';
import { randomUUID } from 'node:crypto';
import { URN, type SchemaRegistry, type ScimResourceType } from '@shared/scim';
import { etagFor, etagListMatches } from './etag';
import { ScimHttpError, badRequest, notFound } from './errors';
import { isPlainObject } from './http-io';
import { Memberships } from './membership';
import { displayOf, resolveManager, resolveMembers, type ReferenceLookup } from './references';
import type { LoadEntry } from './snapshot';
import { groupEntry, managerOf, schemasFor, uniqueSpecs, withBefore, withDisplay } from './resource-parts';
import { ResourceStore, serialized, type ScimObject, type StoredResource } from './store';

export type TypeName = 'User' | 'Group';

/** A resource ready to store: shaped body (canonical names, no readOnly values) and its hidden side. */
export interface Draft {
  body: ScimObject;
  hidden: Record<string, unknown>;
}

export interface DirectoryOptions {
  registry: SchemaRegistry;
  resourceTypes: Record<TypeName, ScimResourceType>;
  baseUrl: string;
  now?: () => Date;
  /** after every change (persistence, status events) */
  onChange?: () => void;
  /** planted defects (conformance tests) */
  defects?: Defects;
}

/** What the server computes for a User: its groups and its resolved enterprise manager. */
interface UserParts {
  groups: ScimObject[] | undefined;
  enterprise?: ScimObject;
}

/** One record of a snapshot: enough to rebuild the resource exactly. */
export interface SnapshotRecord {
  seq: number;
  revision: number;
  resource: ScimObject;
  hidden?: Record<string, unknown>;
}

/**
 * The sandbox's data: Users and Groups with their indexes, and every rule that ties them together
 * (uniqueness, member references, User.groups, manager and member display names, meta and versions).
 * Every write is synchronous, so concurrent requests can never interleave inside one.
 */
export class Directory implements ReferenceLookup {
  readonly registry: SchemaRegistry;
  readonly resourceTypes: Record<TypeName, ScimResourceType>;
  readonly users: ResourceStore;
  readonly groups: ResourceStore;
  readonly baseUrl: string;
  private readonly memberships = new Memberships();
  /** manager id → ids of users whose enterprise manager it is */
  private readonly reports = new Map<string, Set<string>>();
  private readonly now: () => Date;
  private readonly onChange: () => void;
  private readonly defects: Defects | undefined;
  private seq = 0;
  private revision = 0;
  /**
   * Identical server-computed values (a group's entry in User.groups, a manager reference) shared by
   * every resource that holds them: records are immutable, and at 100 000 users this saves a lot of memory.
   */
  private readonly sharedValues = new Map<string, ScimObject>();

  constructor(options: DirectoryOptions) {
    this.registry = options.registry;
    this.resourceTypes = options.resourceTypes;
    this.baseUrl = options.baseUrl;
    this.now = options.now ?? (() => new Date());
    this.onChange = options.onChange ?? (() => {});
    this.defects = options.defects;
    this.users = new ResourceStore('User', uniqueSpecs(options.registry, options.resourceTypes.User));
    this.groups = new ResourceStore('Group', uniqueSpecs(options.registry, options.resourceTypes.Group));
  }

  store(type: TypeName): ResourceStore {
    return type === 'User' ? this.users : this.groups;
  }

  user(id: string): StoredResource | undefined {
    return this.users.get(id);
  }

  group(id: string): StoredResource | undefined {
    return this.groups.get(id);
  }

  get currentRevision(): number {
    return this.revision;
  }

  /** The record, or 404. */
  require(type: TypeName, id: string): StoredResource {
    const record = this.store(type).get(id);
    if (!record) throw notFound(`No ${type} with id "${id}" exists on this server.`);
    return record;
  }

  /** RFC 7644 §3.14: a write with If-Match must name the current version, else 412. */
  checkIfMatch(record: StoredResource, ifMatch: string | undefined): void {
    if (ifMatch === undefined) return;
    const current = etagFor(record.revision);
    if (!etagListMatches(ifMatch, current)) {
      throw new ScimHttpError(412, `If-Match ${ifMatch} does not match the current version ${current}: the resource changed since it was read. GET it again and retry.`);
    }
  }

  create(type: TypeName, draft: Draft): StoredResource {
    const id = randomUUID();
    return this.write(type, id, draft, undefined);
  }

  replace(type: TypeName, id: string, draft: Draft, ifMatch?: string): StoredResource {
    const existing = this.require(type, id);
    this.checkIfMatch(existing, ifMatch);
    this.checkImmutable(type, existing, draft.body);
    // a writeOnly value a client cannot read back (password) is kept when a PUT leaves it out
    const hidden = { ...existing.hidden, ...draft.hidden };
    return this.write(type, id, { body: draft.body, hidden }, existing);
  }

  /** Stores an already-patched body (the PATCH engine has checked mutability itself). */
  replacePatched(type: TypeName, existing: StoredResource, draft: Draft): StoredResource {
    const hidden = { ...existing.hidden, ...draft.hidden };
    return this.write(type, existing.id, { body: draft.body, hidden }, existing);
  }

  remove(type: TypeName, id: string, ifMatch?: string): void {
    const existing = this.require(type, id);
    this.checkIfMatch(existing, ifMatch);
    this.store(type).delete(id);
    const affectedUsers = new Set<string>();
    // the groups that listed it lose the member
    for (const groupId of [...this.memberships.directGroupsOf(id)]) {
      const group = this.groups.get(groupId);
      if (!group) continue;
      const members = ((group.resource.members as ScimObject[] | undefined) ?? []).filter((m) => m.value !== id);
      this.rebuild(this.groups, group, withBefore(group.resource, 'members', members.length ? members : undefined, 'meta'));
      this.memberships.setMembers(groupId, members.map((m) => m.value as string));
    }
    if (type === 'Group') {
      for (const member of this.memberships.descendantsOf(id)) if (this.users.has(member)) affectedUsers.add(member);
      this.memberships.setMembers(id, []);
    } else {
      this.setManager(id, undefined, existing);
      for (const reportId of this.reports.get(id) ?? []) affectedUsers.add(reportId);
    }
    this.refreshUsers(affectedUsers);
    this.onChange();
  }

  /** Drops everything; ids, versions and order restart from the data loaded next. */
  clear(): void {
    this.users.clear();
    this.groups.clear();
    this.memberships.clear();
    this.reports.clear();
    this.sharedValues.clear();
  }

  /**
   * Loads seed or snapshot resources without re-checking them against each other, building each
   * record once: references resolve against the entries themselves, before anything is stored.
   */
  load(entries: readonly LoadEntry[], counters?: { seq: number; revision: number }): void {
    this.clear();
    if (counters) {
      this.seq = Math.max(this.seq, counters.seq);
      this.revision = Math.max(this.revision, counters.revision);
    }
    const byId = new Map<string, LoadEntry>();
    for (const entry of entries) byId.set(entry.id, entry);
    const view = (id: string, type: TypeName) => {
      const entry = byId.get(id);
      return entry?.type === type ? ({ resource: entry.body } as StoredResource) : undefined;
    };
    const lookup: ReferenceLookup = { baseUrl: this.baseUrl, user: (id) => view(id, 'User'), group: (id) => view(id, 'Group') };
    const members = new Map<string, ScimObject[] | undefined>();
    for (const entry of entries) {
      if (entry.type !== 'Group') continue;
      const listed = entry.body.members;
      // a member that does not exist (a hand-edited file) is dropped rather than failing the load
      const existing = Array.isArray(listed) ? listed.filter((m) => isPlainObject(m) && typeof m.value === 'string' && byId.has(m.value)) : listed;
      const resolved = resolveMembers(entry.id, existing, lookup);
      members.set(entry.id, resolved);
      this.memberships.setMembers(entry.id, (resolved ?? []).map((m) => m.value as string));
    }
    for (const entry of entries) {
      this.seq = Math.max(this.seq, entry.seq ?? this.seq + 1);
      this.revision = Math.max(this.revision, entry.revision ?? this.revision + 1);
      const body = entry.type === 'Group' ? { ...entry.body, members: members.get(entry.id) } : entry.body;
      const parts = entry.type === 'User' ? this.userParts(entry.id, body, lookup) : undefined;
      const record = this.materialize(entry.type, entry.id, entry.seq ?? this.seq, entry.revision ?? this.revision, body, entry.hidden, entry.created, entry.lastModified ?? entry.created, parts);
      this.store(entry.type).put(record);
      const manager = entry.type === 'User' ? managerOf(record.resource) : undefined;
      if (manager) this.indexReport(entry.id, manager);
    }
  }

  /**
   * The data as store.json text. Each resource goes in as its cached JSON, so a snapshot after a few
   * changes re-serialises only the changed resources, not all of them.
   */
  snapshotText(): string {
    const dump = (store: ResourceStore) =>
      store
        .ordered()
        .map((r) => `{"seq":${r.seq},"revision":${r.revision},"resource":${serialized(r)}${r.hidden && Object.keys(r.hidden).length ? `,"hidden":${JSON.stringify(r.hidden)}` : ''}}`)
        .join(',\n');
    return `{"seq":${this.seq},"revision":${this.revision},"users":[\n${dump(this.users)}\n],"groups":[\n${dump(this.groups)}\n]}\n`;
  }

  private write(type: TypeName, id: string, draft: Draft, existing: StoredResource | undefined): StoredResource {
    const rt = this.resourceTypes[type];
    this.checkRequired(rt, draft.body);
    const store = this.store(type);
    const clash = store.conflict(draft.body, id);
    if (clash && !this.defects?.has('no-uniqueness')) {
      throw new ScimHttpError(409, `${clash.attribute} "${clash.value}" is already taken by another ${type} (${clash.attribute} is unique${this.caseNote(rt, clash.attribute)}).`, 'uniqueness');
    }
    const body = { ...draft.body };
    let members: ScimObject[] | undefined;
    if (type === 'Group') {
      members = resolveMembers(id, body.members, this);
      if (members === undefined) delete body.members;
      else body.members = members;
    }
    const meta = existing?.resource.meta as { created?: string } | undefined;
    const now = this.now().toISOString();
    const parts = type === 'User' ? this.userParts(id, body, this) : undefined;
    const record = this.materialize(type, id, existing?.seq ?? ++this.seq, ++this.revision, body, draft.hidden, meta?.created ?? now, now, parts);
    store.put(record);
    this.afterWrite(type, record, existing, members);
    this.onChange();
    return store.get(id)!;
  }

  /** Keeps everything that mirrors this resource in step: memberships, User.groups, display names. */
  private afterWrite(type: TypeName, record: StoredResource, existing: StoredResource | undefined, members: ScimObject[] | undefined): void {
    const affectedUsers = new Set<string>();
    const displayChanged = existing !== undefined && displayOf(existing) !== displayOf(record);
    if (type === 'Group') {
      const changed = this.memberships.setMembers(record.id, (members ?? []).map((m) => m.value as string));
      for (const id of changed) {
        if (this.users.has(id)) affectedUsers.add(id);
        else for (const below of this.memberships.descendantsOf(id)) if (this.users.has(below)) affectedUsers.add(below);
      }
      if (displayChanged) for (const below of this.memberships.descendantsOf(record.id)) if (this.users.has(below)) affectedUsers.add(below);
    } else {
      this.setManager(record.id, managerOf(record.resource), existing);
      if (displayChanged) for (const reportId of this.reports.get(record.id) ?? []) affectedUsers.add(reportId);
    }
    if (displayChanged) {
      for (const groupId of this.memberships.directGroupsOf(record.id)) {
        const group = this.groups.get(groupId);
        if (!group) continue;
        const display = displayOf(record);
        const updated = (group.resource.members as ScimObject[]).map((m) => (m.value === record.id ? withDisplay(m, display) : m));
        this.rebuild(this.groups, group, { ...group.resource, members: updated });
      }
    }
    affectedUsers.delete(record.id);
    this.refreshUsers(affectedUsers);
  }

  private setManager(userId: string, managerId: string | undefined, existing: StoredResource | undefined): void {
    const before = existing ? managerOf(existing.resource) : undefined;
    if (before === managerId) return;
    if (before) {
      const set = this.reports.get(before);
      set?.delete(userId);
      if (set?.size === 0) this.reports.delete(before);
    }
    if (managerId) this.indexReport(userId, managerId);
  }

  private indexReport(userId: string, managerId: string): void {
    let set = this.reports.get(managerId);
    if (!set) this.reports.set(managerId, (set = new Set()));
    set.add(userId);
  }

  /** Recomputes User.groups and manager references; bumps the version of the users whose representation changed. */
  private refreshUsers(ids: Iterable<string>): void {
    for (const id of ids) {
      const user = this.users.get(id);
      if (!user) continue;
      const next = this.computeUser(user.resource, id);
      if (JSON.stringify(next.groups) === JSON.stringify(user.resource.groups) && JSON.stringify(next[URN.enterpriseUser]) === JSON.stringify(user.resource[URN.enterpriseUser])) continue;
      this.rebuild(this.users, user, next);
    }
  }

  /** A new version of a record whose server-computed parts changed. */
  private rebuild(store: ResourceStore, record: StoredResource, resource: ScimObject): void {
    const revision = ++this.revision;
    const meta = { ...(resource.meta as ScimObject), lastModified: this.now().toISOString(), version: etagFor(revision) };
    store.put({ ...record, resource: { ...resource, meta }, revision, json: undefined });
  }

  /** User.groups (direct and indirect, RFC 7643 §4.1.2) and the enterprise extension with the manager's $ref and displayName. */
  private userParts(id: string, body: ScimObject, lookup: ReferenceLookup): UserParts {
    const groups: ScimObject[] = [];
    const entry = (groupId: string, type: 'direct' | 'indirect') => {
      const group = lookup.group(groupId);
      if (group) groups.push(this.shared(`g|${groupId}|${type}|${displayOf(group) ?? ''}`, () => groupEntry(this.baseUrl, groupId, displayOf(group), type)));
    };
    for (const groupId of this.memberships.directGroupsOf(id)) entry(groupId, 'direct');
    for (const groupId of this.memberships.indirectGroupsOf(id)) entry(groupId, 'indirect');
    const parts: UserParts = { groups: groups.length ? groups : undefined };
    const enterprise = body[URN.enterpriseUser] as ScimObject | undefined;
    if (enterprise && enterprise.manager !== undefined) {
      const manager = resolveManager(enterprise.manager, lookup);
      const shareable = isPlainObject(manager) && Object.keys(manager).length === 3 && manager.$ref !== undefined;
      parts.enterprise = { ...enterprise, manager: shareable ? this.shared(`m|${manager.value as string}|${manager.displayName as string}`, () => manager) : manager };
    }
    return parts;
  }

  /** An existing user with its computed parts brought up to date. */
  private computeUser(resource: ScimObject, id: string): ScimObject {
    const parts = this.userParts(id, resource, this);
    const out = withBefore(resource, 'groups', parts.groups, 'meta');
    if (parts.enterprise) out[URN.enterpriseUser] = parts.enterprise;
    return out;
  }

  private shared(key: string, make: () => ScimObject): ScimObject {
    let value = this.sharedValues.get(key);
    if (!value) {
      if (this.sharedValues.size > 50_000) this.sharedValues.clear();
      this.sharedValues.set(key, (value = make()));
    }
    return value;
  }

  private materialize(
    type: TypeName,
    id: string,
    seq: number,
    revision: number,
    body: ScimObject,
    hidden: Record<string, unknown> | undefined,
    created: string,
    lastModified: string,
    parts?: UserParts,
  ): StoredResource {
    const rt = this.resourceTypes[type];
    const { schemas, externalId, ...rest } = body;
    const resource: ScimObject = { schemas: schemasFor(rt, schemas, body), id };
    if (externalId !== undefined && externalId !== null) resource.externalId = externalId;
    for (const key of Object.keys(rest)) {
      const value = key === URN.enterpriseUser && parts?.enterprise ? parts.enterprise : rest[key];
      if (value !== undefined && value !== null) resource[key] = value;
    }
    if (parts?.groups) resource.groups = parts.groups;
    resource.meta = { resourceType: rt.name, created, lastModified, location: `${this.baseUrl}${rt.endpoint}/${id}`, version: etagFor(revision) };
    return { id, seq, revision, resource, hidden: hidden && Object.keys(hidden).length ? hidden : undefined, json: undefined };
  }

  private checkRequired(rt: ScimResourceType, body: ScimObject): void {
    const schemas = [this.registry.schema(rt.schema), ...rt.schemaExtensions.filter((e) => e.required).map((e) => this.registry.schema(e.schema))];
    for (const schema of schemas) {
      if (!schema) continue;
      const holder = schema.id === rt.schema ? body : (body[schema.id] as ScimObject | undefined);
      for (const def of schema.attributes) {
        if (!def.required || def.mutability === 'readOnly') continue;
        const value = holder?.[def.name];
        if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
          throw badRequest(`"${def.name}" is required for a ${rt.name} (RFC 7643 ${rt.name === 'User' ? '§4.1' : '§4.2'}).`, 'invalidValue');
        }
      }
    }
  }

  /** PUT may not change an immutable attribute that has a value (RFC 7644 §3.5.1). */
  private checkImmutable(type: TypeName, existing: StoredResource, body: ScimObject): void {
    const schema = this.registry.schema(this.resourceTypes[type].schema);
    for (const def of schema?.attributes ?? []) {
      if (def.mutability !== 'immutable') continue;
      const before = existing.resource[def.name];
      if (before !== undefined && JSON.stringify(before) !== JSON.stringify(body[def.name])) {
        throw badRequest(`"${def.name}" is immutable: it cannot change once set.`, 'mutability');
      }
    }
  }

  private caseNote(rt: ScimResourceType, attribute: string): string {
    const def = this.registry.attribute(attribute, rt)?.attribute;
    return def && def.type === 'string' && !def.caseExact ? ', compared without regard to case' : '';
  }
}
