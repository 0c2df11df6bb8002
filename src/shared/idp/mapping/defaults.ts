import { URN } from '../../scim/urns';
import type { IdpKind, ProfileId } from '../types';
import { MAPPING_VERSION, type MappingRow, type MappingSet } from './model';

const ENTERPRISE = URN.enterpriseUser;

type Row = Omit<MappingRow, 'id' | 'matching' | 'apply'> & Partial<Pick<MappingRow, 'matching' | 'apply'>>;

function rows(prefix: string, list: Row[]): MappingRow[] {
  return list.map((r, i) => ({ id: `${prefix}-${i + 1}`, matching: null, apply: 'always', ...r }));
}

/**
 * Entra ID's default user mappings for a non-gallery SCIM app. Source: Microsoft, "Tutorial: Develop and
 * plan provisioning for a SCIM endpoint in Microsoft Entra ID", the user attribute table under "Design
 * your user and group schema" (userPrincipalName → userName with matching precedence 1, IsSoftDeleted →
 * active through the Switch expression the default table uses, mailNickname → externalId, employeeId,
 * department and manager → the enterprise extension); `name.formatted` as Join(" ", …) is the default
 * that makes the tutorial's create request carry `"formatted": "givenName familyName"`.
 */
const ENTRA_USER: Row[] = [
  { source: '[userPrincipalName]', target: 'userName', matching: 1 },
  { source: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")', target: 'active' },
  { source: '[displayName]', target: 'displayName' },
  { source: '[jobTitle]', target: 'title' },
  { source: '[mail]', target: 'emails[type eq "work"].value' },
  { source: '[preferredLanguage]', target: 'preferredLanguage' },
  { source: '[givenName]', target: 'name.givenName' },
  { source: '[surname]', target: 'name.familyName' },
  { source: 'Join(" ", [givenName], [surname])', target: 'name.formatted' },
  { source: '[physicalDeliveryOfficeName]', target: 'addresses[type eq "other"].formatted' },
  { source: '[streetAddress]', target: 'addresses[type eq "work"].streetAddress' },
  { source: '[city]', target: 'addresses[type eq "work"].locality' },
  { source: '[state]', target: 'addresses[type eq "work"].region' },
  { source: '[postalCode]', target: 'addresses[type eq "work"].postalCode' },
  { source: '[country]', target: 'addresses[type eq "work"].country' },
  { source: '[telephoneNumber]', target: 'phoneNumbers[type eq "work"].value' },
  { source: '[mobile]', target: 'phoneNumbers[type eq "mobile"].value' },
  { source: '[facsimileTelephoneNumber]', target: 'phoneNumbers[type eq "fax"].value' },
  { source: '[mailNickname]', target: 'externalId' },
  { source: '[employeeId]', target: `${ENTERPRISE}:employeeNumber` },
  { source: '[department]', target: `${ENTERPRISE}:department` },
  { source: '[manager]', target: `${ENTERPRISE}:manager`, note: 'A reference: Entra sends the manager\'s id in your app once the manager is provisioned.' },
];

/** Entra ID's default group mappings (same tutorial, the group attribute table). */
const ENTRA_GROUP: Row[] = [
  { source: '[displayName]', target: 'displayName', matching: 1 },
  { source: '[objectId]', target: 'externalId' },
  { source: '[members]', target: 'members', note: 'Memberships: added and removed with PATCH after the group exists.' },
];

/**
 * Okta's default "To App" mappings for a SCIM 2.0 app, in the attributes of the create request in
 * Okta's "SCIM 2.0 Protocol Reference" (userName, name, the primary work email, displayName, locale,
 * externalId as the Okta user id; Okta adds active, password and groups itself). Okta matches users by
 * `userName` ("Determine if the User already exists").
 */
const OKTA_USER: Row[] = [
  { source: 'user.login', target: 'userName', matching: 1 },
  { source: 'user.firstName', target: 'name.givenName' },
  { source: 'user.lastName', target: 'name.familyName' },
  { source: 'user.email', target: 'emails[type eq "work"].value' },
  { source: 'user.displayName', target: 'displayName' },
  { source: 'user.locale', target: 'locale' },
  { source: 'user.id', target: 'externalId', apply: 'create' },
];

/** Okta Group Push sends the group's name and members (same reference, "Create Groups"). */
const OKTA_GROUP: Row[] = [
  { source: '[name]', target: 'displayName' },
  { source: '[members]', target: 'members', note: 'Group Push: memberships follow the Okta group.' },
];

export function idpOf(profile: ProfileId): IdpKind {
  return profile.startsWith('okta') ? 'okta' : 'entra';
}

/** The mapping table a profile starts with (what the IdP's admin console shows before any edit). */
export function defaultMappings(profile: ProfileId): MappingSet {
  const okta = idpOf(profile) === 'okta';
  return {
    version: MAPPING_VERSION,
    profile,
    user: rows('user', okta ? OKTA_USER : ENTRA_USER),
    group: rows('group', okta ? OKTA_GROUP : ENTRA_GROUP),
  };
}
