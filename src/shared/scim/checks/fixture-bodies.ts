import { URN } from '../urns';

/** The bodies a run creates: valid by RFC 7643 §4.1 / §4.2, with values a check can recognise. */
export function userBody(userName: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [URN.user],
    userName,
    name: { givenName: 'Test', familyName: 'User', formatted: 'Test User' },
    displayName: `Test User ${userName}`,
    emails: [{ value: `${userName}@example.com`, type: 'work', primary: true }],
    active: true,
    ...overrides,
  };
}

export function groupBody(displayName: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [URN.group], displayName, members: [], ...overrides };
}

/**
 * The shared users of a run (filter, sort and paging checks read them, never change them): five users
 * whose userNames sort a < b < c < d < e, with values chosen so each filter operator has a non-trivial
 * answer among them. `withEnterprise`: the User type lists the Enterprise User extension.
 */
export function sharedUserBodies(prefix: string, withEnterprise: boolean): Record<string, unknown>[] {
  const rows = [
    { key: 'a', given: 'Alice', family: 'Archer', title: 'Engineer', active: true, number: '1001', department: 'Research', home: true },
    { key: 'b', given: 'Bob', family: 'Baker', title: 'Manager', active: false, number: '1002', department: 'Sales', home: false },
    { key: 'c', given: 'Carol', family: 'Carter', title: 'Engineer', active: true, number: '1003', department: 'Research', home: false },
    { key: 'd', given: 'Dan', family: 'Dawson', title: 'Director', active: true, number: '1004', department: 'Operations', home: true },
    { key: 'e', given: 'Eve', family: 'Evans', title: 'Analyst', active: false, number: '1005', department: 'Sales', home: false },
  ];
  return rows.map((row) => {
    const userName = `${prefix}-shared-${row.key}`;
    const emails: Record<string, unknown>[] = [{ value: `${userName}@work.example.com`, type: 'work', primary: true }];
    if (row.home) emails.push({ value: `${row.given.toLowerCase()}@home.example.org`, type: 'home' });
    return userBody(userName, {
      schemas: withEnterprise ? [URN.user, URN.enterpriseUser] : [URN.user],
      externalId: `${prefix}-ext-${row.key}`,
      name: { givenName: row.given, familyName: row.family, formatted: `${row.given} ${row.family}` },
      displayName: `${row.given} ${row.family}`,
      nickName: `${row.given.toLowerCase()}-${prefix}`,
      title: row.title,
      active: row.active,
      emails,
      ...(withEnterprise ? { [URN.enterpriseUser]: { employeeNumber: row.number, department: row.department } } : {}),
    });
  });
}
