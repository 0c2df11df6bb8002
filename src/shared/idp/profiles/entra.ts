import type { JsonObject, JsonValue } from '../../scim/json';
import { URN } from '../../scim/urns';
import { buildResource, type Change } from '../mapping';
import type { IdpRequest, SourceRef } from '../types';
import { ENTERPRISE, chunks, encodeQuery, patchOp, quoted, randomGuid, type ClientProfile, type Member, type PlannedRequest } from './profile';

// Sources (Microsoft Learn, MicrosoftDocs/entra-docs):
export const TUTORIAL = 'Entra tutorial "Develop and plan provisioning for a SCIM endpoint"';
export const COMPAT = 'Entra "Known issues and resolutions with SCIM 2.0 protocol compliance"';
const JSON_TYPE: [string, string] = ['Content-Type', 'application/scim+json'];

const documented = (cite: string): SourceRef => ({ provenance: 'documented', cite });

/** One Entra request: a JSON body goes with `Content-Type: application/scim+json`. */
export function request(method: IdpRequest['method'], path: string, source: SourceRef, checks: string[], body?: JsonValue): IdpRequest {
  return { method, path, ...(body !== undefined ? { body } : {}), headers: body !== undefined ? [JSON_TYPE] : [], source, checks };
}

/**
 * The op names: Entra sends "Add", "Replace", "Remove" by default and the lower-case RFC names with the
 * aadOptscim062020 flag ("Don't require a case-sensitive match on … PATCH op … Microsoft Entra ID emits
 * the values of op as Add, Replace, and Remove" — tutorial; the flag's samples — compatibility doc).
 */
const opName = (flag: boolean, op: 'add' | 'replace' | 'remove') => (flag ? op : `${op[0]!.toUpperCase()}${op.slice(1)}`);

/** Booleans: `"value": "False"` by default, `false` with the flag (compatibility doc, "Requests made to disable users"). */
function wireValue(flag: boolean, value: JsonValue): JsonValue {
  return !flag && typeof value === 'boolean' ? (value ? 'True' : 'False') : value;
}

/** Add when the app holds no value, Replace when it does; a value-filter path is always Replace (tutorial "Update User [Multi-valued properties]"). */
function opFor(flag: boolean, change: Change): string {
  return opName(flag, change.current === undefined && !change.row.target.select ? 'add' : 'replace');
}

function isActiveOnly(changes: readonly Change[]): boolean {
  return changes.length === 1 && changes[0]!.row.target.name === 'active' && !changes[0]!.row.target.extension && typeof changes[0]!.value === 'boolean';
}

/** The operations of an attribute update, in the default shape or the flag's. */
function updateOperations(flag: boolean, changes: readonly Change[]): { operations: JsonValue[]; source: SourceRef; checks: string[] } {
  const single = changes.length === 1;
  const createsFiltered = changes.some((c) => c.row.target.select && c.current === undefined) ? ['En18'] : [];
  if (!flag) {
    const operations = changes.map((c) => ({ op: opFor(false, c), path: c.row.target.text, value: wireValue(false, c.value) }));
    if (isActiveOnly(changes)) return { operations, source: documented(`${COMPAT}: "Requests made to disable users", without feature flag`), checks: ['En09'] };
    return {
      operations,
      source: documented(single ? `${COMPAT}: "Requests to add a single-value string attribute", without feature flag` : `${COMPAT}: "Requests to replace multiple attributes", without feature flag`),
      checks: [single ? 'En11' : 'En12', ...createsFiltered],
    };
  }
  if (single) {
    const c = changes[0]!;
    const operations = [{ op: opFor(true, c), path: c.row.target.text, value: c.value }];
    if (isActiveOnly(changes)) return { operations, source: documented(`${COMPAT}: "Requests made to disable users", with feature flag`), checks: ['En10'] };
    return { operations, source: documented(`${COMPAT}: "Requests to add a single-value string attribute", with feature flag`), checks: createsFiltered };
  }
  // with the flag, value-filter paths keep their own op; the other attributes travel in one no-path
  // replace whose keys are attribute paths ("name.givenName", URN-qualified): the documented sample
  const filtered = changes.filter((c) => c.row.target.select);
  const rest = changes.filter((c) => !c.row.target.select);
  const operations: JsonValue[] = filtered.map((c) => ({ op: 'replace', path: c.row.target.text, value: c.value }));
  if (rest.length) operations.push({ op: 'replace', value: Object.fromEntries(rest.map((c) => [c.row.target.text, c.value])) });
  return { operations, source: documented(`${COMPAT}: "Requests to replace multiple attributes", with feature flag`), checks: ['En13', ...createsFiltered] };
}

function entraProfile(flag: boolean): ClientProfile {
  const id = flag ? 'entra-flag' : 'entra';
  const sources: SourceRef[] = [documented(TUTORIAL), documented(COMPAT)];
  return {
    id,
    idp: 'entra',
    label: flag ? 'Microsoft Entra ID (aadOptscim062020)' : 'Microsoft Entra ID',
    summary: flag
      ? 'Entra ID with ?aadOptscim062020 on the Tenant URL: lower-case ops, real booleans, members removed by filter path, several attributes in one no-path replace.'
      : 'Entra ID as it provisions a non-gallery SCIM app by default: "Replace"/"Add" ops, booleans as "True"/"False", members removed with a value list.',
    // the gallery checklist: "Support at least 25 requests per second per tenant"
    defaults: { rate: 25, membersPerRequest: 10, concurrency: 4 },
    sources,
    activeFromMapping: true,
    readsBeforeUpdate: false,
    deletesUsers: true,
    matchesGroups: true,
    reads: {
      notFound: 'A query that finds nothing must answer 200 with an empty ListResponse; a 404 fails the step (tutorial, "Get User by query - Zero results"). More than one match fails it too.',
      create: 'Needs 201 with the created resource and its id: Entra keeps the id for every later operation ("detects and caches the target system\'s ID").',
      writes: 'PATCH is answered 200 or 204 (the whole resource is not needed back); for groups 204 is advised. DELETE is answered 204.',
      retries: 'A 429 is sent again after Retry-After. Any other failure is retried in the next cycle (about every 40 minutes), less and less often; when most operations fail the job goes into quarantine ("How provisioning works").',
    },

    testConnection(matchingTarget, ctx) {
      // "Test Connection queries the SCIM endpoint for a user that doesn't exist, using a random GUID as
      // the matching property … The expected correct response is HTTP 200 OK with an empty SCIM ListResponse"
      const guid = randomGuid(ctx.random);
      return [
        {
          kind: 'test-users',
          title: 'Test connection: query a user that does not exist',
          request: request('GET', `/Users?filter=${encodeQuery(`${matchingTarget} eq ${quoted(guid)}`)}`, documented(`${TUTORIAL}: "Getting started", Test Connection`), ['En01']),
        },
        {
          kind: 'test-groups',
          title: 'Test connection: query a group that does not exist',
          request: request('GET', `/Groups?excludedAttributes=members&filter=${encodeQuery(`displayName eq ${quoted(guid)}`)}`, documented(`${TUTORIAL}: "Microsoft Entra ID makes requests to fetch a random user and group"`), ['En01', 'En05']),
        },
      ];
    },

    matchUser(matchingTarget, value) {
      const checks = /^emails\[/i.test(matchingTarget) ? ['En04'] : ['En02'];
      return {
        kind: 'match-user',
        title: `Match: query users where ${matchingTarget} eq the source value`,
        request: request('GET', `/Users?filter=${encodeQuery(`${matchingTarget} eq ${quoted(value)}`)}`, documented(`${TUTORIAL}: "Get User by query"`), checks),
      };
    },

    matchGroup(displayName) {
      return {
        kind: 'match-group',
        title: 'Match: query groups by displayName, without members',
        request: request('GET', `/Groups?excludedAttributes=members&filter=${encodeQuery(`displayName eq ${quoted(displayName)}`)}`, documented(`${TUTORIAL}: "Get Group by displayName"`), ['En05']),
      };
    },

    getUser(userId) {
      return { kind: 'get-user', title: 'Read the user by id', request: request('GET', `/Users/${encodeURIComponent(userId)}`, documented(`${TUTORIAL}: "Get User", Example 3`), []) };
    },

    getGroup(groupId) {
      return {
        kind: 'get-group',
        title: 'Read the group by id, without members',
        request: request('GET', `/Groups/${encodeURIComponent(groupId)}?excludedAttributes=members`, documented(`${TUTORIAL}: "Get Group"`), ['En05']),
      };
    },

    createUser(values) {
      // tutorial "Create User": both schema URNs listed (the extension's even without its object),
      // meta.resourceType and an empty roles list beside the mapped attributes
      const built = buildResource(values);
      const body: JsonObject = { schemas: [URN.user, ENTERPRISE], ...built, meta: { resourceType: 'User' }, roles: [] };
      return { kind: 'create-user', title: 'Create the user', request: request('POST', '/Users', documented(`${TUTORIAL}: "Create User"`), ['En06'], body), expect: [...values] };
    },

    updateUser(userId, changes) {
      const { operations, source, checks } = updateOperations(flag, changes);
      const kind = isActiveOnly(changes) ? (changes[0]!.value ? 'enable-user' : 'disable-user') : 'update-user';
      const title = kind === 'disable-user' ? 'Disable the user (active false)' : kind === 'enable-user' ? 'Enable the user again (active true)' : `Update ${changes.length} attribute${changes.length === 1 ? '' : 's'}`;
      return [{ kind, title, request: request('PATCH', `/Users/${encodeURIComponent(userId)}`, source, checks, patchOp(operations)), expect: changes.map((c) => ({ row: c.row, value: c.value })) }];
    },

    setActive(userId, active) {
      return {
        kind: active ? 'enable-user' : 'disable-user',
        title: active ? 'Enable the user again (active true)' : 'Disable the user (active false)',
        request: request('PATCH', `/Users/${encodeURIComponent(userId)}`, documented(`${COMPAT}: "Requests made to disable users"`), [flag ? 'En10' : 'En09'], patchOp([{ op: opName(flag, 'replace'), path: 'active', value: wireValue(flag, active) }])),
      };
    },

    deleteUser(userId) {
      return { kind: 'delete-user', title: 'Delete the user (hard delete, 30 days after the soft delete)', request: request('DELETE', `/Users/${encodeURIComponent(userId)}`, documented(`${TUTORIAL}: "Delete User"`), []) };
    },

    setManager(userId, managerId, hadManager, ctx) {
      const path = `/Users/${encodeURIComponent(userId)}`;
      if (managerId === null) {
        if (!hadManager) return undefined;
        return flag
          ? { kind: 'set-manager', title: 'Clear the manager', request: request('PATCH', path, { provenance: 'assumed', cite: 'not documented for the flag; sent as RFC 7644 remove' }, ['En17'], patchOp([{ op: 'remove', path: `${ENTERPRISE}:manager` }])) }
          : {
              kind: 'set-manager',
              title: 'Clear the manager',
              request: request('PATCH', path, { provenance: 'secondary', cite: 'Entra SCIM Validator payloads (user exports): manager removal as {"value":""}' }, ['En24'], patchOp([{ op: 'Replace', path: `${ENTERPRISE}:manager`, value: { value: '' } }])),
            };
      }
      if (flag) {
        return {
          kind: 'set-manager',
          title: 'Set the manager (a reference to another provisioned user)',
          request: request(
            'PATCH',
            path,
            { provenance: 'assumed', cite: 'the flag\'s documented changes do not cover the manager; sent in the RFC 7644 form (complex value under the enterprise URN)' },
            ['En17'],
            patchOp([{ op: hadManager ? 'replace' : 'add', path: `${ENTERPRISE}:manager`, value: { value: managerId } }]),
          ),
        };
      }
      return {
        kind: 'set-manager',
        title: 'Set the manager (a reference to another provisioned user)',
        request: request(
          'PATCH',
          path,
          documented(`${TUTORIAL}: Example 5, "Request from Microsoft Entra ID to an SCIM endpoint to update a user"`),
          ['En17'],
          patchOp([{ op: 'Add', path: 'manager', value: [{ $ref: `${ctx.baseUrl.replace(/\/+$/, '')}/Users/${managerId}`, value: managerId }] }]),
        ),
      };
    },

    createGroup(values) {
      // tutorial "Create Group" without the ADSCIM schema URN: the compatibility doc lists "Group creation
      // requests contain an invalid schema URI" as fixed on December 18, 2018 for the SCIM job
      const body: JsonObject = { schemas: [URN.group], ...buildResource(values), meta: { resourceType: 'Group' } };
      return {
        kind: 'create-group',
        title: 'Create the group (no members: they are added next)',
        request: request('POST', '/Groups', documented(`${TUTORIAL}: "Create Group" ("Groups are created with an empty members list"); ${COMPAT}: invalid group schema URI fixed`), ['En08'], body),
        expect: [...values],
      };
    },

    renameGroup(groupId, displayName) {
      return {
        kind: 'rename-group',
        title: 'Rename the group',
        request: request('PATCH', `/Groups/${encodeURIComponent(groupId)}`, documented(`${TUTORIAL}: "Update Group [Non-member attributes]"`), ['En19'], patchOp([{ op: opName(flag, 'replace'), path: 'displayName', value: displayName }])),
      };
    },

    membership(groupId, _displayName, add, remove, _all, batch) {
      const path = `/Groups/${encodeURIComponent(groupId)}`;
      const out: PlannedRequest[] = [];
      for (const part of chunks(add, batch)) {
        out.push({
          kind: 'add-members',
          title: `Add ${part.length} member${part.length === 1 ? '' : 's'}`,
          request: request(
            'PATCH',
            path,
            documented(`${TUTORIAL}: "Update Group [Add Members]"${flag ? ' (op lower-cased as the flag does)' : ''}; gallery checklist: several memberships in one PATCH`),
            ['En16', 'En19', ...(part.length > 1 ? ['En21'] : [])],
            patchOp([{ op: opName(flag, 'add'), path: 'members', value: part.map((m: Member) => ({ $ref: null, value: m.value })) }]),
          ),
        });
      }
      for (const part of chunks(remove, batch)) {
        const operations = flag
          ? part.map((m) => ({ op: 'remove', path: `members[value eq ${quoted(m.value)}]` }))
          : [{ op: 'Remove', path: 'members', value: part.map((m) => ({ value: m.value })) }];
        out.push({
          kind: 'remove-members',
          title: `Remove ${part.length} member${part.length === 1 ? '' : 's'}`,
          request: request('PATCH', path, documented(`${COMPAT}: "Requests made to remove a group member", ${flag ? 'with' : 'without'} feature flag`), [flag ? 'En15' : 'En14', 'En19', ...(part.length > 1 ? ['En21'] : [])], patchOp(operations)),
        });
      }
      return out;
    },

    deleteGroup(groupId) {
      return { kind: 'delete-group', title: 'Delete the group', request: request('DELETE', `/Groups/${encodeURIComponent(groupId)}`, documented(`${TUTORIAL}: "Delete Group"`), []) };
    },
  };
}

export const entra = entraProfile(false);
export const entraFlag = entraProfile(true);

