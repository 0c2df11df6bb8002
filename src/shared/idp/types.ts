import { z } from 'zod';
import type { JsonValue } from '../scim/json';

export const PROFILE_IDS = ['entra', 'entra-flag', 'okta', 'okta-put'] as const;
export const ProfileId = z.enum(PROFILE_IDS);
export type ProfileId = z.infer<typeof ProfileId>;

export type IdpKind = 'entra' | 'okta';

/**
 * Where a request shape comes from: `documented` in the IdP's own docs, `secondary` only in
 * third-party material (validator exports, server test suites), `assumed` where no source says and the
 * simulator sends the RFC 7644 form (say so wherever the step is shown).
 */
export type Provenance = 'documented' | 'secondary' | 'assumed';

export interface SourceRef {
  provenance: Provenance;
  /** document and section, e.g. "Entra tutorial: Update Group [Add Members]" */
  cite: string;
}

export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request exactly as the IdP would send it, relative to the tenant URL (the endpoint's base URL). */
export interface IdpRequest {
  method: HttpVerb;
  /** `/Users?filter=…`: already percent-encoded as the IdP encodes it */
  path: string;
  body?: JsonValue;
  /** besides auth, which the endpoint supplies */
  headers: [string, string][];
  source: SourceRef;
  /** the catalogue checks this shape exercises (En01…En24, Ok01…Ok18) */
  checks: string[];
}

/** What the simulator asks of a step's answer, and how the IdP would read it. */
export type StepKind =
  | 'test-users'
  | 'test-groups'
  | 'match-user'
  | 'match-group'
  | 'get-user'
  | 'get-group'
  | 'create-user'
  | 'update-user'
  | 'disable-user'
  | 'enable-user'
  | 'delete-user'
  | 'set-manager'
  | 'create-group'
  | 'rename-group'
  | 'add-members'
  | 'remove-members'
  | 'replace-members'
  | 'delete-group'
  | 'confirm-soft-delete';

/** The phases the IdPs' provisioning logs show for every object (Entra: "Provision on demand" steps). */
export type Phase = 'import' | 'scope' | 'match' | 'action' | 'export';
