import { describe } from './responses';
import type { ScimResponse } from './types';

/** "Could not create a test user: POST /Users → 400, SCIM Error …" */
export function fixtureFailureReason(what: string, endpoint: string, response: ScimResponse): string {
  return `Could not set up ${what} (${endpoint}): ${describe(response)}`;
}
