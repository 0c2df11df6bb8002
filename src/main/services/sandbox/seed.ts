import { URN } from '@shared/scim';
import { prng } from '@shared/util/prng';

/** Demo data: the same for the same count, on every machine and every reset. */
export interface SeedData {
  users: SeedResource[];
  groups: SeedResource[];
}

export interface SeedResource {
  id: string;
  created: string;
  /** the resource as a client would have sent it (no id, no meta, no computed attributes) */
  body: Record<string, unknown>;
}

export const DEFAULT_SEED_USERS = 100;
const SEED_EPOCH = Date.UTC(2024, 0, 15, 9, 0, 0);

const GIVEN = [
  'Barbara', 'Ana', 'Kenji', 'Liam', 'Fatima', 'Chidi', 'Sofia', 'Mateo', 'Ingrid', 'Wei', 'Amara', 'Noah', 'Priya', 'Lukas',
  'Yuki', 'Olivia', 'Tomás', 'Zoë', 'Hiroshi', 'Emma', 'Arjun', 'Camille', 'Dmitri', 'Leila', 'Jonas', 'Mei', 'Oskar', 'Nadia',
  'Rafael', 'Sione', 'Aisha', 'Björn', 'Chloé', 'Diego', 'Elif', 'Finn', 'Grace', 'Hamid', 'Isla', 'Javier',
];
const FAMILY = [
  'Jensen', 'Smith', 'García', 'Nakamura', "O'Malley", 'Okafor', 'Lindqvist', 'Novak', 'Haddad', 'Chen', 'Müller', 'Rossi',
  'Kowalski', 'Andersen', 'Dubois', 'Silva', 'Patel', 'Kim', 'Nguyen', 'Johansson', 'Fernández', 'Ivanova', 'Mensah', 'Tanaka',
  'Schmidt', 'Larsen', 'Costa', 'Yilmaz', 'Murphy', 'Sørensen', 'Brown', 'Hernández', 'Wójcik', 'Papadopoulos', 'Svensson',
  'Ahmed', 'Peterson', 'Zhang', 'Moreau', 'Van der Berg',
];
const DEPARTMENTS = ['Engineering', 'Sales', 'Marketing', 'Finance', 'Human Resources', 'Support'] as const;
const TITLES: Record<(typeof DEPARTMENTS)[number], string[]> = {
  Engineering: ['Software Engineer', 'Senior Software Engineer', 'Site Reliability Engineer', 'QA Engineer'],
  Sales: ['Account Executive', 'Sales Development Representative', 'Solutions Consultant'],
  Marketing: ['Marketing Specialist', 'Content Strategist', 'Product Marketing Manager'],
  Finance: ['Financial Analyst', 'Accountant', 'Controller'],
  'Human Resources': ['HR Generalist', 'Recruiter', 'People Partner'],
  Support: ['Support Engineer', 'Customer Success Manager', 'Technical Writer'],
};
const CITIES = [
  { locality: 'Springfield', region: 'IL', postalCode: '62701', country: 'US', timezone: 'America/Chicago', locale: 'en-US' },
  { locality: 'Austin', region: 'TX', postalCode: '73301', country: 'US', timezone: 'America/Chicago', locale: 'en-US' },
  { locality: 'Toronto', region: 'ON', postalCode: 'M5H 2N2', country: 'CA', timezone: 'America/Toronto', locale: 'en-CA' },
  { locality: 'Dublin', region: 'Leinster', postalCode: 'D02 X285', country: 'IE', timezone: 'Europe/Dublin', locale: 'en-IE' },
  { locality: 'Berlin', region: 'Berlin', postalCode: '10115', country: 'DE', timezone: 'Europe/Berlin', locale: 'de-DE' },
  { locality: 'Tokyo', region: 'Tokyo', postalCode: '100-0001', country: 'JP', timezone: 'Asia/Tokyo', locale: 'ja-JP' },
];
const STREETS = ['Main Street', 'Oak Avenue', 'Harbour Road', 'Station Square', 'Elm Lane', 'Market Place'];
/** How many direct reports each manager has in the seeded org chart. */
const SPAN = 8;

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

/** A version-4-shaped UUID from the seeded generator. */
function uuid(random: () => number): string {
  const a = hex8(random() * 2 ** 32);
  const b = hex8(random() * 2 ** 32);
  const c = hex8(random() * 2 ** 32);
  const d = hex8(random() * 2 ** 32);
  const variant = ((parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

const ascii = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)]!;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Manager of user i in the org chart: a tree with SPAN reports per manager, rooted at user 0. */
export const managerIndex = (i: number): number | undefined => (i === 0 ? undefined : Math.floor((i - 1) / SPAN));
const hasReports = (i: number, count: number): boolean => i * SPAN + 1 < count;

export function generateSeed(userCount: number = DEFAULT_SEED_USERS): SeedData {
  const random = prng(0x5c1a_2024);
  const taken = new Map<string, number>();
  const users: SeedResource[] = [];
  for (let i = 0; i < userCount; i++) {
    const given = pick(GIVEN, random);
    const family = pick(FAMILY, random);
    const stem = `${ascii(given)}.${ascii(family)}`;
    const seen = taken.get(stem) ?? 0;
    taken.set(stem, seen + 1);
    const userName = seen === 0 ? stem : `${stem}${seen + 1}`;
    const department = i === 0 ? 'Engineering' : DEPARTMENTS[Math.floor(random() * DEPARTMENTS.length)]!;
    const city = pick(CITIES, random);
    const manages = hasReports(i, userCount);
    const title = i === 0 ? 'Chief Executive Officer' : manages ? `${department} Manager` : pick(TITLES[department], random);
    const id = uuid(random);
    const fullName = `${given} ${family}`;
    const workPhone = `+1-555-${pad(100 + (i % 900), 3)}-${pad(Math.floor(random() * 10000), 4)}`;
    const body: Record<string, unknown> = {
      schemas: [URN.user, URN.enterpriseUser],
      externalId: `emp-${pad(i + 1, 6)}`,
      userName,
      name: { formatted: fullName, familyName: family, givenName: given },
      displayName: fullName,
      nickName: given,
      title,
      userType: i % 11 === 10 ? 'Contractor' : 'Employee',
      preferredLanguage: city.locale,
      locale: city.locale,
      timezone: city.timezone,
      active: i % 23 !== 22,
      emails: [
        { value: `${userName}@example.com`, type: 'work', primary: true },
        ...(i % 3 === 0 ? [{ value: `${userName}@home.example.org`, type: 'home' }] : []),
      ],
      phoneNumbers: [
        { value: workPhone, type: 'work', primary: true },
        ...(i % 2 === 0 ? [{ value: `+1-555-${pad(Math.floor(random() * 1000), 3)}-${pad(Math.floor(random() * 10000), 4)}`, type: 'mobile' }] : []),
      ],
      addresses: [
        {
          type: 'work',
          streetAddress: `${1 + Math.floor(random() * 400)} ${pick(STREETS, random)}`,
          locality: city.locality,
          region: city.region,
          postalCode: city.postalCode,
          country: city.country,
          primary: true,
        },
      ],
      [URN.enterpriseUser]: {
        employeeNumber: String(10000 + i),
        costCenter: `CC-${100 + DEPARTMENTS.indexOf(department)}`,
        organization: 'Example Corp',
        division: department === 'Engineering' || department === 'Support' ? 'Product' : 'Business',
        department,
      },
    };
    const manager = managerIndex(i);
    if (manager !== undefined) {
      (body[URN.enterpriseUser] as Record<string, unknown>).manager = { value: users[manager]!.id };
    }
    users.push({ id, created: new Date(SEED_EPOCH + i * 60_000).toISOString(), body });
  }

  if (userCount === 0) return { users, groups: [] };
  const groupCreated = new Date(SEED_EPOCH - 86_400_000).toISOString();
  const ref = (index: number) => ({ value: users[index]!.id, type: 'User' });
  const groups: SeedResource[] = [];
  const group = (displayName: string, members: { value: string; type: string }[]) => {
    groups.push({ id: uuid(random), created: groupCreated, body: { schemas: [URN.group], displayName, externalId: `grp-${ascii(displayName)}`, members } });
  };
  for (const department of DEPARTMENTS) {
    const members = users.flatMap((u, i) => ((u.body[URN.enterpriseUser] as { department: string }).department === department ? [ref(i)] : []));
    group(department, members);
  }
  // the newest hires administer the tenant (so their Managers membership is indirect, below)
  const admins = users.slice(-3).map((_, k) => ref(Math.max(0, users.length - 3) + k));
  group('Administrators', admins);
  const managers = users.flatMap((_, i) => (hasReports(i, userCount) ? [ref(i)] : []));
  // nested: administrators are managers too, through the group (an indirect membership)
  group('Managers', [...managers, { value: groups[groups.length - 1]!.id, type: 'Group' }]);
  return { users, groups };
}
