import type { SourceView } from '../expression';
import type { IdpKind } from '../types';
import { SOURCE_USER_ATTRIBUTES, type SourceGroup, type SourceUser } from './model';

/**
 * Okta's user profile names for the directory's values (Okta Universal Directory base profile:
 * login, firstName, lastName, email, title, department, employeeNumber, mobilePhone, primaryPhone,
 * streetAddress, city, state, zipCode, countryCode, locale). Source: Okta, "Okta user profile".
 */
const OKTA_NAMES: Record<string, string> = {
  login: 'userPrincipalName',
  firstName: 'givenName',
  lastName: 'surname',
  email: 'mail',
  displayName: 'displayName',
  nickName: 'mailNickname',
  title: 'jobTitle',
  department: 'department',
  employeeNumber: 'employeeId',
  managerId: 'manager',
  mobilePhone: 'mobile',
  primaryPhone: 'telephoneNumber',
  streetAddress: 'streetAddress',
  city: 'city',
  state: 'state',
  zipCode: 'postalCode',
  countryCode: 'country',
  preferredLanguage: 'preferredLanguage',
};

/** Okta's locale is `en_US` where Entra's preferredLanguage is `en-US`. */
const toLocale = (tag: string | null | undefined) => (tag ? tag.replace('-', '_') : null);

/** Every directory attribute, unset: a user's view starts from it, so an attribute the user lacks reads as empty, not unknown. */
const NO_VALUES: Readonly<Record<string, null>> = Object.fromEntries(SOURCE_USER_ATTRIBUTES.map((name) => [name, null]));

/** What the IdP's mapping expressions read for a user: its attributes under that IdP's names. */
export function userView(idp: IdpKind, user: SourceUser): SourceView {
  if (idp === 'entra') {
    return {
      ...NO_VALUES,
      ...user.attributes,
      objectId: user.id,
      // Entra computes IsSoftDeleted from deletion, disabling and unassignment ("how provisioning works")
      IsSoftDeleted: user.softDeleted || !user.assigned,
      accountEnabled: !user.softDeleted,
    };
  }
  const view: Record<string, string | boolean | null> = { id: user.id, status: user.softDeleted ? 'DEPROVISIONED' : 'ACTIVE' };
  for (const [okta, entra] of Object.entries(OKTA_NAMES)) view[okta] = user.attributes[entra] ?? null;
  view.locale = toLocale(user.attributes.preferredLanguage);
  return view;
}

/** The source attribute names a user view offers, for the mapping editor's hints. */
export function userAttributeNames(idp: IdpKind): string[] {
  return idp === 'entra' ? [...SOURCE_USER_ATTRIBUTES, 'objectId', 'IsSoftDeleted', 'accountEnabled'] : ['id', 'status', ...Object.keys(OKTA_NAMES), 'locale'];
}

export function groupView(idp: IdpKind, group: SourceGroup): SourceView {
  return idp === 'entra'
    ? { objectId: group.id, displayName: group.displayName, mailNickname: group.mailNickname, description: group.description }
    : { id: group.id, name: group.displayName, displayName: group.displayName, description: group.description };
}
