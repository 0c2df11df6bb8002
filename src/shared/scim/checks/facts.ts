import { coreResourceTypes } from '../schema/core';
import { SchemaRegistry } from '../schema/registry';
import type { ScimResourceType } from '../schema/types';
import { URN } from '../urns';
import { readFeatures } from './features';
import { resourcesOf } from './responses';
import type { ScimResponse, ServerFacts } from './types';

const ok = (response: ScimResponse) => response.status >= 200 && response.status < 300 && response.json !== undefined;

/** Entries of a discovery list: a ListResponse's Resources, or a bare array (a common departure). */
function entries(response: ScimResponse): unknown[] | undefined {
  if (!ok(response)) return undefined;
  return resourcesOf(response.json) ?? (Array.isArray(response.json) ? response.json : undefined);
}

function typeFor(types: readonly ScimResourceType[], urn: string, name: string): ScimResourceType | undefined {
  return types.find((t) => t.schema.toLowerCase() === urn.toLowerCase()) ?? types.find((t) => t.name.toLowerCase() === name.toLowerCase());
}

/**
 * What a run knows before its checks: the features the ServiceProviderConfig claims, and the server's
 * schemas and resource types, with the RFC 7643 core schemas standing in where the server serves none.
 */
export function buildFacts(baseUrl: string, discovery: ServerFacts['discovery'], endpoint: Pick<ServerFacts, 'authKind' | 'containsCredential' | 'limitedCredential'> = { authKind: 'none', containsCredential: () => false }): ServerFacts {
  const spc = ok(discovery.serviceProviderConfig) ? discovery.serviceProviderConfig.json : undefined;
  const schemaEntries = entries(discovery.schemas);
  const typeEntries = entries(discovery.resourceTypes);
  let registry = schemaEntries && schemaEntries.length > 0 ? SchemaRegistry.fromDiscovery(schemaEntries, typeEntries ?? []) : undefined;
  const servedSchema = registry?.schemas.some((s) => schemaEntries!.some((e) => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === s.id));
  const usesCoreSchemas = !registry || !servedSchema;
  if (usesCoreSchemas) {
    // the server's own resource types still say which endpoints exist, when it lists them
    const served = typeEntries ? SchemaRegistry.fromDiscovery([], typeEntries).resourceTypes : [];
    registry = served.length > 0 ? SchemaRegistry.fromDiscovery(SchemaRegistry.core().schemas, typeEntries) : SchemaRegistry.core();
  }
  const types = registry!.resourceTypes.length > 0 ? registry!.resourceTypes : coreResourceTypes;
  const userType = typeFor(types, URN.user, 'User');
  const groupType = typeFor(types, URN.group, 'Group');
  return {
    baseUrl,
    ...endpoint,
    features: readFeatures(spc),
    registry: registry!,
    usesCoreSchemas,
    discovery,
    ...(userType ? { userType } : {}),
    ...(groupType ? { groupType } : {}),
  };
}
