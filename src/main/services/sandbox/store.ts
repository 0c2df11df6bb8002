/** A SCIM resource as JSON. */
export type ScimObject = Record<string, unknown>;

/** One stored resource. Records are immutable: a write puts a new record in place of the old one. */
export interface StoredResource {
  readonly id: string;
  /** insertion order: the default order of lists and the tie-breaker of every sort */
  readonly seq: number;
  /** what GET returns by default (returned:"never" attributes are kept in `hidden`, not here) */
  readonly resource: ScimObject;
  /** attributes never returned (password), kept apart so no representation can leak them */
  readonly hidden: Readonly<Record<string, unknown>> | undefined;
  /** the version counter behind meta.version and the ETag */
  readonly revision: number;
  /** JSON.stringify(resource), made on first use: unchanged resources are never serialised twice */
  json: string | undefined;
}

export interface UniqueIndexSpec {
  /** top-level attribute name as it is stored (canonical spelling) */
  attribute: string;
  caseExact: boolean;
}

export function serialized(record: StoredResource): string {
  return (record.json ??= JSON.stringify(record.resource));
}

/**
 * The resources of one type, by id, in insertion order, with indexes for the lookups that must not
 * scan: unique attributes (userName, normalised by case when not case-exact) and externalId.
 */
export class ResourceStore {
  private readonly byId = new Map<string, StoredResource>();
  private readonly unique = new Map<string, { spec: UniqueIndexSpec; values: Map<string, string> }>();
  private readonly externalIds = new Map<string, Set<string>>();
  /** the records in insertion order, rebuilt on the first read after a write */
  private orderedCache: StoredResource[] | undefined;

  constructor(
    readonly resourceType: string,
    uniqueIndexes: readonly UniqueIndexSpec[],
  ) {
    for (const spec of uniqueIndexes) this.unique.set(spec.attribute, { spec, values: new Map() });
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): StoredResource | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Every record in insertion order, without copying. */
  values(): IterableIterator<StoredResource> {
    return this.byId.values();
  }

  /** Every record in insertion order as an array shared by readers until the next write (do not modify). */
  ordered(): readonly StoredResource[] {
    return (this.orderedCache ??= [...this.byId.values()]);
  }

  uniqueAttributes(): UniqueIndexSpec[] {
    return [...this.unique.values()].map((entry) => entry.spec);
  }

  /** The id holding `value` for a unique attribute, if any. */
  findUnique(attribute: string, value: string): string | undefined {
    const entry = this.unique.get(attribute);
    if (!entry) return undefined;
    return entry.values.get(entry.spec.caseExact ? value : value.toLowerCase());
  }

  isIndexed(attribute: string): boolean {
    return this.unique.has(attribute);
  }

  findByExternalId(value: string): ReadonlySet<string> | undefined {
    return this.externalIds.get(value);
  }

  /** The first unique attribute whose value another resource already holds. */
  conflict(resource: ScimObject, id: string): { attribute: string; value: string } | undefined {
    for (const { spec, values } of this.unique.values()) {
      const value = resource[spec.attribute];
      if (typeof value !== 'string') continue;
      const holder = values.get(spec.caseExact ? value : value.toLowerCase());
      if (holder !== undefined && holder !== id) return { attribute: spec.attribute, value };
    }
    return undefined;
  }

  /** Inserts or replaces (a replaced record keeps its place in the order). Callers check `conflict` first. */
  put(record: StoredResource): void {
    const previous = this.byId.get(record.id);
    this.orderedCache = undefined;
    if (previous && this.sameIndexedValues(previous, record)) {
      this.byId.set(record.id, record);
      return;
    }
    if (previous) this.unindex(previous);
    this.byId.set(record.id, record);
    this.index(record);
  }

  delete(id: string): StoredResource | undefined {
    const record = this.byId.get(id);
    if (!record) return undefined;
    this.unindex(record);
    this.byId.delete(id);
    this.orderedCache = undefined;
    return record;
  }

  clear(): void {
    this.byId.clear();
    this.orderedCache = undefined;
    for (const entry of this.unique.values()) entry.values.clear();
    this.externalIds.clear();
  }

  private sameIndexedValues(a: StoredResource, b: StoredResource): boolean {
    if (a.resource.externalId !== b.resource.externalId) return false;
    for (const { spec } of this.unique.values()) if (a.resource[spec.attribute] !== b.resource[spec.attribute]) return false;
    return true;
  }

  private index(record: StoredResource): void {
    for (const { spec, values } of this.unique.values()) {
      const value = record.resource[spec.attribute];
      if (typeof value === 'string') values.set(spec.caseExact ? value : value.toLowerCase(), record.id);
    }
    const externalId = record.resource.externalId;
    if (typeof externalId === 'string') {
      let ids = this.externalIds.get(externalId);
      if (!ids) this.externalIds.set(externalId, (ids = new Set()));
      ids.add(record.id);
    }
  }

  private unindex(record: StoredResource): void {
    for (const { spec, values } of this.unique.values()) {
      const value = record.resource[spec.attribute];
      if (typeof value !== 'string') continue;
      const key = spec.caseExact ? value : value.toLowerCase();
      if (values.get(key) === record.id) values.delete(key);
    }
    const externalId = record.resource.externalId;
    if (typeof externalId === 'string') {
      const ids = this.externalIds.get(externalId);
      ids?.delete(record.id);
      if (ids?.size === 0) this.externalIds.delete(externalId);
    }
  }
}
