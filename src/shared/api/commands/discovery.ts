import { z } from 'zod';
import { command } from '../command';
import { AppError } from '../errors';

/** One discovery document as the server served it, or why it could not be had. */
export const DiscoveredDocument = z.object({
  /** '/ServiceProviderConfig', '/ResourceTypes' or '/Schemas' */
  path: z.string(),
  url: z.string(),
  status: z.number().int().optional(),
  /** the JSON as served */
  document: z.unknown().optional(),
  /** the `Resources` of a ListResponse (or a bare array), for /ResourceTypes and /Schemas */
  resources: z.array(z.unknown()).optional(),
  error: AppError.optional(),
  durationMs: z.number(),
});
export type DiscoveredDocument = z.infer<typeof DiscoveredDocument>;

/**
 * What an endpoint says about itself. The renderer builds its registry with
 * `SchemaRegistry.fromDiscovery(schemas.resources, resourceTypes.resources)`, or from the RFC 7643
 * core schemas when `usesCoreSchemas` is true (and then shows `notice`).
 */
export const Discovery = z.object({
  endpointId: z.string(),
  serviceProviderConfig: DiscoveredDocument,
  resourceTypes: DiscoveredDocument,
  schemas: DiscoveredDocument,
  /** the server served no usable /Schemas: the RFC 7643 core schemas stand in */
  usesCoreSchemas: z.boolean(),
  notice: z.string().optional(),
  /** what building the registry from the server's documents had to skip, default or repair */
  schemaRepairs: z.array(z.string()).default([]),
  /** ISO 8601; answers come from a per-endpoint cache until `refresh` */
  fetchedAt: z.string(),
  fromCache: z.boolean(),
});
export type Discovery = z.infer<typeof Discovery>;

export const discoveryCommands = {
  'discovery.get': command(z.object({ endpointId: z.string().min(1), refresh: z.boolean().default(false) }), Discovery),
};
