import { URN, type SchemaRegistry, type ScimSchema } from '@shared/scim';
import { BASE_PATH, type SandboxLimits } from './constants';
import { notFound } from './errors';
import type { ScimObject } from './store';

export interface DiscoveryDocuments {
  serviceProviderConfig: string;
  resourceTypes: string;
  schemas: string;
  resourceType(id: string): string;
  schema(id: string): string;
}

function listResponse(resources: readonly ScimObject[]): string {
  return JSON.stringify({ schemas: [URN.listResponse], totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, Resources: resources });
}

/** Keeps only what the schema defines, so the document can never claim what its own schema does not describe. */
function conform(document: ScimObject, schema: ScimSchema | undefined): ScimObject {
  if (!schema) return document;
  const names = new Set(['schemas', 'id', 'meta', ...schema.attributes.map((a) => a.name)]);
  return Object.fromEntries(Object.entries(document).filter(([key]) => names.has(key)));
}

/**
 * `/ServiceProviderConfig`, `/ResourceTypes` and `/Schemas` (RFC 7644 §4), generated from the registry
 * the server validates and filters with, and from its actual limits: they cannot disagree with it.
 */
export function discoveryDocuments(registry: SchemaRegistry, limits: SandboxLimits, baseUrl: string, startedAt: string): DiscoveryDocuments {
  const meta = (resourceType: string, path: string) => ({ resourceType, created: startedAt, lastModified: startedAt, location: `${baseUrl}${path}` });
  const spc = conform(
    {
      schemas: [URN.serviceProviderConfig],
      documentationUri: 'https://www.rfc-editor.org/rfc/rfc7644',
      patch: { supported: true },
      bulk: { supported: true, maxOperations: limits.maxOperations, maxPayloadSize: limits.maxPayloadSize },
      filter: { supported: true, maxResults: limits.maxPageSize },
      changePassword: { supported: true },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [
        {
          type: 'oauthbearertoken',
          name: 'OAuth Bearer Token',
          description: 'Authentication with the sandbox token: "Authorization: Bearer <token>".',
          specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
          primary: true,
        },
        {
          type: 'httpbasic',
          name: 'HTTP Basic',
          description: 'Basic authentication: an existing userName with the sandbox token (or that user\'s own password) as the password.',
          specUri: 'https://www.rfc-editor.org/rfc/rfc7617',
        },
      ],
      pagination: {
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        defaultPageSize: limits.defaultPageSize,
        maxPageSize: limits.maxPageSize,
        cursorTimeout: limits.cursorTimeout,
      },
      meta: meta('ServiceProviderConfig', '/ServiceProviderConfig'),
    },
    registry.schema(URN.serviceProviderConfig),
  );
  const resourceTypes = registry.resourceTypes.map((rt) => ({
    schemas: [URN.resourceType],
    id: rt.id,
    name: rt.name,
    endpoint: rt.endpoint,
    ...(rt.description ? { description: rt.description } : {}),
    schema: rt.schema,
    schemaExtensions: rt.schemaExtensions.map((e) => ({ schema: e.schema, required: e.required })),
    meta: meta('ResourceType', `/ResourceTypes/${rt.id}`),
  }));
  const schemas = registry.schemas.map((schema) => ({
    schemas: [URN.schema],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes,
    meta: meta('Schema', `/Schemas/${schema.id}`),
  }));
  const byId = <T extends { id: string }>(list: readonly T[], id: string, what: string): string => {
    const found = list.find((entry) => entry.id === id) ?? list.find((entry) => entry.id.toLowerCase() === id.toLowerCase());
    if (!found) throw notFound(`No ${what} "${id}" on this server; GET ${BASE_PATH}/${what === 'schema' ? 'Schemas' : 'ResourceTypes'} lists them.`);
    return JSON.stringify(found);
  };
  return {
    serviceProviderConfig: JSON.stringify(spc),
    resourceTypes: listResponse(resourceTypes),
    schemas: listResponse(schemas),
    resourceType: (id) => byId(resourceTypes, id, 'resource type'),
    schema: (id) => byId(schemas, id, 'schema'),
  };
}
