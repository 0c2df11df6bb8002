import { z } from 'zod';

/**
 * The test directory the simulator provisions from: users and groups as the IdP holds them. Attribute
 * names are Microsoft Entra ID's (userPrincipalName, givenName, surname, mail…); Okta's profile names
 * (login, firstName, lastName, email…) are a view over the same values (see `views.ts`).
 */
export const SOURCE_USER_ATTRIBUTES = [
  'userPrincipalName',
  'mailNickname',
  'givenName',
  'surname',
  'displayName',
  'mail',
  'jobTitle',
  'department',
  'employeeId',
  'manager',
  'telephoneNumber',
  'mobile',
  'facsimileTelephoneNumber',
  'streetAddress',
  'city',
  'state',
  'postalCode',
  'country',
  'physicalDeliveryOfficeName',
  'preferredLanguage',
] as const;
export type SourceUserAttribute = (typeof SOURCE_USER_ATTRIBUTES)[number];

const Id = z.string().min(1).max(200);
const AttributeValue = z.string().max(10_000).nullable();

export const SourceUser = z.object({
  /** the IdP's own id (Entra objectId, Okta user id) */
  id: Id,
  /** assigned to the app: in scope for provisioning */
  assigned: z.boolean().default(true),
  /** Entra: deleted to the recycle bin / disabled (IsSoftDeleted); Okta: deactivated or suspended */
  softDeleted: z.boolean().default(false),
  /** `manager` holds the source id of another user */
  attributes: z.record(z.string().min(1).max(200), AttributeValue).default({}),
});
export type SourceUser = z.infer<typeof SourceUser>;

export const SourceGroup = z.object({
  id: Id,
  displayName: z.string().min(1).max(500),
  /** Entra's mailNickname / Okta's group name as a short handle */
  mailNickname: z.string().max(500).nullable().default(null),
  description: z.string().max(2000).nullable().default(null),
  assigned: z.boolean().default(true),
  /** source ids of the member users */
  members: z.array(Id).default([]),
});
export type SourceGroup = z.infer<typeof SourceGroup>;

export const SOURCE_DIRECTORY_VERSION = 1;

export const SourceDirectory = z
  .object({
    version: z.literal(SOURCE_DIRECTORY_VERSION).default(SOURCE_DIRECTORY_VERSION),
    users: z.array(SourceUser).max(100_000),
    groups: z.array(SourceGroup).max(10_000).default([]),
  })
  .superRefine((dir, ctx) => {
    const seen = new Set<string>();
    dir.users.forEach((u, i) => {
      if (seen.has(u.id)) ctx.addIssue({ code: 'custom', path: ['users', i, 'id'], message: `the id "${u.id}" is used by another user` });
      seen.add(u.id);
    });
    const groupIds = new Set<string>();
    dir.groups.forEach((g, i) => {
      if (groupIds.has(g.id) || seen.has(g.id)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'id'], message: `the id "${g.id}" is used by another user or group` });
      groupIds.add(g.id);
    });
  });
export type SourceDirectory = z.infer<typeof SourceDirectory>;

/** What does not hold together in a directory (a member or manager that is not a user): warnings, not errors. */
export function directoryProblems(dir: SourceDirectory): string[] {
  const ids = new Set(dir.users.map((u) => u.id));
  const out: string[] = [];
  for (const u of dir.users) {
    const manager = u.attributes.manager;
    if (manager && !ids.has(manager)) out.push(`user ${u.id}: manager "${manager}" is not a user of the directory`);
    if (manager === u.id) out.push(`user ${u.id} is their own manager`);
  }
  for (const g of dir.groups) for (const m of g.members) if (!ids.has(m)) out.push(`group "${g.displayName}": member "${m}" is not a user of the directory`);
  return out;
}

/** A one-line label for a user in logs and lists. */
export function userLabel(user: SourceUser): string {
  return user.attributes.userPrincipalName ?? user.attributes.displayName ?? user.id;
}
