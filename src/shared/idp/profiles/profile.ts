import type { JsonObject, JsonValue } from '../../scim/json';
import { URN } from '../../scim/urns';
import type { Change, TargetValue } from '../mapping';
import type { SourceGroup, SourceUser } from '../source/model';
import type { IdpKind, IdpRequest, ProfileId, SourceRef, StepKind } from '../types';

/** A member as the IdP sends it: the user's id in the app, and (Okta) its display name. */
export interface Member {
  value: string;
  display?: string;
}

/** What the request builders need besides the data: where the app lives and a source of randomness. */
export interface BuildContext {
  /** the tenant URL (endpoint base URL), for `$ref` values */
  baseUrl: string;
  random: () => number;
}

/** A request and what kind of step it is, for the verdict. */
export interface PlannedRequest {
  kind: StepKind;
  title: string;
  request: IdpRequest;
  /** target values the answer should show when the server returns the resource (checked by the verdict) */
  expect?: TargetValue[];
}

export interface ProfileInfo {
  id: ProfileId;
  idp: IdpKind;
  label: string;
  summary: string;
  /** what a run starts with: requests per second (0 = unpaced), members per membership request, parallel objects */
  defaults: { rate: number; membersPerRequest: number; concurrency: number };
  /** the documents the shapes come from */
  sources: SourceRef[];
  /** whether `active` comes from the attribute mappings (Entra) or from the user's status (Okta) */
  activeFromMapping: boolean;
  /** whether updates read the user first (Okta: GET then PUT) */
  readsBeforeUpdate: boolean;
  /** whether the IdP ever sends DELETE /Users (Okta never does) */
  deletesUsers: boolean;
  /** whether the IdP queries for an existing group before creating one (Okta Group Push posts directly) */
  matchesGroups: boolean;
  /** how the IdP reads answers, in words (the verdicts in `verdict/judge.ts` apply it) */
  reads: { notFound: string; create: string; writes: string; retries: string };
}

/** A client profile: the requests one IdP sends, built from the documented shapes. */
export interface ClientProfile extends ProfileInfo {
  testConnection(matchingTarget: string, ctx: BuildContext): PlannedRequest[];
  matchUser(matchingTarget: string, value: string): PlannedRequest;
  matchGroup(displayName: string): PlannedRequest | undefined;
  getUser(id: string): PlannedRequest;
  getGroup(id: string): PlannedRequest;
  createUser(values: readonly TargetValue[], user: SourceUser, ctx: BuildContext): PlannedRequest;
  /** the requests an attribute update takes; `current` is the server's resource (Okta PUTs it back changed) */
  updateUser(id: string, changes: readonly Change[], current: JsonObject | undefined): PlannedRequest[];
  /** Okta's activate/deactivate (Entra's `active` is a mapped attribute, so it travels in `updateUser`) */
  setActive(id: string, active: boolean, current: JsonObject | undefined): PlannedRequest;
  deleteUser(id: string): PlannedRequest | undefined;
  /** the manager reference; `managerId` null clears it */
  setManager(id: string, managerId: string | null, hadManager: boolean, ctx: BuildContext): PlannedRequest | undefined;
  createGroup(values: readonly TargetValue[], group: SourceGroup): PlannedRequest;
  renameGroup(id: string, displayName: string, members: readonly Member[]): PlannedRequest;
  /** membership changes in the batches the IdP uses */
  membership(id: string, displayName: string, add: readonly Member[], remove: readonly Member[], all: readonly Member[], batch: number): PlannedRequest[];
  deleteGroup(id: string): PlannedRequest;
}

/** A filter comparison value as a JSON string (RFC 7644 §3.4.2.2: attribute values are JSON). */
export function quoted(value: string): string {
  return JSON.stringify(value);
}

/** The query string both IdPs send: percent-encoded, spaces as %20 (Okta's reference shows `userName%20eq%20%22…%22`). */
export function encodeQuery(value: string): string {
  return encodeURIComponent(value);
}

export function patchOp(operations: JsonValue[]): JsonObject {
  return { schemas: [URN.patchOp], Operations: operations };
}

export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  const step = Math.max(1, Math.floor(size));
  for (let i = 0; i < list.length; i += step) out.push(list.slice(i, i + step));
  return out;
}

/** A random lower-case GUID, as Entra's Test Connection uses. */
export function randomGuid(random: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(random() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
}

export const ENTERPRISE = URN.enterpriseUser;
