import { URN } from '../urns';
import { serviceProviderConfigSchema, resourceTypeSchema, schemaSchema } from './core-config';
import { groupSchema } from './core-group';
import { enterpriseUserSchema, userSchema } from './core-user';
import type { ScimResourceType, ScimSchema } from './types';

/**
 * The schemas RFC 7643 §8.7 defines: User, Group, EnterpriseUser (§8.7.1) and ServiceProviderConfig,
 * ResourceType, Schema (§8.7.2), in the `/Schemas` representation (RFC 7643 §7).
 */
export const coreSchemas: readonly ScimSchema[] = [userSchema, groupSchema, enterpriseUserSchema, serviceProviderConfigSchema, resourceTypeSchema, schemaSchema];

/** The User and Group resource types of RFC 7643 §8.6 (User with the optional enterprise extension). */
export const coreResourceTypes: readonly ScimResourceType[] = [
  {
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: URN.user,
    schemaExtensions: [{ schema: URN.enterpriseUser, required: false }],
  },
  { id: 'Group', name: 'Group', endpoint: '/Groups', description: 'Group', schema: URN.group, schemaExtensions: [] },
];

export { userSchema, groupSchema, enterpriseUserSchema, serviceProviderConfigSchema, resourceTypeSchema, schemaSchema };
