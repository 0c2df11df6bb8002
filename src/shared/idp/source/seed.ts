import { prng } from '../../util/prng';
import { SOURCE_DIRECTORY_VERSION, type SourceDirectory, type SourceGroup, type SourceUser } from './model';

/** The domain of the seeded test users; not the sandbox's (example.com), so a first cycle creates rather than matches. */
export const SEED_DOMAIN = 'contoso.example';

interface Person {
  given: string;
  family: string;
  title: string;
  department: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
  language: string;
  mobile?: string;
}

// A small organisation with the spellings real directories have (accents, apostrophes, a particle).
const PEOPLE: Person[] = [
  { given: 'Adele', family: 'Vance', title: 'Chief Executive Officer', department: 'Executive', city: 'Seattle', state: 'WA', postalCode: '98101', country: 'US', language: 'en-US', mobile: '+1 206 555 0101' },
  { given: 'Alex', family: 'Wilber', title: 'Engineering Manager', department: 'Engineering', city: 'Seattle', state: 'WA', postalCode: '98101', country: 'US', language: 'en-US', mobile: '+1 206 555 0102' },
  { given: 'Diego', family: 'Siciliani', title: 'Senior Software Engineer', department: 'Engineering', city: 'Seattle', state: 'WA', postalCode: '98101', country: 'US', language: 'en-US' },
  { given: 'Zoë', family: "O'Brien", title: 'Site Reliability Engineer', department: 'Engineering', city: 'Dublin', state: 'Leinster', postalCode: 'D02 X285', country: 'IE', language: 'en-IE', mobile: '+353 1 555 0104' },
  { given: 'Kenji', family: 'Nakamura', title: 'QA Engineer', department: 'Engineering', city: 'Tokyo', state: 'Tokyo', postalCode: '100-0001', country: 'JP', language: 'ja-JP' },
  { given: 'Megan', family: 'Bowen', title: 'Sales Director', department: 'Sales', city: 'Austin', state: 'TX', postalCode: '73301', country: 'US', language: 'en-US', mobile: '+1 512 555 0106' },
  { given: 'José', family: 'García Márquez', title: 'Account Executive', department: 'Sales', city: 'Madrid', state: 'Madrid', postalCode: '28001', country: 'ES', language: 'es-ES' },
  { given: 'Ingrid', family: 'van der Berg', title: 'Solutions Consultant', department: 'Sales', city: 'Amsterdam', state: 'Noord-Holland', postalCode: '1012 AB', country: 'NL', language: 'nl-NL', mobile: '+31 20 555 0108' },
  { given: 'Priya', family: 'Raman', title: 'People Partner', department: 'Human Resources', city: 'Toronto', state: 'ON', postalCode: 'M5H 2N2', country: 'CA', language: 'en-CA' },
  { given: 'Lukas', family: 'Müller', title: 'Financial Analyst', department: 'Finance', city: 'Berlin', state: 'Berlin', postalCode: '10115', country: 'DE', language: 'de-DE', mobile: '+49 30 555 0110' },
  { given: 'Chidi', family: 'Okafor', title: 'Support Engineer', department: 'Support', city: 'Lagos', state: 'Lagos', postalCode: '100001', country: 'NG', language: 'en-NG' },
  { given: 'Sofía', family: 'Hernández', title: 'Technical Writer', department: 'Support', city: 'Mexico City', state: 'CDMX', postalCode: '06000', country: 'MX', language: 'es-MX' },
];

/** Who reports to whom in the seeded organisation (index → manager's index). */
const MANAGER_OF: Record<number, number> = { 1: 0, 2: 1, 3: 1, 4: 1, 5: 0, 6: 5, 7: 5, 8: 0, 9: 0, 10: 1, 11: 10 };

const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();

/** A version-4-shaped UUID from a seeded generator (ids that look like Entra's objectIds). */
export function seededUuid(random: () => number): string {
  const hex = (n: number) => Math.floor(random() * 16 ** n).toString(16).padStart(n, '0');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${((Math.floor(random() * 4) | 8) >>> 0).toString(16)}${hex(3)}-${hex(12)}`;
}

function user(person: Person, index: number, id: string, managerId: string | null, domain: string): SourceUser {
  const nickname = `${ascii(person.given)}.${ascii(person.family)}`;
  const upn = `${nickname}@${domain}`;
  return {
    id,
    assigned: true,
    softDeleted: false,
    attributes: {
      userPrincipalName: upn,
      mailNickname: nickname,
      givenName: person.given,
      surname: person.family,
      displayName: `${person.given} ${person.family}`,
      mail: upn,
      jobTitle: person.title,
      department: person.department,
      employeeId: String(100_001 + index),
      manager: managerId,
      telephoneNumber: null,
      mobile: person.mobile ?? null,
      streetAddress: `${1 + ((index * 37) % 900)} Main Street`,
      city: person.city,
      state: person.state,
      postalCode: person.postalCode,
      country: person.country,
      preferredLanguage: person.language,
    },
  };
}

/** The seeded test directory: 12 users in a small org chart and 3 groups. The same on every machine. */
export function seedDirectory(): SourceDirectory {
  const random = prng(20_200_620);
  const ids = PEOPLE.map(() => seededUuid(random));
  const users = PEOPLE.map((p, i) => user(p, i, ids[i]!, MANAGER_OF[i] !== undefined ? ids[MANAGER_OF[i]!]! : null, SEED_DOMAIN));
  const byDepartment = (department: string) => users.filter((u) => u.attributes.department === department).map((u) => u.id);
  const groups: SourceGroup[] = [
    { id: seededUuid(random), displayName: 'Product Engineering', mailNickname: 'engineering', description: 'Everyone who builds the product', assigned: true, members: byDepartment('Engineering') },
    { id: seededUuid(random), displayName: 'Sales EMEA & Americas', mailNickname: 'sales', description: 'Sales team', assigned: true, members: byDepartment('Sales') },
    { id: seededUuid(random), displayName: 'All Staff', mailNickname: 'all-staff', description: null, assigned: true, members: users.map((u) => u.id) },
  ];
  return { version: SOURCE_DIRECTORY_VERSION, users, groups };
}

/**
 * A larger directory for load runs and benchmarks: `userCount` users (names cycled from the seed's,
 * numbered to stay unique) and `groupCount` groups of about `membersPerGroup` users each.
 */
export function generateDirectory(userCount: number, groupCount: number, options: { membersPerGroup?: number; seed?: number; domain?: string } = {}): SourceDirectory {
  const random = prng(options.seed ?? 7);
  const domain = options.domain ?? SEED_DOMAIN;
  const ids = Array.from({ length: userCount }, () => seededUuid(random));
  const users = ids.map((id, i) => {
    const person = PEOPLE[i % PEOPLE.length]!;
    // numbered from the second round of names on, so every userName is unique
    const round = Math.floor(i / PEOPLE.length);
    const numbered = round === 0 ? person : { ...person, family: `${person.family} ${round + 1}` };
    const managerIndex = i === 0 ? null : Math.floor((i - 1) / 8);
    return user(numbered, i, id, managerIndex === null ? null : ids[managerIndex]!, domain);
  });
  const per = Math.min(userCount, options.membersPerGroup ?? 10);
  const groups: SourceGroup[] = Array.from({ length: groupCount }, (_, g) => ({
    id: seededUuid(random),
    displayName: `Team ${String(g + 1).padStart(3, '0')}`,
    mailNickname: `team-${g + 1}`,
    description: null,
    assigned: true,
    members: Array.from({ length: per }, (_, k) => ids[(g * per + k) % Math.max(1, userCount)]!).filter((v, k, all) => all.indexOf(v) === k),
  }));
  return { version: SOURCE_DIRECTORY_VERSION, users, groups };
}
