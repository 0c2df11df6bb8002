import { cloneJson, isObject, type JsonObject } from '../../scim/json';
import { URN } from '../../scim/urns';
import type { SourceRef } from '../types';
import { COMPAT, TUTORIAL, request } from './entra';
import { encodeQuery, patchOp, type PlannedRequest } from './profile';

/** The Entra tutorial's Example 2 writes the extension URN without its last colon. */
export const MALFORMED_ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User';
/** The schema URN the tutorial's "Create Group" request lists beside the core Group schema. */
export const ADSCIM_GROUP_URN = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

const documented = (cite: string): SourceRef => ({ provenance: 'documented', cite });
const VALIDATOR: SourceRef = { provenance: 'secondary', cite: 'Microsoft SCIM Validator payloads (user exports)' };

export interface Example2User {
  userName: string;
  externalId: string;
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
}

/**
 * Requests Entra ID's own documents show that its provisioning cycle no longer sends, or sends only in
 * some set-ups (the tutorial's legacy examples, a schema URN fixed in 2018), and the SCIM Validator's
 * payloads that only third parties report. The simulator's cycles never send these; the Entra-compat
 * checks (En03, En07, En08, En24) send them exactly as written.
 */
export const entraExamples = {
  /** Tutorial Example 1, "Query the service for a matching user": the value not quoted. */
  unquotedExternalIdQuery(externalId: string): PlannedRequest {
    return {
      kind: 'match-user',
      title: 'Match by externalId, the value unquoted (tutorial Example 1)',
      request: request('GET', `/Users?filter=${encodeQuery(`externalId eq ${externalId}`)}`, documented(`${TUTORIAL}: Example 1, "Query the service for a matching user"`), ['En03']),
    };
  },

  /**
   * Tutorial Example 2, "Provision a user": the enterprise URN without its last colon, explicit nulls,
   * and `department` and `manager` at the top level.
   */
  example2CreateUser(user: Example2User): PlannedRequest {
    return {
      kind: 'create-user',
      title: 'Create a user as the tutorial\'s Example 2 writes it',
      request: request('POST', '/Users', documented(`${TUTORIAL}: Example 2, "Provision a user"`), ['En07'], {
        schemas: [URN.user, MALFORMED_ENTERPRISE_URN],
        externalId: user.externalId,
        userName: user.userName,
        active: true,
        addresses: null,
        displayName: user.displayName,
        emails: [{ type: 'work', value: user.email, primary: true }],
        meta: { resourceType: 'User' },
        name: { familyName: user.familyName, givenName: user.givenName },
        phoneNumbers: null,
        preferredLanguage: null,
        title: null,
        department: null,
        manager: null,
      }),
    };
  },

  /** The tutorial's "Create Group" request with the ADSCIM schema URN (the compatibility doc lists it as fixed on December 18, 2018). */
  adscimCreateGroup(displayName: string, externalId: string): PlannedRequest {
    return {
      kind: 'create-group',
      title: 'Create a group listing the ADSCIM schema URN (tutorial "Create Group", before the 2018 fix)',
      request: request('POST', '/Groups', documented(`${TUTORIAL}: "Create Group"; ${COMPAT}: "Group creation requests contain an invalid schema URI", fixed December 18, 2018`), ['En08'], {
        schemas: [URN.group, ADSCIM_GROUP_URN],
        externalId,
        displayName,
        meta: { resourceType: 'Group' },
      }),
    };
  },

  /** The tutorial's "Update Group [Remove Members]": the members to remove as a value list, each with "$ref": null. */
  tutorialRemoveMembers(groupId: string, ids: readonly string[]): PlannedRequest {
    return {
      kind: 'remove-members',
      title: `Remove ${ids.length} member${ids.length === 1 ? '' : 's'} ("$ref": null, tutorial)`,
      request: request('PATCH', `/Groups/${encodeURIComponent(groupId)}`, documented(`${TUTORIAL}: "Update Group [Remove Members]"`), ['En16'], patchOp([{ op: 'Remove', path: 'members', value: ids.map((value) => ({ $ref: null, value })) }])),
    };
  },

  /** The SCIM Validator's create with an app role whose `primary` is the string "True" (SingleAppRoleAssignment). */
  validatorCreateWithRole(create: PlannedRequest, role: string): PlannedRequest {
    const body: JsonObject = isObject(create.request.body) ? cloneJson(create.request.body) : {};
    body.roles = [{ primary: 'True', display: role, value: role, type: 'WindowsAzureActiveDirectoryRole' }];
    return { ...create, title: 'Create a user with an app role, "primary": "True" (SCIM Validator)', request: { ...create.request, body, source: VALIDATOR, checks: ['En24'] } };
  },

  /** The SCIM Validator's manager update: the manager's id as a plain string, not {"value": id}. */
  validatorManagerRawId(userId: string, managerId: string): PlannedRequest {
    return {
      kind: 'set-manager',
      title: 'Set the manager as a plain id (SCIM Validator)',
      request: request('PATCH', `/Users/${encodeURIComponent(userId)}`, VALIDATOR, ['En24'], patchOp([{ op: 'replace', path: `${URN.enterpriseUser}:manager`, value: managerId }])),
    };
  },
};
