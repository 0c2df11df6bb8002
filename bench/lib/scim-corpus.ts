import { rfcFilterCorpus } from '../../test/fixtures/scim/rfc7644-filters';
import type { Resource } from './scim-peers';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** RFC 7644 §3.4.2.2's examples plus filters that probe case rules, missing attributes, URNs and instants. */
export function evaluationFilters(users: Resource[]): { text: string; probes: string }[] {
  const someone = users[123]!;
  return [
    ...rfcFilterCorpus.valid.map((text) => ({ text, probes: 'RFC 7644 §3.4.2.2 example' })),
    { text: `userName eq "${String(someone.userName).toLowerCase()}"`, probes: 'userName is not case-exact' },
    { text: `id eq "${String(someone.id).toUpperCase()}"`, probes: 'id is case-exact' },
    { text: 'emails.value ew "@example.com"', probes: 'emails.value is not case-exact' },
    { text: `${ENTERPRISE}:department eq "sales"`, probes: 'extension URN path' },
    { text: 'meta.lastModified gt "2017-01-01T02:00:00+02:00"', probes: 'dateTimes compare as instants' },
    { text: 'active eq false', probes: 'boolean equality' },
    { text: 'not (userType eq "Employee")', probes: 'not, missing attribute' },
    { text: 'userType ne "Intern"', probes: 'ne on a missing attribute' },
    { text: 'emails[type eq "work" and primary eq true]', probes: 'value filter, case-insensitive type' },
    { text: 'title pr and name.familyName sw "o\'"', probes: 'pr ignores "" and null' },
  ];
}

/** Filters RFC 7644's grammar rejects; a parser should throw on each. */
export const malformedFilters = [
  'userName',
  'userName eq',
  'userName eqq "x"',
  'userName eq "bjensen',
  'userName eq bjensen',
  '(userName eq "x"',
  'userName eq "x")',
  'userName eq "x" and',
  'emails[type eq "work"',
  'emails[value[type pr]]',
  'emails[]',
  'age gt 01',
  'userName eq "a\\qb"',
  '1abc eq "x"',
  'name.given.x eq "x"',
  'title pr pr',
  '"x" eq userName',
  'userName eq "x" or or title pr',
];
