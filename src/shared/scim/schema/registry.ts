import type { AttributePath } from '../filter/ast';
import { isObject } from '../json';
import { commonAttributes } from './common';
import { coreResourceTypes, coreSchemas } from './core';
import { listEntries, normalizeResourceType, normalizeSchema } from './normalize';
import type { ScimAttribute, ScimResourceType, ScimSchema } from './types';

/** An attribute path resolved against the registry. */
export interface ResolvedAttribute {
  /** the definition the path names (the sub-attribute's, for `name.givenName`) */
  attribute: ScimAttribute;
  /** the top-level attribute (equal to `attribute` when the path has no sub-attribute) */
  top: ScimAttribute;
  /** the defining schema; undefined for the common attributes `id`, `externalId`, `meta` (RFC 7643 §3.1) */
  schema: ScimSchema | undefined;
  /** values live under the schema's URN key (an extension schema of the resource type) */
  extension: boolean;
  /** canonical spelling, URN-qualified for extension attributes */
  path: string;
}

type AttributeIndex = Map<string, ScimAttribute>;

function indexAttributes(list: readonly ScimAttribute[]): AttributeIndex {
  const map: AttributeIndex = new Map();
  for (const a of list) map.set(a.name.toLowerCase(), a);
  return map;
}

let coreRegistry: SchemaRegistry | undefined;

/**
 * The schemas and resource types a server (or RFC 7643) defines, with attribute lookup by any spelling
 * of a path: case-insensitive, with or without a schema URN prefix (`urn:…:enterprise:2.0:User:manager.value`).
 */
export class SchemaRegistry {
  readonly schemas: readonly ScimSchema[];
  readonly resourceTypes: readonly ScimResourceType[];
  /** what `fromDiscovery` had to skip, default or repair, one line each */
  readonly problems: readonly string[];

  private readonly byUrn = new Map<string, { schema: ScimSchema; attributes: AttributeIndex }>();
  /** the same entries under each schema's own spelling, to skip lower-casing long URNs on the hot path */
  private readonly byExactUrn = new Map<string, { schema: ScimSchema; attributes: AttributeIndex }>();
  private readonly common = indexAttributes(commonAttributes);
  private readonly subIndex = new WeakMap<ScimAttribute, AttributeIndex>();
  /** lower-cased URNs, longest first, for splitting `urn…:attr` paths */
  private readonly urnsLongestFirst: string[];
  private readonly baseUrns = new Set<string>();
  private readonly extensionUrns = new Set<string>();

  constructor(schemas: readonly ScimSchema[], resourceTypes: readonly ScimResourceType[], problems: readonly string[] = []) {
    this.schemas = schemas;
    this.resourceTypes = resourceTypes;
    this.problems = problems;
    for (const schema of schemas) {
      const entry = { schema, attributes: indexAttributes(schema.attributes) };
      this.byUrn.set(schema.id.toLowerCase(), entry);
      this.byExactUrn.set(schema.id, entry);
    }
    for (const rt of resourceTypes) {
      this.baseUrns.add(rt.schema.toLowerCase());
      for (const ext of rt.schemaExtensions) this.extensionUrns.add(ext.schema.toLowerCase());
    }
    for (const urn of this.baseUrns) this.extensionUrns.delete(urn);
    this.urnsLongestFirst = [...this.byUrn.keys()].sort((a, b) => b.length - a.length);
  }

  /** RFC 7643's User, Group, EnterpriseUser and configuration schemas with the User and Group resource types (shared instance). */
  static core(): SchemaRegistry {
    coreRegistry ??= new SchemaRegistry(coreSchemas, coreResourceTypes);
    return coreRegistry;
  }

  /**
   * A registry from a server's `GET /Schemas` and `GET /ResourceTypes` answers (ListResponses or arrays).
   * Missing characteristics get RFC 7643 §2.2 defaults; a resource type whose schema the server did not
   * list falls back to the RFC core schema of that URN; each repair is listed in `problems`.
   */
  static fromDiscovery(schemas: unknown, resourceTypes: unknown): SchemaRegistry {
    const problems: string[] = [];
    const schemaList = listEntries(schemas)
      .map((s, i) => normalizeSchema(s, i, problems))
      .filter((s): s is ScimSchema => s !== undefined);
    let typeList = listEntries(resourceTypes)
      .map((r, i) => normalizeResourceType(r, i, problems))
      .filter((r): r is ScimResourceType => r !== undefined);
    const have = new Set(schemaList.map((s) => s.id.toLowerCase()));
    const addCore = (urn: string, why: string) => {
      if (have.has(urn.toLowerCase())) return;
      const core = coreSchemas.find((s) => s.id.toLowerCase() === urn.toLowerCase());
      if (core) {
        schemaList.push(core);
        have.add(urn.toLowerCase());
        problems.push(`${urn}: ${why}; using the RFC 7643 definition`);
      } else {
        problems.push(`${urn}: ${why}, and it is not an RFC 7643 schema; its attributes are unknown`);
      }
    };
    if (typeList.length === 0) {
      typeList = coreResourceTypes.filter((rt) => have.has(rt.schema.toLowerCase()));
      if (typeList.length) problems.push(`no resource types given; assuming RFC 7643's ${typeList.map((t) => t.name).join(' and ')}`);
    }
    for (const rt of typeList) {
      addCore(rt.schema, `resource type ${rt.name} uses this schema but /Schemas does not list it`);
      for (const ext of rt.schemaExtensions) addCore(ext.schema, `resource type ${rt.name} names this extension but /Schemas does not list it`);
    }
    return new SchemaRegistry(schemaList, typeList, problems);
  }

  private entry(urn: string): { schema: ScimSchema; attributes: AttributeIndex } | undefined {
    return this.byExactUrn.get(urn) ?? this.byUrn.get(urn.toLowerCase());
  }

  /** The schema with this URN (compared ignoring case). */
  schema(urn: string): ScimSchema | undefined {
    return this.entry(urn)?.schema;
  }

  /** A resource type by name, id, endpoint (`/Users`) or base schema URN, ignoring case. */
  resourceType(key: string): ScimResourceType | undefined {
    const lower = key.toLowerCase();
    return this.resourceTypes.find(
      (rt) => rt.name.toLowerCase() === lower || rt.id.toLowerCase() === lower || rt.endpoint.toLowerCase() === lower || rt.schema.toLowerCase() === lower,
    );
  }

  /** The resource type of a resource, from its `schemas` list or else `meta.resourceType`. */
  resourceTypeOf(resource: unknown): ScimResourceType | undefined {
    if (!isObject(resource)) return undefined;
    for (const key of Object.keys(resource)) {
      const value = resource[key];
      if (key.toLowerCase() === 'schemas' && Array.isArray(value)) {
        for (const urn of value) {
          if (typeof urn !== 'string') continue;
          const rt = this.resourceTypes.find((r) => r.schema.toLowerCase() === urn.toLowerCase());
          if (rt) return rt;
        }
      }
    }
    for (const key of Object.keys(resource)) {
      const meta = resource[key];
      if (key.toLowerCase() === 'meta' && isObject(meta)) {
        for (const k of Object.keys(meta)) if (k.toLowerCase() === 'resourcetype' && typeof meta[k] === 'string') return this.resourceType(meta[k] as string);
      }
    }
    return undefined;
  }

  /** Whether `urn` is the base schema of some resource type (its attributes sit at the top level). */
  isBaseSchema(urn: string): boolean {
    return this.baseUrns.has(urn.toLowerCase());
  }

  /** Whether `urn` is a schema extension (its attributes sit under the URN key), for `resourceType` or any. */
  isExtension(urn: string, resourceType?: ScimResourceType): boolean {
    const lower = urn.toLowerCase();
    if (resourceType) return resourceType.schemaExtensions.some((e) => e.schema.toLowerCase() === lower);
    return this.extensionUrns.has(lower);
  }

  /**
   * Splits `text` after the longest known schema URN it starts with: `{ uri, rest }` where `rest` is what
   * follows the `:` (empty when `text` is the URN itself). Undefined when no known URN prefixes it.
   */
  splitUrn(text: string): { uri: string; rest: string } | undefined {
    const lower = text.toLowerCase();
    for (const urn of this.urnsLongestFirst) {
      if (lower.length === urn.length ? lower === urn : lower.length > urn.length && lower.charCodeAt(urn.length) === 58 && lower.startsWith(urn)) {
        return { uri: text.slice(0, urn.length), rest: text.slice(urn.length + 1) };
      }
    }
    return undefined;
  }

  /** Sub-attribute `name` of a complex attribute, ignoring case. */
  subAttribute(parent: ScimAttribute, name: string): ScimAttribute | undefined {
    if (!parent.subAttributes) return undefined;
    let index = this.subIndex.get(parent);
    if (!index) {
      index = indexAttributes(parent.subAttributes);
      this.subIndex.set(parent, index);
    }
    return index.get(name.toLowerCase());
  }

  /** A top-level attribute of one schema, ignoring case. */
  schemaAttribute(schemaUrn: string, name: string): ScimAttribute | undefined {
    return this.entry(schemaUrn)?.attributes.get(name.toLowerCase());
  }

  /**
   * Resolves an attribute path written any way RFC 7644 §3.10 allows: `userName`, `NAME.givenname`,
   * `urn:ietf:params:scim:schemas:core:2.0:User:name.givenName`,
   * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`, `meta.created`.
   * With a resource type, unqualified names resolve in its base schema; without, in any resource type's.
   */
  attribute(path: string | AttributePath, resourceType?: string | ScimResourceType): ResolvedAttribute | undefined {
    const parts = typeof path === 'string' ? this.splitPath(path) : path;
    if (!parts) return undefined;
    const rt = typeof resourceType === 'string' ? this.resourceType(resourceType) : resourceType;
    const found = this.top(parts.uri, parts.name, rt);
    if (!found) return undefined;
    const prefix = found.extension && found.schema ? `${found.schema.id}:` : '';
    if (!parts.subAttr) return { attribute: found.attribute, top: found.attribute, schema: found.schema, extension: found.extension, path: prefix + found.attribute.name };
    const sub = this.subAttribute(found.attribute, parts.subAttr);
    if (!sub) return undefined;
    return { attribute: sub, top: found.attribute, schema: found.schema, extension: found.extension, path: `${prefix}${found.attribute.name}.${sub.name}` };
  }

  private splitPath(text: string): AttributePath | undefined {
    let uri: string | undefined;
    let rest = text;
    const split = this.splitUrn(text);
    if (split) {
      uri = split.uri;
      rest = split.rest;
    } else if (text.includes(':')) {
      const at = text.lastIndexOf(':');
      uri = text.slice(0, at);
      rest = text.slice(at + 1);
    }
    if (rest === '') return undefined;
    const dot = rest.indexOf('.');
    const name = dot < 0 ? rest : rest.slice(0, dot);
    const subAttr = dot < 0 ? undefined : rest.slice(dot + 1);
    return { ...(uri ? { uri } : {}), name, ...(subAttr ? { subAttr } : {}) };
  }

  private top(uri: string | undefined, name: string, rt: ScimResourceType | undefined): { attribute: ScimAttribute; schema: ScimSchema | undefined; extension: boolean } | undefined {
    const lower = name.toLowerCase();
    if (uri) {
      const entry = this.entry(uri);
      if (!entry) return undefined;
      const attribute = entry.attributes.get(lower) ?? (this.isBaseSchema(uri) ? this.common.get(lower) : undefined);
      if (!attribute) return undefined;
      const extension = rt ? this.isExtension(uri, rt) : !this.isBaseSchema(uri) && this.isExtension(uri);
      return { attribute, schema: entry.schema, extension };
    }
    const common = this.common.get(lower);
    if (common) return { attribute: common, schema: undefined, extension: false };
    if (rt) {
      const entry = this.entry(rt.schema);
      const attribute = entry?.attributes.get(lower);
      return entry && attribute ? { attribute, schema: entry.schema, extension: false } : undefined;
    }
    for (const r of this.resourceTypes) {
      const entry = this.entry(r.schema);
      const attribute = entry?.attributes.get(lower);
      if (entry && attribute) return { attribute, schema: entry.schema, extension: false };
    }
    for (const [urn, entry] of this.byUrn) {
      if (this.extensionUrns.has(urn)) continue;
      const attribute = entry.attributes.get(lower);
      if (attribute) return { attribute, schema: entry.schema, extension: false };
    }
    return undefined;
  }
}
