import type { HeaderList } from '../../model/exchange';
import type { AppError } from '../../api/errors';
import type { SchemaRegistry } from '../schema/registry';
import type { ScimResourceType } from '../schema/types';
import type { ServerFeatures } from './features';

import type { CheckStatus, ConformanceProfile } from '../../model/conformance';

export type { CheckResult, CheckStatus, ConformanceProfile } from '../../model/conformance';

/** A request a check asks the runner to send. Auth, TLS and proxy come from the endpoint. */
export interface ScimRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  /** relative to the endpoint's base URL, with its query (`/Users?filter=…`), already encoded */
  path: string;
  headers?: Record<string, string>;
  /** serialized as JSON; `Content-Type: application/scim+json` unless `headers` says otherwise */
  body?: unknown;
  /** sent exactly as given instead of `body` (malformed JSON, empty bodies, other encodings) */
  rawBody?: string;
  /**
   * `endpoint` (default): the endpoint's credentials; `none`: no credentials at all; `limited`: the
   * run's second credential, one the server accepts but does not let write (`ServerFacts.limitedCredential`);
   * a header: this one instead of the endpoint's (a wrong token)
   */
  auth?: 'endpoint' | 'none' | 'limited' | { name: string; value: string };
}

/** What a check sees of the answer. */
export interface ScimResponse {
  /** the exchange's id in history: a report links to it */
  exchangeId: string;
  method: string;
  /** the path as sent (relative) */
  path: string;
  /** 0 when no answer came (see `error`) */
  status: number;
  /** as received on the wire, names as sent */
  headers: HeaderList;
  /** the decoded body as text ('' when none) */
  text: string;
  /** the body parsed as JSON; undefined when empty or not JSON */
  json: unknown;
  /** why the body is not JSON, when it is not empty and does not parse */
  jsonError?: string;
  /** the request failed before an answer (network, TLS, timeout) */
  error?: AppError;
  durationMs: number;
  /** the TLS session, for https answers */
  tls?: { protocol?: string; verificationDisabled: boolean };
  /** redirects the engine followed to get this answer */
  redirects: { status: number; url: string }[];
  /** the request as sent, for checks that judge what they sent (simulator profiles) */
  request: { headers: HeaderList; body?: string };
}

/** Sends through the app's request engine; every exchange is recorded under the current check. */
export interface CheckClient {
  send(request: ScimRequest): Promise<ScimResponse>;
  /** counts answers the check did not send itself (the discovery documents) as its evidence */
  cite(...responses: ScimResponse[]): void;
}

/** A resource the run created; removed at the end of the run unless a check deleted it already. */
export interface CreatedResource {
  /** the resource type's endpoint, e.g. `/Users` */
  endpoint: string;
  id: string;
  /** the resource as the create answered it (or as read back when the create answered no body) */
  resource: Record<string, unknown>;
  /** the body that was sent */
  sent: Record<string, unknown>;
  response: ScimResponse;
}

/**
 * Test data: every name the run gives is prefixed with the run's prefix, so a run never touches
 * resources it did not create, and leftovers are recognisable.
 */
export interface Fixtures {
  /** unique per call: `<prefix>-<label>-<n>` */
  uniqueName(label: string): string;
  /** a User body with a unique userName and the given attributes merged over the defaults */
  userBody(overrides?: Record<string, unknown>): Record<string, unknown>;
  groupBody(overrides?: Record<string, unknown>): Record<string, unknown>;
  /**
   * POST /Users (or /Groups) and remember it for cleanup. Throws `FixtureFailure` (the check then
   * ends as `skip` naming what could not be set up) when the server does not create it.
   */
  createUser(overrides?: Record<string, unknown>): Promise<CreatedResource>;
  createGroup(overrides?: Record<string, unknown>): Promise<CreatedResource>;
  /** remember a resource created by the check itself, for cleanup */
  track(endpoint: string, id: string): void;
  /** the check deleted it: nothing to clean up */
  untrack(endpoint: string, id: string): void;
  /**
   * A small set of users shared by the read-only checks of a run (filter, sort, paging): created once
   * per run with known values, or, in read-only mode, found among the server's existing users.
   * Checks must not modify them.
   */
  sharedUsers(): Promise<SharedUsers>;
}

export interface SharedUsers {
  /** true when the run created them (their values are known); false when read from the server */
  created: boolean;
  /** a value every one of them has in userName, when created (`userName sw prefix` finds them all) */
  prefix?: string;
  users: CreatedResource[];
}

/** Everything a check may look at about the server before sending anything. */
export interface ServerFacts {
  /** the base URL as the endpoint has it (for messages) */
  baseUrl: string;
  features: ServerFeatures;
  /** the server's schemas, or the RFC 7643 core schemas when it serves none */
  registry: SchemaRegistry;
  /** true when `/Schemas` could not be used and the core schemas stand in */
  usesCoreSchemas: boolean;
  /** the discovery answers as they came (a discovery check judges these) */
  discovery: {
    serviceProviderConfig: ScimResponse;
    resourceTypes: ScimResponse;
    schemas: ScimResponse;
  };
  /** how the endpoint authenticates (what the auth checks can test) */
  authKind: 'none' | 'bearer' | 'basic' | 'api-key' | 'oauth2-client-credentials';
  /** whether a text holds one of the endpoint's credentials, in any spelling (answers must never echo them) */
  containsCredential(text: string): boolean;
  /** the run has a second credential, accepted by the server but without write permission (Sec04) */
  limitedCredential?: boolean;
  /** the User and Group resource types as the server describes them (endpoint, schema, extensions) */
  userType?: ScimResourceType;
  groupType?: ScimResourceType;
}

export interface CheckContext {
  facts: ServerFacts;
  profile: ConformanceProfile;
  /** a mutating check is never run in read-only mode; a non-mutating one must not write */
  readOnly: boolean;
  client: CheckClient;
  fixtures: Fixtures;
  /** true once the run is cancelled: a looping check stops */
  signal: { readonly aborted: boolean };
  /** the run's unique prefix, for names this check makes up */
  prefix: string;
  /** the time to wait between requests when a check loops (performance checks pace themselves) */
  sleep(ms: number): Promise<void>;
}

/** How a check ended, in the words a server developer needs. */
export interface CheckVerdict {
  status: CheckStatus;
  /** one line: what was found */
  detail: string;
  /** what the RFC (or the profile) expects */
  expected?: string;
  /** what came back */
  actual?: string;
  /** what the server developer should change */
  fix?: string;
}

interface CheckBase {
  /** the catalogue id (D01, F12 …) */
  id: string;
  /** the profiles whose runs include it (default: all) */
  profiles?: readonly ConformanceProfile[];
  /** why the check does not apply to this server (a feature it does not claim), or undefined to run it */
  requires?(facts: ServerFacts, profile: ConformanceProfile): string | undefined;
}

/** A check that drives the server: sends requests and judges the answers. */
export interface ScenarioCheck extends CheckBase {
  /** creates, changes or deletes anything on the server (skipped in read-only mode) */
  mutates: boolean;
  /**
   * runs alone, after the concurrent checks (timing, rate and load checks, or checks that change
   * server-wide state)
   */
  exclusive?: boolean;
  run(context: CheckContext): Promise<CheckVerdict>;
  observe?: never;
}

/** One answer seen during the run, with the request that asked for it. */
export interface ObservedExchange {
  response: ScimResponse;
  /** the check whose request it was ('setup' / 'cleanup' for the runner's own) */
  checkId: string;
  request: ScimRequest;
}

/**
 * A rule every answer must keep (the Schema group, the media type, Error bodies): judged after the
 * scenario checks, over every answer the run saw. The exchanges of a failure are the answers that break it.
 */
export interface ObservationCheck extends CheckBase {
  observe(observed: readonly ObservedExchange[], facts: ServerFacts, profile: ConformanceProfile): CheckVerdict & { exchanges?: string[] };
  run?: never;
}

export type CheckDefinition = ScenarioCheck | ObservationCheck;
