import type { SourceRef } from '../types';
import { REF, request } from './okta';
import type { PlannedRequest } from './profile';

const SPEC = (step: string): SourceRef => ({ provenance: 'secondary', cite: `Okta SCIM 2.0 SPEC test, ${step}` });

/** The id Okta's SPEC test reads to see a 404 (a user that cannot exist). */
export const SPEC_UNKNOWN_USER_ID = '00919288221112222';

/**
 * Requests of Okta's import and of its SPEC test (the Runscope/BlazeMeter test an OIN submission runs)
 * that the simulator's cycles do not send; the Okta-compat checks (Ok04, Ok15, Ok16, Ok17) send them.
 */
export const oktaSpec = {
  /** Okta's user import: pages of 100 from startIndex 1, then 101… */
  importPage(startIndex: number, count = 100): PlannedRequest {
    return {
      kind: 'test-users',
      title: `Import users: the page from ${startIndex}`,
      request: request('GET', `/Users?startIndex=${startIndex}&count=${count}`, { provenance: 'documented', cite: `${REF}: "Retrieve Users" (imports page with startIndex and count=100)` }, ['Ok04']),
    };
  },

  /** SPEC step 10: the groups, timed. */
  listGroups(): PlannedRequest {
    return { kind: 'test-groups', title: 'List the groups (SPEC step 10)', request: request('GET', '/Groups', SPEC('step 10'), ['Ok15']) };
  },

  /** SPEC step 11: a list with a wrong token (the check sends it with other credentials). */
  badToken(): PlannedRequest {
    return { kind: 'test-users', title: 'List users with a wrong token (SPEC step 11)', request: request('GET', '/Users?startIndex=1&count=1', SPEC('step 11'), ['Ok16']) };
  },

  /** SPEC step 12: a user id that does not exist. */
  unknownUser(): PlannedRequest {
    return { kind: 'get-user', title: 'Read a user that does not exist (SPEC step 12)', request: request('GET', `/Users/${SPEC_UNKNOWN_USER_ID}`, SPEC('step 12'), ['Ok17']) };
  },
};
