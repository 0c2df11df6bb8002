import { cloneJson, type JsonObject, type JsonValue } from '../../scim/json';
import { URN } from '../../scim/urns';
import { buildResource, writeTarget } from '../mapping';
import type { IdpRequest, SourceRef } from '../types';
import { chunks, encodeQuery, patchOp, quoted, type ClientProfile, type Member, type PlannedRequest } from './profile';

// Source: Okta, "SCIM 2.0 Protocol Reference" (developer.okta.com/docs/reference/scim/scim-20),
// and the Okta SCIM 2.0 SPEC test steps quoted in the conformance catalogue (Ok13…Ok17).
export const REF = 'Okta "SCIM 2.0 Protocol Reference"';
// every request in Okta's reference carries this User-Agent
const AGENT: [string, string] = ['User-Agent', 'Okta SCIM Client 1.0.0'];
const JSON_TYPE: [string, string] = ['Content-Type', 'application/scim+json'];

const documented = (cite: string): SourceRef => ({ provenance: 'documented', cite });

/** One Okta request: every one carries Okta's User-Agent, a JSON body its Content-Type. */
export function request(method: IdpRequest['method'], path: string, source: SourceRef, checks: string[], body?: JsonValue): IdpRequest {
  return { method, path, ...(body !== undefined ? { body } : {}), headers: body !== undefined ? [AGENT, JSON_TYPE] : [AGENT], source, checks };
}

/** Okta sends a generated password with every create ("password": "1mz050nq" in the reference). */
function password(random: () => number): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyz0123456789';
  return Array.from({ length: 8 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
}

const userPath = (id: string) => `/Users/${encodeURIComponent(id)}`;
const groupPath = (id: string) => `/Groups/${encodeURIComponent(id)}`;

function oktaProfile(put: boolean): ClientProfile {
  const sources = [documented(REF)];
  /** Okta's PUT: the user as read, with the changed attributes written over it (reference, "Update the User") */
  const putUser = (userId: string, current: JsonObject | undefined, edit: (body: JsonObject) => void, kind: PlannedRequest['kind'], title: string, checks: string[]): PlannedRequest => {
    const body = current ? cloneJson(current) : { schemas: [URN.user], id: userId };
    edit(body);
    return { kind, title, request: request('PUT', userPath(userId), documented(`${REF}: "Update a specific User (PUT)"`), checks, body) };
  };
  const putGroup = (groupId: string, displayName: string, members: readonly Member[], kind: PlannedRequest['kind'], title: string, checks: string[]): PlannedRequest => ({
    kind,
    title,
    request: request('PUT', groupPath(groupId), documented(`${REF}: "Update a specific Group name" / "Update specific Group membership" (AIW apps: PUT)`), checks, {
      schemas: [URN.group],
      id: groupId,
      displayName,
      members: members.map((m) => ({ value: m.value, ...(m.display ? { display: m.display } : {}) })),
    }),
  });
  return {
    id: put ? 'okta-put' : 'okta',
    idp: 'okta',
    label: put ? 'Okta (App Integration Wizard: PUT updates)' : 'Okta (OIN: PATCH)',
    summary: put
      ? 'Okta custom app from the App Integration Wizard: every update, activation and group change is a GET then a PUT.'
      : 'Okta OIN integration: profile updates by GET + PUT, activation and deactivation by PATCH, Group Push by PATCH.',
    // Okta documents no request rate; the simulator paces it like Entra's gallery floor unless told otherwise
    defaults: { rate: 25, membersPerRequest: 100, concurrency: 4 },
    sources,
    activeFromMapping: false,
    readsBeforeUpdate: true,
    deletesUsers: false,
    matchesGroups: false,
    reads: {
      notFound: 'A query that finds nothing is answered 200 with an empty ListResponse, or 404 with a SCIM error: Okta documents both (the simulator flags the 404, which other clients do not take).',
      create: 'Needs 201 with the created user; an empty body is an error ("Create new user returned empty user"); a 409 stops the provisioning job for that user.',
      writes: `${put ? 'Every update is a GET then a PUT' : 'Profile updates are a GET then a PUT; activation and Group Push are PATCH'}: a PUT is answered 200 with the updated resource, a PATCH 200 with it or 204.`,
      retries: 'Throttled (429) and failed (5xx) requests are retried by Okta (secondary: third-party write-ups; the SCIM reference does not say); a task that keeps failing shows under the admin console\'s Tasks.',
    },

    testConnection() {
      // Okta's SPEC test, step 1: a list of one user to read its attributes
      return [{ kind: 'test-users', title: 'Test API credentials: list one user', request: request('GET', '/Users?startIndex=1&count=1', { provenance: 'secondary', cite: 'Okta SCIM 2.0 SPEC test, step 1' }, ['Ok13']) }];
    },

    matchUser(matchingTarget, value) {
      return {
        kind: 'match-user',
        title: `Match: does a user with this ${matchingTarget} exist?`,
        request: request('GET', `/Users?filter=${encodeQuery(`${matchingTarget} eq ${quoted(value)}`)}&startIndex=1&count=100`, documented(`${REF}: "Determine if the User already exists"`), ['Ok01']),
      };
    },

    matchGroup() {
      return undefined;
    },

    getUser(userId) {
      return { kind: 'get-user', title: 'Read the user (Okta reads before it writes)', request: request('GET', userPath(userId), documented(`${REF}: "Retrieve the User"`), []) };
    },

    getGroup(groupId) {
      return { kind: 'get-group', title: 'Read the group', request: request('GET', groupPath(groupId), documented(`${REF}: "Retrieve specific Groups"`), []) };
    },

    createUser(values, user, ctx) {
      const built = buildResource(values);
      const schemas: string[] = [URN.user];
      if (Object.keys(built).some((k) => k.toLowerCase() === URN.enterpriseUser.toLowerCase())) schemas.push(URN.enterpriseUser);
      const body: JsonObject = { schemas, ...built, groups: [], password: password(ctx.random), active: !user.softDeleted };
      return { kind: 'create-user', title: 'Create the user', request: request('POST', '/Users', documented(`${REF}: "Create the User"`), ['Ok02'], body), expect: [...values] };
    },

    updateUser(userId, changes, current) {
      return [
        putUser(
          userId,
          current,
          (body) => {
            for (const c of changes) writeTarget(body, c.row.target, c.value);
          },
          'update-user',
          `Update ${changes.length} attribute${changes.length === 1 ? '' : 's'} (PUT the user back changed)`,
          ['Ok05'],
        ),
      ];
    },

    setActive(userId, active, current) {
      if (put) return putUser(userId, current, (body) => (body.active = active), active ? 'enable-user' : 'disable-user', active ? 'Activate the user (PUT active true)' : 'Deactivate the user (PUT active false)', ['Ok07']);
      return {
        kind: active ? 'enable-user' : 'disable-user',
        title: active ? 'Activate the user' : 'Deactivate the user',
        request: request('PATCH', userPath(userId), documented(`${REF}: "Update a specific User (PATCH)": deactivation`), ['Ok06'], patchOp([{ op: 'replace', value: { active } }])),
      };
    },

    deleteUser() {
      // "Okta doesn't perform DELETE operations on User objects in your SCIM application"
      return undefined;
    },

    setManager() {
      return undefined;
    },

    createGroup(values) {
      const body: JsonObject = { schemas: [URN.group], ...buildResource(values), members: [] };
      return { kind: 'create-group', title: 'Push the group (created empty)', request: request('POST', '/Groups', documented(`${REF}: "Create Groups"`), ['Ok08'], body), expect: [...values] };
    },

    renameGroup(groupId, displayName, members) {
      if (put) return putGroup(groupId, displayName, members, 'rename-group', 'Rename the group (PUT)', ['Ok09']);
      return {
        kind: 'rename-group',
        title: 'Update the group name (Okta sends it with every membership update)',
        // the unchanged, readOnly id travels in the value, as Okta's reference shows
        request: request('PATCH', groupPath(groupId), documented(`${REF}: "Update a specific Group name"`), ['Ok09', 'Ok18'], patchOp([{ op: 'replace', value: { id: groupId, displayName } }])),
      };
    },

    membership(groupId, displayName, add, remove, all, batch) {
      if (add.length === 0 && remove.length === 0) return [];
      if (put) return [putGroup(groupId, displayName, all, 'replace-members', `Push the membership (PUT the group with its ${all.length} members)`, ['Ok11'])];
      // "The group name update operation is triggered each time there is a group membership update operation"
      const out: PlannedRequest[] = [this.renameGroup(groupId, displayName, all)];
      const removals = chunks(remove, batch);
      const additions = chunks(add, batch);
      for (let i = 0; i < Math.max(removals.length, additions.length); i++) {
        const rm = removals[i] ?? [];
        const ad = additions[i] ?? [];
        const operations: JsonValue[] = rm.map((m) => ({ op: 'remove', path: `members[value eq ${quoted(m.value)}]` }));
        if (ad.length) operations.push({ op: 'add', path: 'members', value: ad.map((m) => ({ value: m.value, ...(m.display ? { display: m.display } : {}) })) });
        out.push({
          kind: ad.length ? 'add-members' : 'remove-members',
          title: [ad.length ? `add ${ad.length}` : '', rm.length ? `remove ${rm.length}` : ''].filter(Boolean).join(', ').replace(/^./, (c) => c.toUpperCase()) + ` member${ad.length + rm.length === 1 ? '' : 's'}`,
          request: request('PATCH', groupPath(groupId), documented(`${REF}: "Update specific Group membership"`), ['Ok10', 'Ok18'], patchOp(operations)),
        });
      }
      return out;
    },

    deleteGroup(groupId) {
      return { kind: 'delete-group', title: 'Unlink the pushed group and delete it in the app', request: request('DELETE', groupPath(groupId), documented(`${REF}: "Delete a specific Group"`), ['Ok12']) };
    },
  };
}

export const okta = oktaProfile(false);
export const oktaPut = oktaProfile(true);
