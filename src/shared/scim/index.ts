/** SCIM 2.0 protocol core (RFC 7643, RFC 7644, RFC 9865): pure TypeScript, no Node or DOM APIs. */
export * from './errors';
export { URN } from './urns';
export type { JsonObject, JsonValue, JsonPrimitive } from './json';
export { parseDateTime } from './datetime';
export * from './filter';
export { parsePath, type PatchPath } from './path';
export * from './schema/types';
export { coreSchemas, coreResourceTypes } from './schema/core';
export { SchemaRegistry, type ResolvedAttribute } from './schema/registry';
export * from './patch';
export * from './validate';
export { toJsonSchema, type JsonSchema, type JsonSchemaOperation } from './schema/json-schema';
export { buildQuery, type ScimQuery } from './query';
