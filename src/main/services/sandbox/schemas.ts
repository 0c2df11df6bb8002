import { SchemaRegistry, coreResourceTypes, coreSchemas, URN, type ScimAttribute, type ScimResourceType, type ScimSchema } from '@shared/scim';

/** The resource types the sandbox serves: RFC 7643 §8.6's User (with the optional enterprise extension) and Group. */
export const SANDBOX_RESOURCE_TYPES: readonly ScimResourceType[] = coreResourceTypes;

function withAttribute(schema: ScimSchema, name: string, change: Partial<ScimAttribute>): ScimSchema {
  return { ...schema, attributes: schema.attributes.map((a) => (a.name === name ? { ...a, ...change } : a)) };
}

/**
 * RFC 7643's schemas as this server applies them. The one departure is declared, not hidden: group
 * displayName is unique here (uniqueness "server"), so /Schemas says what the server enforces.
 */
export function sandboxRegistry(): SchemaRegistry {
  const schemas = coreSchemas.map((schema) =>
    schema.id === URN.group
      ? withAttribute(schema, 'displayName', { uniqueness: 'server', description: 'A human-readable name for the Group, unique on this server. REQUIRED.' })
      : schema,
  );
  return new SchemaRegistry(schemas, SANDBOX_RESOURCE_TYPES);
}
