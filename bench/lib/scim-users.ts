/** Deterministic synthetic SCIM Users for benchmarks: varied case, missing, empty and multi-valued attributes. */

import { prng } from '@shared/util/prng';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const GIVEN = ['Barbara', 'John', 'Jane', 'Alice', 'Bob', 'Maria', 'Kenji', 'Olu', 'Sasha', 'Lee'];
const FAMILY = ['Jensen', "O'Malley", 'Smith', 'Doe', 'Nguyen', 'García', 'Tanaka', 'Okafor', 'Ivanova', 'Kim'];
const DOMAINS = ['example.com', 'EXAMPLE.COM', 'example.org', 'jensen.org', 'foo.com', 'Foo.Com'];
const USER_TYPES = ['Employee', 'employee', 'Intern', 'Contractor', undefined, undefined];
const TITLES = ['Tour Guide', 'Engineer', '', undefined, undefined, null];
const DEPARTMENTS = ['Sales', 'sales', 'Tour Operations', 'R&D', undefined];
const OFFSETS = ['Z', '+02:00', '-05:00', '.250Z', '+00:00'];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function instant(rnd: () => number): string {
  const ms = Date.UTC(2010, 0, 1) + Math.floor(rnd() * 15 * 365 * 86_400_000);
  const offset = pick(rnd, OFFSETS);
  const iso = new Date(ms).toISOString().slice(0, 19);
  if (offset === 'Z' || offset === '.250Z') return iso + offset;
  // write the same instant in the given offset
  const sign = offset[0] === '+' ? 1 : -1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4)));
  return new Date(ms + minutes * 60_000).toISOString().slice(0, 19) + offset;
}

export function generateUsers(count: number, seed = 7): Record<string, unknown>[] {
  const rnd = prng(seed);
  const users: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const given = pick(rnd, GIVEN);
    const family = pick(rnd, FAMILY);
    const login = `${given[0]}${family.replace(/[^A-Za-z]/g, '')}${i}`;
    const userName = rnd() < 0.3 ? login.toUpperCase() : rnd() < 0.5 ? login.toLowerCase() : login;
    const user: Record<string, unknown> = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: `Id-${i.toString(36)}${rnd() < 0.5 ? 'A' : 'a'}`,
      userName,
      name: { givenName: given, familyName: family },
      active: rnd() < 0.8,
      meta: { resourceType: 'User', created: '2010-01-01T00:00:00Z', lastModified: instant(rnd) },
    };
    const userType = pick(rnd, USER_TYPES);
    if (userType !== undefined) user.userType = userType;
    const title = pick(rnd, TITLES);
    if (title !== undefined) user.title = title;
    const emailCount = Math.floor(rnd() * 4);
    if (emailCount > 0 || rnd() < 0.2) {
      const emails: Record<string, unknown>[] = [];
      for (let e = 0; e < emailCount; e++) {
        emails.push({ value: `${given.toLowerCase()}.${i}.${e}@${pick(rnd, DOMAINS)}`, type: pick(rnd, ['work', 'home', 'Work', 'other']), ...(e === 0 ? { primary: true } : {}) });
      }
      user.emails = emails;
    }
    if (rnd() < 0.3) user.ims = [{ value: `${given}${i}@${pick(rnd, DOMAINS)}`, type: pick(rnd, ['xmpp', 'XMPP', 'aim']) }];
    const department = pick(rnd, DEPARTMENTS);
    if (department !== undefined) {
      (user.schemas as string[]).push(ENTERPRISE);
      user[ENTERPRISE] = { department, employeeNumber: String(1000 + i) };
    }
    users.push(user);
  }
  return users;
}
