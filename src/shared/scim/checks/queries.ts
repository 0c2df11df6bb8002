import { compileFilter } from '../filter/evaluate';
import { parseFilter } from '../filter/parser';
import type { ScimResourceType } from '../schema/types';
import { URN } from '../urns';
import { member } from './features';
import { clip, describe, idOf, isListResponse, literal, q, resourcesOf, scimTypeOf, type Json } from './responses';
import type { CheckContext, CheckVerdict, CreatedResource, ScimRequest, ScimResponse, ServerFacts } from './types';
import { fail, FixtureFailure, pass, skip, warn } from './verdicts';

/** The run's own users with known values: the shared users a–e, labelled for messages. */
export interface RunUsers {
  users: CreatedResource[];
  /** every shared userName starts with it (`userName sw prefix` finds exactly them) */
  prefix: string;
  /** a user's short name for messages ("shared-c") by id */
  label(id: string): string;
  ids: ReadonlySet<string>;
  /** user by key a–e */
  byKey(key: string): CreatedResource;
}

const READ_ONLY = "Read-only run: this check needs users whose values it knows, which only a run that may create them has";

export function usersEndpoint(facts: ServerFacts): string {
  return facts.userType?.endpoint ?? '/Users';
}

export function groupsEndpoint(facts: ServerFacts): string {
  return facts.groupType?.endpoint ?? '/Groups';
}

/** A resource's short name: its userName or displayName without the run prefix. */
export function shortName(prefix: string, resource: unknown): string | undefined {
  const name = member(resource, 'userName') ?? member(resource, 'displayName');
  return typeof name === 'string' ? name.replace(`${prefix}-`, '') : undefined;
}

export async function runUsers(ctx: CheckContext): Promise<RunUsers> {
  const shared = await ctx.fixtures.sharedUsers();
  if (!shared.created || shared.prefix === undefined) throw new FixtureFailure(READ_ONLY);
  const labels = new Map(shared.users.map((u) => [u.id, shortName(ctx.prefix, u.resource) ?? u.id]));
  const prefix = shared.prefix;
  return {
    users: shared.users,
    prefix,
    ids: new Set(labels.keys()),
    label: (id) => labels.get(id) ?? id,
    byKey: (key) => {
      const user = shared.users.find((u) => member(u.sent, 'userName') === `${prefix}${key}`);
      if (!user) throw new FixtureFailure(`The shared user ${key} is missing`);
      return user;
    },
  };
}

/**
 * `filter and condition`, with parentheses around the filter only where precedence needs them (an "or"
 * at its top): servers with weak parsers then fail on what a check tests, not on the wrapping.
 */
export function andAlso(filter: string, condition: string): string {
  let top: string | undefined;
  try {
    top = parseFilter(filter).type;
  } catch {
    top = undefined;
  }
  return top === undefined || top === 'or' ? `(${filter}) and ${condition}` : `${filter} and ${condition}`;
}

/** The query restricted to the run's users whose userName starts with `prefix`. */
export const scoped = (filter: string, prefix: string) => andAlso(filter, `userName sw ${literal(prefix)}`);

/** `?a=1&b=x`, each value percent-encoded; undefined values left out, '' sent as `name=`. */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${q(String(v))}`);
  return parts.length === 0 ? path : `${path}${path.includes('?') ? '&' : '?'}${parts.join('&')}`;
}

export const get = (path: string, params: Record<string, string | number | undefined> = {}): ScimRequest => ({ method: 'GET', path: withQuery(path, params) });

export const searchRequest = (endpoint: string, body: Record<string, unknown>): ScimRequest => ({
  method: 'POST',
  path: `${endpoint === '/' ? '' : endpoint}/.search`,
  body: { schemas: [URN.searchRequest], ...body },
});

/** The ids of the run's resources that match `filter` by the app's own engine (the oracle), in the given order. */
export function expectedIds(facts: ServerFacts, resources: readonly { id: string; resource: Json }[], filter: string, type?: ScimResourceType): string[] {
  const match = compileFilter(filter, { registry: facts.registry, ...((type ?? facts.userType) ? { resourceType: (type ?? facts.userType)! } : {}) });
  return resources.filter((r) => match(r.resource)).map((r) => r.id);
}

/** The ids in a ListResponse, in order. */
export function listIds(response: ScimResponse): string[] {
  return (resourcesOf(response.json) ?? []).map(idOf).filter((id): id is string => id !== undefined);
}

const names = (ids: readonly string[], label: (id: string) => string) => (ids.length === 0 ? 'none' : ids.map(label).join(', '));

export interface FilterCase {
  /** what the message calls the query (the filter as a client would write it) */
  what: string;
  response: ScimResponse;
  expected: readonly string[];
  /** the run's resources the comparison is made over (others the server holds are ignored) */
  known: ReadonlySet<string>;
  label: (id: string) => string;
  fix: string;
  /** the expected set may be empty without making the case meaningless */
  emptyIsMeaningful?: boolean;
}

/** Pass when the query answered 200 with exactly the expected run resources (others are ignored). */
export function judgeMatches(c: FilterCase): CheckVerdict {
  const { response, what } = c;
  if (response.status !== 200 || !isListResponse(response.json)) {
    return fail(`${what} answered ${response.error ? 'nothing' : response.status}${response.status === 200 ? ' without a ListResponse' : ''}`, {
      expected: `200 ListResponse with ${names(c.expected, c.label)}`,
      actual: describe(response),
      fix: c.fix,
    });
  }
  if (c.expected.length === 0 && !c.emptyIsMeaningful) return skip(`${what}: none of the run's users has the values this query needs (the server did not keep them), so it tells nothing`);
  const got = listIds(response).filter((id) => c.known.has(id));
  const missing = c.expected.filter((id) => !got.includes(id));
  const extra = [...new Set(got.filter((id) => !c.expected.includes(id)))];
  if (missing.length === 0 && extra.length === 0) return pass(`${what} → ${names(c.expected, c.label)}`);
  const total = member(response.json, 'totalResults');
  const cut = missing.length > 0 && typeof total === 'number' && total > (resourcesOf(response.json)?.length ?? 0) ? ' (the answer is a partial page)' : '';
  return fail(`${what} returned ${names([...new Set(got)], c.label)}, expected ${names(c.expected, c.label)}${cut}`, {
    expected: names(c.expected, c.label),
    actual: `${names([...new Set(got)], c.label)}${missing.length ? `; missing ${names(missing, c.label)}` : ''}${extra.length ? `; wrongly matched ${names(extra, c.label)}` : ''} — ${describe(response)}`,
    fix: c.fix,
  });
}

/** Sends `filter` (restricted to the shared users) and judges the answer against the oracle. */
export async function checkFilter(ctx: CheckContext, users: RunUsers, filter: string, fix: string, options: { emptyIsMeaningful?: boolean; what?: string } = {}): Promise<CheckVerdict> {
  const endpoint = usersEndpoint(ctx.facts);
  const response = await ctx.client.send(get(endpoint, { filter: scoped(filter, users.prefix) }));
  return judgeMatches({
    what: options.what ?? `filter ${filter}`,
    response,
    expected: expectedIds(ctx.facts, users.users, filter),
    known: users.ids,
    label: users.label,
    fix,
    ...(options.emptyIsMeaningful ? { emptyIsMeaningful: true } : {}),
  });
}

export interface ErrorExpectation {
  what: string;
  status?: number;
  scimType: string;
  fix: string;
  /** a missing or different scimType fails (the RFC requires it here) instead of warning */
  scimTypeRequired?: boolean;
}

/** Pass on the expected status with the expected scimType; warn when only the scimType differs. */
export function judgeError(response: ScimResponse, e: ErrorExpectation): CheckVerdict {
  const status = e.status ?? 400;
  const expected = `${status} with scimType ${e.scimType}`;
  if (response.status !== status) {
    return fail(`${e.what} answered ${response.error ? 'nothing' : response.status}, expected ${status}`, { expected, actual: describe(response), fix: e.fix });
  }
  const type = scimTypeOf(response);
  if (type === e.scimType) return pass(`${e.what} answered ${status} ${e.scimType}`);
  const detail = `${e.what} answered ${status} with scimType ${type ?? '(none)'}, not ${e.scimType}`;
  const evidence = { expected, actual: describe(response), fix: `${e.fix} Set "scimType": "${e.scimType}" (RFC 7644 §3.12, Table 9).` };
  return e.scimTypeRequired ? fail(detail, evidence) : warn(`${detail} (scimType is OPTIONAL in an Error, RFC 7644 §3.12, but clients branch on it)`, evidence);
}

/** A JSON integer ≥ 0, as RFC 7644 §3.4.2 wants totalResults, itemsPerPage and startIndex. */
export const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Short text of a value for messages. */
export const show = (value: unknown) => (value === undefined ? '(absent)' : clip(JSON.stringify(value), 60));

/** The resource's member by a path `a`, `a.b`, `urn:…:a` or `urn:…:a.b`, keys matched ignoring case. */
export function valueAt(resource: unknown, path: string, facts: ServerFacts, type?: ScimResourceType): unknown {
  const found = facts.registry.attribute(path, type ?? facts.userType);
  if (!found) return undefined;
  const holder = found.extension && found.schema ? member(resource, found.schema.id) : resource;
  const top = member(holder, found.top.name);
  if (found.attribute === found.top) return top;
  if (Array.isArray(top)) return top.map((v) => member(v, found.attribute.name)).filter((v) => v !== undefined);
  return member(top, found.attribute.name);
}

/** A user to query for: shared user c when the run made the users, else one of the server's own (read-only runs). */
export async function someUser(ctx: CheckContext): Promise<{ user: CreatedResource; created: boolean; label: (id: string) => string }> {
  const shared = await ctx.fixtures.sharedUsers();
  const user = shared.created ? (shared.users[2] ?? shared.users[0]) : shared.users[0];
  if (!user) throw new FixtureFailure('No user to query for');
  const labels = new Map(shared.users.map((u) => [u.id, shortName(ctx.prefix, u.resource) ?? u.id]));
  return { user, created: shared.created, label: (id) => labels.get(id) ?? id };
}

/** The text with its letters' case swapped (upper-cased when that changes it), or undefined when it has no letters. */
export function otherCase(text: string): string | undefined {
  const upper = text.toUpperCase();
  if (upper !== text) return upper;
  const lower = text.toLowerCase();
  return lower !== text ? lower : undefined;
}
