import { URN } from '../urns';
import { attr, complex, multi, valueDisplayTypePrimary } from './define';
import type { ScimSchema } from './types';

const nameParts: [string, string][] = [
  ['formatted', "The full name, including all middle names, titles, and suffixes, formatted for display (e.g., 'Ms. Barbara J Jensen, III')."],
  ['familyName', "The family name of the User, or last name in most Western languages (e.g., 'Jensen')."],
  ['givenName', "The given name of the User, or first name in most Western languages (e.g., 'Barbara')."],
  ['middleName', "The middle name(s) of the User (e.g., 'Jane')."],
  ['honorificPrefix', "The honorific prefix(es) of the User, or title in most Western languages (e.g., 'Ms.')."],
  ['honorificSuffix', "The honorific suffix(es) of the User, or suffix in most Western languages (e.g., 'III')."],
];

const addressParts: [string, string][] = [
  ['formatted', 'The full mailing address, formatted for display or use with a mailing label. May contain newlines.'],
  ['streetAddress', 'The full street address component (house number, street name, P.O. box, extended street information).'],
  ['locality', 'The city or locality component.'],
  ['region', 'The state or region component.'],
  ['postalCode', 'The zip code or postal code component.'],
  ['country', 'The country name component (ISO 3166-1 alpha-2, e.g., "US").'],
];

/** RFC 7643 §4.1 and §8.7.1: the User resource schema. Every string attribute is case-insensitive. */
export const userSchema: ScimSchema = {
  id: URN.user,
  name: 'User',
  description: 'User Account',
  attributes: [
    attr(
      'userName',
      'string',
      "Unique identifier for the User, typically used to authenticate to the service provider. Each User MUST include a non-empty userName, unique across the service provider's Users. REQUIRED.",
      { required: true, uniqueness: 'server' },
    ),
    complex(
      'name',
      "The components of the user's real name.",
      nameParts.map(([n, d]) => attr(n, 'string', d)),
    ),
    attr('displayName', 'string', 'The name of the User, suitable for display to end-users.'),
    attr('nickName', 'string', "The casual way to address the user in real life, e.g., 'Bob' instead of 'Robert'."),
    attr('profileUrl', 'reference', "A fully qualified URL pointing to a page representing the User's online profile.", { referenceTypes: ['external'] }),
    attr('title', 'string', 'The user\'s title, such as "Vice President".'),
    attr('userType', 'string', "Used to identify the relationship between the organization and the user, e.g., 'Employee', 'Contractor', 'Intern'."),
    attr('preferredLanguage', 'string', "The User's preferred written or spoken language (RFC 7231 Accept-Language format, e.g., 'en-US')."),
    attr('locale', 'string', "The User's default location for localizing currency, date/time formats, numbers (e.g., 'en-US')."),
    attr('timezone', 'string', "The User's time zone in IANA 'Olson' format, e.g., 'America/Los_Angeles'."),
    attr('active', 'boolean', "A Boolean value indicating the User's administrative status."),
    attr('password', 'string', "The User's cleartext password, to set an initial password or reset it. Never returned.", {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    multi('emails', "Email addresses for the user. Canonical type values: 'work', 'home', 'other'.", valueDisplayTypePrimary('an email address', 'string', ['work', 'home', 'other'])),
    multi(
      'phoneNumbers',
      "Phone numbers for the User (RFC 3966 format preferred, e.g., 'tel:+1-201-555-0123').",
      valueDisplayTypePrimary('a phone number', 'string', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    ),
    multi('ims', 'Instant messaging addresses for the User.', valueDisplayTypePrimary('an instant messaging address', 'string', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'])),
    multi('photos', 'URLs of photos of the User.', valueDisplayTypePrimary('a photo URL', 'reference', ['photo', 'thumbnail'], { referenceTypes: ['external'] })),
    multi('addresses', "A physical mailing address for this User. Canonical type values: 'work', 'home', 'other'.", [
      ...addressParts.map(([n, d]) => attr(n, 'string', d)),
      attr('type', 'string', "A label indicating the attribute's function, e.g., 'work' or 'home'.", { canonicalValues: ['work', 'home', 'other'] }),
      // §8.7.1's representation omits "primary" for addresses, but §2.4 gives every multi-valued
      // attribute one and the §8.2 full User example uses it.
      attr('primary', 'boolean', "A Boolean value indicating the primary mailing address; 'true' MUST appear no more than once."),
    ]),
    multi(
      'groups',
      'A list of groups to which the user belongs, through direct membership, nested groups, or dynamically calculated. Read-only: change membership through the Group.',
      [
        attr('value', 'string', "The identifier of the User's group.", { mutability: 'readOnly' }),
        attr('$ref', 'reference', "The URI of the corresponding 'Group' resource.", { mutability: 'readOnly', referenceTypes: ['User', 'Group'] }),
        attr('display', 'string', 'A human-readable name, primarily used for display purposes. READ-ONLY.', { mutability: 'readOnly' }),
        attr('type', 'string', "A label indicating the membership, 'direct' or 'indirect'.", { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] }),
      ],
      { mutability: 'readOnly' },
    ),
    multi('entitlements', 'A list of entitlements for the User that represent a thing the User has.', valueDisplayTypePrimary('an entitlement', 'string', undefined)),
    multi('roles', "A list of roles for the User that collectively represent who the User is, e.g., 'Student', 'Faculty'.", valueDisplayTypePrimary('a role', 'string', undefined)),
    // RFC 7643 §2.3.6: binary values are case exact (§8.7.1's representation says false; §2.3.6 is normative).
    multi('x509Certificates', 'A list of certificates issued to the User.', valueDisplayTypePrimary('an X.509 certificate (base64 DER)', 'binary', undefined, { caseExact: true })),
  ],
};

/** RFC 7643 §4.3 and §8.7.1: the enterprise User extension. */
export const enterpriseUserSchema: ScimSchema = {
  id: URN.enterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attr('employeeNumber', 'string', 'Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization.'),
    attr('costCenter', 'string', 'Identifies the name of a cost center.'),
    attr('organization', 'string', 'Identifies the name of an organization.'),
    attr('division', 'string', 'Identifies the name of a division.'),
    attr('department', 'string', 'Identifies the name of a department.'),
    complex("manager", "The User's manager. A complex type that optionally allows service providers to represent organizational hierarchy by referencing the 'id' attribute of another User.", [
      attr('value', 'string', "The id of the SCIM resource representing the User's manager. RECOMMENDED."),
      attr('$ref', 'reference', "The URI of the SCIM resource representing the User's manager. RECOMMENDED.", { referenceTypes: ['User'] }),
      attr('displayName', 'string', "The displayName of the User's manager. Read-only.", { mutability: 'readOnly' }),
    ]),
  ],
};
