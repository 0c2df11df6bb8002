import { attr, complex } from './define';
import type { ScimAttribute } from './types';

/**
 * RFC 7643 §3.1: attributes every resource has, outside any schema's attribute list. `id` is
 * case-exact and assigned by the service provider; `meta` is entirely read-only.
 */
export const commonAttributes: ScimAttribute[] = [
  attr('id', 'string', 'A unique identifier for the resource, assigned by the service provider. Read-only; REQUIRED in responses.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attr('externalId', 'string', "An identifier for the resource as defined by the provisioning client. Case-exact.", { caseExact: true }),
  complex(
    'meta',
    'A complex attribute containing resource metadata. Read-only.',
    [
      attr('resourceType', 'string', 'The name of the resource type of the resource.', { caseExact: true, mutability: 'readOnly' }),
      attr('created', 'dateTime', 'The "DateTime" that the resource was added to the service provider.', { mutability: 'readOnly' }),
      attr('lastModified', 'dateTime', 'The most recent DateTime that the details of this resource were updated at the service provider.', {
        mutability: 'readOnly',
      }),
      attr('location', 'reference', 'The URI of the resource being returned (the same as the Content-Location header).', {
        caseExact: true,
        mutability: 'readOnly',
        referenceTypes: ['uri'],
      }),
      attr('version', 'string', 'The version (ETag, RFC 7232) of the resource being returned.', { caseExact: true, mutability: 'readOnly' }),
    ],
    { mutability: 'readOnly' },
  ),
];
