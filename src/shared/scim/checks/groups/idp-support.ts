import {
  compileRows,
  computeTargets,
  defaultMappings,
  judgeStep,
  readTarget,
  userView,
  type Answer,
  type BuildContext,
  type ClientProfile,
  type CompiledRow,
  type JudgeInput,
  type PlannedRequest,
  type SourceUser,
  type StepKind,
  type TargetValue,
  type Verdict,
} from '../../../idp';
import type { JsonObject } from '../../json';
import { show } from '../compare';
import { member } from '../features';
import { clip, describe, idOf, isObject, type Json } from '../responses';
import type { CheckContext, CheckVerdict, CreatedResource, ScimRequest, ScimResponse } from '../types';
import { FixtureFailure, fail, pass, skip } from '../verdicts';

/** One IdP request sent through the check's client, and how the IdP reads the answer. */
export interface IdpStep {
  planned: PlannedRequest;
  response: ScimResponse;
  verdict: Verdict;
}

const WHO = { entra: 'Entra', okta: 'Okta' } as const;

export const who = (profile: ClientProfile) => WHO[profile.idp];

/** A resource as the checks read it, as the IdP code types it (both are parsed JSON). */
export const asJson = (value: Json): JsonObject => value as JsonObject;

/** What the request builders need: the tenant URL and randomness. */
export function buildContext(ctx: CheckContext): BuildContext {
  return { baseUrl: ctx.facts.baseUrl, random: Math.random };
}

/** The answer as the IdP verdicts read it. */
export function answerOf(response: ScimResponse): Answer {
  return {
    ...(response.status !== 0 ? { status: response.status } : {}),
    headers: response.headers,
    body: response.json,
    text: response.text,
    ...(response.error ? { error: { kind: response.error.kind, message: response.error.message } } : {}),
    durationMs: response.durationMs,
  };
}

/** The planned request exactly as the IdP sends it (its headers: Okta's User-Agent, the content type). */
export function scimRequest(planned: PlannedRequest, auth?: ScimRequest['auth']): ScimRequest {
  const { request } = planned;
  return {
    method: request.method,
    path: request.path,
    headers: Object.fromEntries(request.headers),
    ...(request.body !== undefined ? { body: request.body } : {}),
    ...(auth !== undefined ? { auth } : {}),
  };
}

/** Sends the request as the IdP would and judges the answer as it would (the simulator's verdict). */
export async function sendAs(ctx: CheckContext, profile: ClientProfile, planned: PlannedRequest, extra: { current?: Json; matchValue?: string } = {}): Promise<IdpStep> {
  const response = await ctx.client.send(scimRequest(planned));
  const input: JudgeInput = { profile: profile.id, idp: profile.idp, planned, answer: answerOf(response), ...(extra.matchValue !== undefined ? { matchValue: extra.matchValue } : {}) };
  if (extra.current) input.current = asJson(extra.current);
  const verdict = judgeStep(input);
  // whatever the verdict, a resource the request created is the run's to remove
  if (planned.request.method === 'POST' && response.status >= 200 && response.status < 300) {
    const id = idOf(response.json);
    if (id !== undefined) ctx.fixtures.track(planned.request.path.split('?')[0]!, id);
  }
  return { planned, response, verdict };
}

/** What the IdP needs from an answer of this kind, in the profile's own words. */
function needs(profile: ClientProfile, kind: StepKind): string {
  if (kind.startsWith('match-') || kind.startsWith('test-') || kind === 'confirm-soft-delete') return profile.reads.notFound;
  if (kind.startsWith('create-')) return profile.reads.create;
  return profile.reads.writes;
}

/**
 * A step's verdict as a check's: the IdP's log line as the finding; on fail and warn why (the departures
 * from RFC 7644 the request has, when the server refused it), what the IdP needs, what came back and the fix.
 */
export function asCheckVerdict(profile: ClientProfile, step: IdpStep, options: { answerNotes?: boolean } = {}): CheckVerdict {
  const { verdict, planned, response } = step;
  const head = `${planned.title}: ${verdict.log}`;
  if (verdict.status === 'pass') return pass(head);
  // a check about the write's effect leaves remarks on a successful answer's shape (the member list in a
  // group PATCH answer, the media type) to the checks about those (En19, H01)
  if (options.answerNotes === false && verdict.status === 'warn' && response.status >= 200 && response.status < 300) return pass(head);
  if (verdict.status === 'skip') return skip(head);
  const notes = verdict.notes ?? [];
  const why = verdict.status === 'fail' ? [verdict.why, `${who(profile)} then: ${verdict.next}`] : notes;
  return {
    status: verdict.status,
    detail: clip([head, ...why].filter(Boolean).join(' — '), 900),
    expected: `${planned.request.method} ${clip(planned.request.path, 120)} as ${who(profile)} sends it (${planned.request.source.cite}); ${needs(profile, planned.kind)}`,
    actual: describe(response),
    fix: verdict.fix ?? notes.join(' '),
  };
}

/**
 * For a request shape only a legacy example or a third party shows: a refusal (4xx) is a warning, not the
 * failure it is for what the IdP sends today; the detail says why.
 */
export function tolerated(verdict: CheckVerdict, response: ScimResponse, why: string): CheckVerdict {
  if (verdict.status !== 'fail' || response.status < 400 || response.status >= 500) return verdict;
  return { ...verdict, status: 'warn', detail: `${verdict.detail} (${why})` };
}

/** The IdP's default mapping rows for users, compiled once per profile. */
const rowCache = new Map<string, CompiledRow[]>();
export function userRows(profile: ClientProfile): CompiledRow[] {
  let rows = rowCache.get(profile.id);
  if (!rows) rowCache.set(profile.id, (rows = compileRows(defaultMappings(profile.id).user, 'user')));
  return rows;
}

/** A mapping row made up for one attribute (a check's own, e.g. `nickName` ← "Babs"). */
export function oneRow(target: string, source: string): CompiledRow {
  const row = compileRows([{ id: `check-${target}`, source, target, matching: null, apply: 'always' }], 'user')[0];
  if (!row) throw new Error(`The mapping row for ${target} does not compile`);
  return row;
}

/** A rows' target by its path text (`emails[type eq "work"].value`). */
export function rowFor(profile: ClientProfile, target: string): CompiledRow {
  const row = userRows(profile).find((r) => r.row.target === target);
  if (!row) throw new Error(`${profile.id}'s default mappings have no ${target}`);
  return row;
}

/** A test user of the IdP's directory, named with the run's prefix so the run finds and removes it. */
export function sourceUser(ctx: CheckContext, attributes: Record<string, string | null> = {}): SourceUser {
  const name = ctx.fixtures.uniqueName('idp');
  return {
    id: `${name}-source`,
    assigned: true,
    softDeleted: false,
    attributes: {
      userPrincipalName: `${name}@contoso.example`,
      mailNickname: name,
      givenName: 'Zoë',
      surname: "O'Brien",
      displayName: "Zoë O'Brien",
      mail: `${name}@contoso.example`,
      jobTitle: 'Site Reliability Engineer',
      department: 'Engineering',
      employeeId: '100004',
      manager: null,
      preferredLanguage: 'en-IE',
      city: 'Dublin',
      country: 'IE',
      ...attributes,
    },
  };
}

/** The values the IdP's default mappings compute for a source user. */
export function targetValues(profile: ClientProfile, user: SourceUser, creating: boolean): TargetValue[] {
  return computeTargets(userRows(profile), userView(profile.idp, user), creating).values;
}

/**
 * Creates a user the way the IdP does (its create request from its default mappings): the starting
 * point of the checks of later steps. Fails as a fixture (the check is skipped) when the server refuses
 * it: the create check (En06, Ok02) reports that.
 */
export async function provisionUser(ctx: CheckContext, profile: ClientProfile, user: SourceUser = sourceUser(ctx)): Promise<CreatedResource & { source: SourceUser; values: TargetValue[] }> {
  const values = targetValues(profile, user, true);
  const step = await sendAs(ctx, profile, profile.createUser(values, user, buildContext(ctx)));
  const id = step.verdict.found?.id;
  if (!id || !isObject(step.response.json)) throw new FixtureFailure(`${who(profile)}'s create request for a test user was not answered with the user (${describe(step.response)}); see ${profile.idp === 'entra' ? 'En06' : 'Ok02'}`);
  return { endpoint: '/Users', id, resource: step.response.json, sent: step.planned.request.body as Json, response: step.response, source: user, values };
}

/**
 * The resource read back by id, whole (not as Entra reads a group, without its members); ends the check
 * as skipped when it cannot be read.
 */
export async function readAs(ctx: CheckContext, profile: ClientProfile, created: { endpoint: string; id: string }): Promise<Json> {
  const path = `${created.endpoint}/${encodeURIComponent(created.id)}`;
  const response = await ctx.client.send({ method: 'GET', path, headers: Object.fromEntries(profile.getUser(created.id).request.headers) });
  if (response.status !== 200 || !isObject(response.json)) throw new FixtureFailure(`The resource could not be read back to confirm the step: ${describe(response)}`);
  return response.json;
}

/** The values of `expect` the resource does not hold, as "path: sent …, holds …". */
export function notHeld(expect: readonly TargetValue[], resource: unknown): string[] {
  const out: string[] = [];
  for (const { row, value } of expect) {
    const held = readTarget(resource, row.target);
    // compared as the IdPs compare on their next cycle: strings and booleans ("False") ignoring case
    const loose = (typeof value === 'string' && typeof held === 'string') || typeof value === 'boolean' || typeof held === 'boolean';
    const same = held !== undefined && held !== null && (loose ? String(held).toLowerCase() === String(value).toLowerCase() : JSON.stringify(held) === JSON.stringify(value));
    if (!same) out.push(`${row.target.text}: sent ${show(value)}, holds ${show(held)}`);
  }
  return out;
}

/**
 * After a write the IdP logged as done: the resource read back must hold what was sent, or the IdP
 * believes the app is up to date when it is not.
 */
export async function confirmWrite(ctx: CheckContext, profile: ClientProfile, step: IdpStep, created: { endpoint: string; id: string }, expect: readonly TargetValue[]): Promise<CheckVerdict> {
  const verdict = asCheckVerdict(profile, step);
  if (verdict.status === 'fail') return verdict;
  const missing = notHeld(expect, await readAs(ctx, profile, created));
  if (missing.length === 0) return verdict.status === 'pass' ? pass(`${verdict.detail}; read back: ${expect.length} value${expect.length === 1 ? '' : 's'} held`) : verdict;
  return fail(`${step.planned.title}: answered ${step.response.status}, but the resource read back does not hold what ${who(profile)} sent: ${missing.join('; ')}`, {
    expected: expect.map((e) => `${e.row.target.text} = ${show(e.value)}`).join(', '),
    actual: describe(step.response),
    fix: `Apply the operation as ${who(profile)} writes it, or refuse it with 400 and a detail: a success answer makes ${who(profile)} believe the app is up to date and send nothing more.`,
  });
}

/** The ids of a group's members as read. */
export function memberIds(group: unknown): string[] {
  const members = member(group, 'members');
  return Array.isArray(members) ? members.map((m) => member(m, 'value')).filter((v): v is string => typeof v === 'string') : [];
}
