import { isObject, type JsonObject } from '../../scim/json';
import { readTarget, type TargetValue } from '../mapping';
import type { PlannedRequest } from '../profiles/profile';
import type { IdpKind, ProfileId, StepKind } from '../types';
import { errorDetail, header, readList, resourceId, retryAfterMs, type Answer } from './answer';
import { explainRequest, type Departure } from './departures';

export type VerdictStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** What the real IdP would make of one answer: its log line, what it does next, and (on failure) why and the fix. */
export interface Verdict {
  status: VerdictStatus;
  /** what the IdP's provisioning log would say */
  log: string;
  /** what the IdP does next */
  next: string;
  why?: string;
  fix?: string;
  /** where the request departs from RFC 7644 (for rejected requests) */
  departures?: Departure[];
  /** what the answer told the IdP */
  found?: { id?: string; resource?: JsonObject; count?: number };
  /** the IdP would send the same request again after this long (429) */
  retryAfterMs?: number;
  /** smaller things worth fixing even when the step passed */
  notes?: string[];
}

export interface JudgeInput {
  profile: ProfileId;
  idp: IdpKind;
  planned: PlannedRequest;
  answer: Answer;
  /** the server's copy of the resource before the request (from the match or read), to explain rejections */
  current?: JsonObject;
  /** for matches: the value searched for */
  matchValue?: string;
  /** how many times this request was already sent (429 retries) */
  attempt?: number;
}

const WHO: Record<IdpKind, string> = { entra: 'Entra', okta: 'Okta' };
/** Entra retries a throttled request after Retry-After; Okta retries too. Beyond this many tries the simulator stops. */
export const MAX_RETRIES = 3;
/** The longest Retry-After the simulator honours in a run (a real IdP may wait longer). */
export const MAX_RETRY_WAIT_MS = 30_000;

const isRead = (kind: StepKind) => kind.startsWith('match-') || kind.startsWith('test-') || kind.startsWith('get-') || kind === 'confirm-soft-delete';
const isGroupWrite = (kind: StepKind) => ['rename-group', 'add-members', 'remove-members', 'replace-members'].includes(kind);

function escrow(idp: IdpKind): string {
  return idp === 'entra'
    ? 'Entra logs a failure for this object and retries it in the next cycle (about every 40 minutes), backing off; if most operations fail, the job goes into quarantine.'
    : 'Okta marks the provisioning task as failed and shows it under Tasks for an admin to retry.';
}

/** The answers every step reads the same way: no answer, throttling, auth, server errors. */
function common(input: JudgeInput): Verdict | undefined {
  const { answer, idp } = input;
  const who = WHO[idp];
  if (answer.status === undefined) {
    return {
      status: 'fail',
      log: `No answer from the app: ${answer.error?.message ?? 'the request did not complete'}`,
      next: escrow(idp),
      why: answer.error?.message ?? 'no HTTP answer',
      fix: `${who} calls the Tenant URL from the internet: it must be reachable over HTTPS with a certificate from a public CA, and answer within the IdP's timeout.`,
    };
  }
  const status = answer.status;
  if (status === 429) {
    const wait = retryAfterMs(answer);
    const attempt = input.attempt ?? 0;
    const again = attempt < MAX_RETRIES;
    return {
      status: again ? 'warn' : 'fail',
      log: `429 Too Many Requests${wait !== undefined ? ` (Retry-After ${Math.round(wait / 1000)} s)` : ' without Retry-After'}`,
      next: again
        ? `${who} backs off and sends the request again${wait !== undefined ? ` after ${Math.round(wait / 1000)} s, as Retry-After asks` : ''}.`
        : `${who} gives up on the object for this cycle. ${escrow(idp)}`,
      why: 'the app throttled the IdP',
      fix: idp === 'entra' ? 'Take at least 25 requests per second per tenant (Entra gallery checklist); when you must throttle, answer 429 with Retry-After.' : 'Answer 429 with Retry-After only above the rate you can take, and keep it short.',
      ...(wait !== undefined ? { retryAfterMs: Math.min(wait, MAX_RETRY_WAIT_MS) } : { retryAfterMs: 1000 * 2 ** attempt }),
    };
  }
  if (status === 401 || status === 403) {
    return {
      status: 'fail',
      log: `${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}: ${errorDetail(answer) ?? 'the credentials were refused'}`,
      next: idp === 'entra' ? 'Entra cannot go on with any object: the job goes into quarantine and the admin is told the credentials are invalid.' : 'Okta stops provisioning to the app and flags its API credentials.',
      why: 'the app refused the credentials the IdP sends',
      fix: `Accept the token configured in ${who} (${idp === 'entra' ? 'Secret Token, sent as "Authorization: Bearer …"' : 'the API token or OAuth credentials of the app integration'}).`,
    };
  }
  if (status >= 500) {
    return { status: 'fail', log: `${status} from the app: ${errorDetail(answer) ?? 'server error'}`, next: escrow(idp), why: errorDetail(answer) ?? `HTTP ${status}`, fix: 'Fix the server error (see its detail and your server log); a 5xx is retried, never treated as an answer.' };
  }
  return undefined;
}

function contentTypeNote(answer: Answer): string | undefined {
  if (answer.body === undefined) return undefined;
  const type = header(answer, 'content-type') ?? '';
  if (/application\/scim\+json/i.test(type)) return undefined;
  return `The answer's Content-Type is "${type || 'missing'}"; SCIM answers are application/scim+json (RFC 7644 §3.1; the Entra tutorial asks for it on every response).`;
}

function rejected(input: JudgeInput, what: string): Verdict {
  const { answer, idp, planned } = input;
  const departures = explainRequest(planned.request, idp, input.current);
  const detail = errorDetail(answer);
  const source = planned.request.source;
  return {
    status: 'fail',
    log: `${what} failed: ${answer.status}${detail ? ` — ${detail}` : ''}`,
    next: escrow(idp),
    why: departures.length
      ? `${WHO[idp]} sent ${source.provenance === 'documented' ? 'its documented' : source.provenance === 'secondary' ? 'a reported' : 'an assumed'} request shape (${source.cite}) and the app rejected it. What servers reject in it: ${departures.map((d) => d.what).join('; ')}`
      : `The app rejected an RFC 7644-conformant request${detail ? `: ${detail}` : ''}.`,
    fix: departures.length ? [...new Set(departures.map((d) => d.fix))].join(' ') : 'Accept this request: it follows RFC 7644, and the IdP will keep sending it.',
    departures,
  };
}

/** Target values the returned resource does not show (a 200 that did not do what was asked). */
function missingEffects(expect: readonly TargetValue[] | undefined, resource: unknown): string[] {
  if (!expect || !isObject(resource)) return [];
  const out: string[] = [];
  for (const { row, value } of expect) {
    const got = readTarget(resource, row.target);
    const same = typeof value === 'string' && typeof got === 'string' ? got === value || got.toLowerCase() === value.toLowerCase() : JSON.stringify(got) === JSON.stringify(value);
    if (!same) out.push(`${row.target.text}: sent ${JSON.stringify(value)}, the answer shows ${got === undefined ? 'nothing' : JSON.stringify(got)}`);
  }
  return out;
}

function judgeList(input: JudgeInput): Verdict {
  const { answer, idp, planned } = input;
  const who = WHO[idp];
  const kind = planned.kind;
  const test = kind.startsWith('test-');
  if (answer.status === 404) {
    if (idp === 'okta' && kind === 'match-user') {
      return { status: 'warn', log: '404: read as "no such user"', next: 'Okta creates the user.', notes: ['Okta accepts 404 for "no match", but RFC 7644 §3.4.2 answers a query with 200 and an empty ListResponse; other IdPs (Entra) fail on a 404.'], found: { count: 0 } };
    }
    return {
      status: 'fail',
      log: `${test ? 'Test connection' : 'Query'} failed: 404`,
      next: test ? `${who} refuses to save the provisioning configuration.` : escrow(idp),
      why: 'a query that finds nothing answered 404',
      fix: 'Answer a query that matches nothing with 200 and {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]} (RFC 7644 §3.4.2; Entra tutorial "Get User by query - Zero results").',
    };
  }
  if (answer.status !== 200) {
    const detail = errorDetail(answer);
    return {
      status: 'fail',
      log: `${test ? 'Test connection' : 'Query'} failed: ${answer.status}${detail ? ` — ${detail}` : ''}`,
      next: test ? `${who} shows the error and does not save the configuration.` : escrow(idp),
      why: `the app does not answer the filter ${who} sends${detail ? `: ${detail}` : ''}`,
      fix: `Support \`filter\` with "eq" on the matching attribute (${who} only uses eq${idp === 'entra' ? ' and and' : ''}), answering 200 with a ListResponse.`,
    };
  }
  const list = readList(answer.body);
  if (!list) {
    return { status: 'fail', log: 'The answer is not a ListResponse', next: escrow(idp), why: 'a query answered 200 without a ListResponse body', fix: 'Answer queries with a ListResponse: schemas, totalResults, Resources (RFC 7644 §3.4.2).' };
  }
  const notes = [...list.problems];
  const ct = contentTypeNote(answer);
  if (ct) notes.push(ct);
  const count = list.totalResults ?? list.resources.length;
  if (test) {
    if (count > 0 && planned.request.path.includes('filter=')) {
      return { status: 'fail', log: `Test connection: a query for a random GUID returned ${count} resource(s)`, next: `${who} would match the wrong objects.`, why: 'the filter is ignored', fix: 'Apply `filter`: a query for a value nobody has must return 0 resources.', notes };
    }
    return { status: notes.length ? 'warn' : 'pass', log: 'Test connection succeeded', next: `${who} saves the configuration; provisioning can start.`, notes, found: { count } };
  }
  if ((count === 0 || list.resources.length === 0) && kind === 'confirm-soft-delete') {
    return {
      status: 'fail',
      log: 'The disabled user is no longer found',
      next: `${who} takes the user as gone: when it comes back in scope, ${who} creates a second account instead of enabling the first.`,
      why: 'a user with active=false disappeared from queries',
      fix: 'Keep returning a soft-deleted user (active=false) from GET and from filters; only DELETE removes it (Entra tutorial: "The user object should be returned in a request whether or not the user is active").',
      notes,
    };
  }
  if (count === 0 || list.resources.length === 0) {
    return { status: list.problems.length ? 'warn' : 'pass', log: 'No matching object in the app', next: `${who} creates it.`, notes, found: { count: 0 } };
  }
  if (list.resources.length > 1 || count > 1) {
    return {
      status: 'fail',
      log: `${count} objects match`,
      next: `${who} cannot tell which one to update and logs a failure for this object.`,
      why: 'the matching attribute is not unique in the app, or the filter is not applied',
      fix: 'Keep the matching attribute unique and apply the filter exactly (userName is case-insensitive: RFC 7643 §4.1.1).',
      notes,
    };
  }
  const resource = list.resources[0]!;
  const id = resourceId(resource);
  if (!id) return { status: 'fail', log: 'The matching object has no id', next: escrow(idp), why: 'a resource without "id"', fix: 'Return "id" on every resource (RFC 7643 §3.1).', notes };
  if (input.matchValue !== undefined && !JSON.stringify(resource).toLowerCase().includes(JSON.stringify(input.matchValue).slice(1, -1).toLowerCase())) {
    notes.push(`The one resource returned does not hold "${input.matchValue}": is the filter applied?`);
  }
  if (kind === 'confirm-soft-delete') {
    return { status: notes.length ? 'warn' : 'pass', log: 'The disabled user is still found', next: `${who} keeps the link and re-enables the same user if it comes back in scope.`, notes, found: { id, resource, count: 1 } };
  }
  return { status: notes.length ? 'warn' : 'pass', log: `Matched ${id}`, next: `${who} compares the attributes and updates what differs.`, notes, found: { id, resource, count: 1 } };
}

function judgeRead(input: JudgeInput): Verdict {
  const { answer, idp } = input;
  if (answer.status === 404) {
    return { status: 'warn', log: 'Not found (404)', next: `${WHO[idp]} treats the object as gone from the app and provisions it again.`, found: { count: 0 } };
  }
  if (answer.status !== 200) return rejected(input, 'Read');
  const id = resourceId(answer.body);
  if (!id || !isObject(answer.body)) return { status: 'fail', log: 'The answer has no resource with an id', next: escrow(idp), why: 'GET by id returned no resource', fix: 'Answer GET /Users/{id} with the resource, "id" included.' };
  const note = contentTypeNote(answer);
  return { status: note ? 'warn' : 'pass', log: `Read ${id}`, next: 'Goes on with the update.', found: { id, resource: answer.body }, ...(note ? { notes: [note] } : {}) };
}

function judgeCreate(input: JudgeInput): Verdict {
  const { answer, idp, planned } = input;
  const who = WHO[idp];
  if (answer.status === 409) {
    return {
      status: 'fail',
      log: `Create failed: 409 Conflict — ${errorDetail(answer) ?? 'already exists'}`,
      next: idp === 'okta' ? 'Okta stops the provisioning job for this user ("needs to respond with an error schema to stop the provisioning job").' : escrow(idp),
      why: `the object exists in the app, but ${who}'s match query did not find it`,
      fix: 'Make the match query find what a create would conflict with: apply the filter on the matching attribute, case-insensitively for userName.',
    };
  }
  if (answer.status === undefined || answer.status < 200 || answer.status >= 300) return rejected(input, 'Create');
  const id = resourceId(answer.body);
  if (!id) {
    return {
      status: 'fail',
      log: idp === 'okta' ? 'Create new user returned empty user.' : 'Created, but the answer has no id',
      next: `${who} cannot address the object later (updates, disable, delete) and logs a failure.`,
      why: 'the create answer has no resource with an "id"',
      fix: 'Answer a create with 201 Created and the created resource, "id" included (RFC 7644 §3.3).',
    };
  }
  const notes: string[] = [];
  if (answer.status !== 201) notes.push(`A create is answered 201 Created (RFC 7644 §3.3), not ${answer.status}.`);
  const ct = contentTypeNote(answer);
  if (ct) notes.push(ct);
  const missing = missingEffects(planned.expect, answer.body);
  if (missing.length) notes.push(`The created resource does not show what was sent: ${missing.join('; ')}.`);
  return { status: notes.length ? 'warn' : 'pass', log: `Created ${id}`, next: `${who} keeps ${id} to address every later operation.`, found: { id, resource: answer.body as JsonObject }, notes };
}

function judgeWrite(input: JudgeInput): Verdict {
  const { answer, idp, planned } = input;
  const who = WHO[idp];
  const kind = planned.kind;
  const what = kind.replace(/-/g, ' ');
  if (answer.status === 404) {
    return {
      status: 'fail',
      log: `${what} failed: 404`,
      next: `${who} takes the object as deleted from the app; ${idp === 'entra' ? 'the next cycle matches and creates it again' : 'the admin sees the task fail'}.`,
      why: 'the object the IdP linked is gone',
      fix: 'Keep objects until the IdP deletes them; a disabled user (active=false) must stay readable.',
    };
  }
  if (answer.status === undefined || answer.status < 200 || answer.status >= 300) return rejected(input, what[0]!.toUpperCase() + what.slice(1));
  const notes: string[] = [];
  if (planned.request.method === 'PUT' && answer.status === 204) notes.push('Okta\'s reference says the answer to a PUT "needs to be the updated User object".');
  if (answer.status === 200 && isObject(answer.body)) {
    const ct = contentTypeNote(answer);
    if (ct) notes.push(ct);
    const missing = missingEffects(planned.expect, answer.body);
    if (missing.length) {
      return {
        status: 'fail',
        log: `${who} logs success (${answer.status}), but the change did not happen`,
        next: `${who} believes the app is up to date and sends nothing more until the source changes again.`,
        why: `The app answered ${answer.status} and returned the resource without the change: ${missing.join('; ')}.`,
        fix: [...new Set(explainRequest(planned.request, idp, input.current).map((d) => d.fix))].join(' ') || 'Apply the operation, or reject it with 400 and a detail saying why.',
        departures: explainRequest(planned.request, idp, input.current),
      };
    }
    const members = isGroupWrite(kind) ? (answer.body as JsonObject).members : undefined;
    if (idp === 'entra' && Array.isArray(members) && members.length > 0) {
      notes.push(`The answer lists the group's ${members.length} members: the Entra tutorial advises 204 No Content for group PATCH ("Returning a body with a list of all the members isn't advisable").`);
    }
  }
  const log = kind === 'disable-user' ? 'Disabled' : kind === 'enable-user' ? 'Enabled' : kind === 'delete-user' || kind === 'delete-group' ? 'Deleted' : 'Updated';
  return { status: notes.length ? 'warn' : 'pass', log: `${log} (${answer.status})`, next: kind === 'delete-user' || kind === 'delete-group' ? `${who} forgets the link.` : `${who} records the new values.`, notes };
}

function judgeDelete(input: JudgeInput): Verdict {
  const { answer, idp } = input;
  if (answer.status === 404) return { status: 'warn', log: 'Already gone (404)', next: `${WHO[idp]} forgets the link.`, notes: ['A DELETE of something already deleted may answer 404; the IdP treats it as done.'] };
  if (answer.status === 204 || answer.status === 200) {
    return { status: answer.status === 204 ? 'pass' : 'warn', log: `Deleted (${answer.status})`, next: `${WHO[idp]} forgets the link.`, ...(answer.status === 200 ? { notes: ['RFC 7644 §3.6 answers a DELETE with 204 No Content.'] } : {}) };
  }
  return rejected(input, 'Delete');
}

/**
 * How the real IdP reads one answer: pure, so the simulator, the conformance runner and the command
 * line judge a step the same way and word it once.
 */
export function judgeStep(input: JudgeInput): Verdict {
  const shared = common(input);
  if (shared) return shared;
  const kind = input.planned.kind;
  if (kind.startsWith('match-') || kind.startsWith('test-') || kind === 'confirm-soft-delete') return judgeList(input);
  if (isRead(kind)) return judgeRead(input);
  if (kind === 'create-user' || kind === 'create-group') return judgeCreate(input);
  if (kind === 'delete-user' || kind === 'delete-group') return judgeDelete(input);
  return judgeWrite(input);
}
