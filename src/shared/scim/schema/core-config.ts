import { URN } from '../urns';
import { attr, complex, multi } from './define';
import type { ScimAttribute, ScimSchema } from './types';

const readOnly = { mutability: 'readOnly' } as const;

function supported(name: string, description: string, extra: ScimAttribute[] = []): ScimAttribute {
  return complex(
    name,
    description,
    [attr('supported', 'boolean', 'A Boolean value specifying whether or not the operation is supported.', { ...readOnly, required: true }), ...extra],
    { ...readOnly, required: true },
  );
}

/** RFC 7643 §5 and §8.7.2: the ServiceProviderConfig schema (plus RFC 9865 §4's `pagination`). */
export const serviceProviderConfigSchema: ScimSchema = {
  id: URN.serviceProviderConfig,
  name: 'Service Provider Configuration',
  description: "Schema for representing the service provider's configuration",
  attributes: [
    attr('documentationUri', 'reference', "An HTTP-addressable URL pointing to the service provider's human-consumable help documentation.", {
      ...readOnly,
      referenceTypes: ['external'],
    }),
    supported('patch', 'A complex type that specifies PATCH configuration options.'),
    supported('bulk', 'A complex type that specifies bulk configuration options.', [
      attr('maxOperations', 'integer', 'An integer value specifying the maximum number of operations.', { ...readOnly, required: true }),
      attr('maxPayloadSize', 'integer', 'An integer value specifying the maximum payload size in bytes.', { ...readOnly, required: true }),
    ]),
    supported('filter', 'A complex type that specifies FILTER options.', [
      attr('maxResults', 'integer', 'An integer value specifying the maximum number of resources returned in a response.', { ...readOnly, required: true }),
    ]),
    supported('changePassword', 'A complex type that specifies configuration options related to changing a password.'),
    supported('sort', 'A complex type that specifies sort result options.'),
    supported('etag', 'A complex type that specifies ETag configuration options.'),
    multi(
      'authenticationSchemes',
      'A complex type that specifies supported authentication scheme properties.',
      [
        attr('type', 'string', 'The authentication scheme.', {
          ...readOnly,
          required: true,
          canonicalValues: ['oauth', 'oauth2', 'oauthbearertoken', 'httpbasic', 'httpdigest'],
        }),
        attr('name', 'string', "The common authentication scheme name, e.g., 'HTTP Basic'.", { ...readOnly, required: true }),
        attr('description', 'string', 'A description of the authentication scheme.', { ...readOnly, required: true }),
        attr('specUri', 'reference', "An HTTP-addressable URL pointing to the authentication scheme's specification.", { ...readOnly, referenceTypes: ['external'] }),
        attr('documentationUri', 'reference', "An HTTP-addressable URL pointing to the authentication scheme's usage documentation.", {
          ...readOnly,
          referenceTypes: ['external'],
        }),
        attr('primary', 'boolean', 'Whether this is the preferred authentication scheme.', readOnly),
      ],
      { ...readOnly, required: true },
    ),
    complex(
      'pagination',
      'RFC 9865: which pagination methods the service provider supports and their limits.',
      [
        attr('cursor', 'boolean', 'Whether cursor-based pagination is supported.', readOnly),
        attr('index', 'boolean', 'Whether index-based (startIndex) pagination is supported.', readOnly),
        attr('defaultPaginationMethod', 'string', 'The method used when a request names neither.', { ...readOnly, canonicalValues: ['cursor', 'index'] }),
        attr('defaultPageSize', 'integer', 'The page size used when a request has no count.', readOnly),
        attr('maxPageSize', 'integer', 'The largest count the service provider honours.', readOnly),
        attr('cursorTimeout', 'integer', 'Seconds a cursor stays valid.', readOnly),
      ],
      readOnly,
    ),
  ],
};

/** RFC 7643 §6 and §8.7.2: the ResourceType schema. */
export const resourceTypeSchema: ScimSchema = {
  id: URN.resourceType,
  name: 'ResourceType',
  description: 'Specifies the schema that describes a SCIM resource type',
  attributes: [
    attr('id', 'string', "The resource type's server unique id, often the same as the 'name'.", readOnly),
    attr('name', 'string', "The resource type name, used in the 'meta.resourceType' attribute, e.g., 'User'.", { ...readOnly, required: true }),
    attr('description', 'string', "The resource type's human-readable description.", readOnly),
    attr('endpoint', 'reference', "The resource type's HTTP-addressable endpoint relative to the Base URL, e.g., '/Users'.", {
      ...readOnly,
      required: true,
      referenceTypes: ['uri'],
    }),
    attr('schema', 'reference', "The resource type's primary/base schema URI.", { ...readOnly, required: true, caseExact: true, referenceTypes: ['uri'] }),
    multi(
      'schemaExtensions',
      "A list of URIs of the resource type's schema extensions.",
      [
        attr('schema', 'reference', 'The URI of a schema extension.', { ...readOnly, required: true, caseExact: true, referenceTypes: ['uri'] }),
        attr('required', 'boolean', 'Whether resources of this type must include the extension.', { ...readOnly, required: true }),
      ],
      readOnly,
    ),
  ],
};

function attributeDefinitionAttributes(withSubAttributes: boolean): ScimAttribute[] {
  const list: ScimAttribute[] = [
    attr('name', 'string', "The attribute's name.", { ...readOnly, required: true, caseExact: true }),
    attr('type', 'string', "The attribute's data type.", {
      ...readOnly,
      required: true,
      canonicalValues: ['string', 'complex', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'binary'],
    }),
    attr('multiValued', 'boolean', "A Boolean value indicating the attribute's plurality.", { ...readOnly, required: true }),
    attr('description', 'string', 'A human-readable description of the attribute.', readOnly),
    attr('required', 'boolean', 'A Boolean value indicating whether or not the attribute is required.', readOnly),
    attr('canonicalValues', 'string', "A collection of canonical values, e.g., 'work' and 'home'.", { ...readOnly, multiValued: true }),
    attr('caseExact', 'boolean', 'A Boolean value indicating whether or not a string attribute is case sensitive.', readOnly),
    attr('mutability', 'string', 'Whether or not an attribute is modifiable.', { ...readOnly, canonicalValues: ['readOnly', 'readWrite', 'immutable', 'writeOnly'] }),
    attr('returned', 'string', 'When an attribute and associated values are returned in a response.', {
      ...readOnly,
      canonicalValues: ['always', 'never', 'default', 'request'],
    }),
    attr('uniqueness', 'string', 'How the service provider enforces uniqueness of attribute values.', { ...readOnly, canonicalValues: ['none', 'server', 'global'] }),
    attr('referenceTypes', 'string', "The names of the resource types that may be referenced, e.g., 'User', or 'external', 'uri'.", {
      ...readOnly,
      multiValued: true,
    }),
  ];
  if (withSubAttributes) {
    list.push(multi('subAttributes', 'Used to define the sub-attributes of a complex attribute.', attributeDefinitionAttributes(false), readOnly));
  }
  return list;
}

/** RFC 7643 §7 and §8.7.2: the Schema schema (the shape of each `/Schemas` entry). */
export const schemaSchema: ScimSchema = {
  id: URN.schema,
  name: 'Schema',
  description: 'Specifies the schema attribute definitions of a resource',
  attributes: [
    attr('id', 'string', 'The unique URI of the schema.', { ...readOnly, required: true, caseExact: true }),
    attr('name', 'string', "The schema's human-readable name, e.g., 'User'.", readOnly),
    attr('description', 'string', "The schema's human-readable description.", readOnly),
    multi('attributes', "A complex attribute that includes the attributes of a schema.", attributeDefinitionAttributes(true), { ...readOnly, required: true }),
  ],
};
