import { describe, idOf, isObject, requireStatus, scimTypeOf, type Json } from '../responses';
import type { CheckContext, CheckVerdict, CreatedResource, ScimResponse } from '../types';
import { fail, pass, stop, warn } from '../verdicts';

export const resourcePath = (created: CreatedResource) => `${created.endpoint}/${encodeURIComponent(created.id)}`;

/** GET the resource; ends the check when it cannot be read. */
export async function readBack(ctx: CheckContext, created: CreatedResource, what = 'Reading the resource back'): Promise<Json> {
  const response = await ctx.client.send({ method: 'GET', path: resourcePath(created) });
  requireStatus(response, 200, `${what} (GET ${created.endpoint}/{id})`);
  if (!isObject(response.json)) stop(fail(`${what}: the answer is not a resource`, { actual: describe(response) }));
  return response.json;
}

/** Remembers a resource a request created by accident (a create that should have been refused). */
export function trackIfCreated(ctx: CheckContext, endpoint: string, response: ScimResponse): void {
  const id = idOf(response.json);
  if (response.status >= 200 && response.status < 300 && id !== undefined) ctx.fixtures.track(endpoint, id);
}

export interface RefusalExpectation {
  /** what was sent, for messages ("A create without userName") */
  what: string;
  /** acceptable statuses (default 400) */
  statuses?: readonly number[];
  /** acceptable scimTypes; another one is a warning */
  scimTypes?: readonly string[];
  fix: string;
}

/**
 * Judges an answer that the RFC says must be a refusal: success is a failure, a 5xx is a failure, another
 * 4xx or another scimType a warning; the check's detail says what came back.
 */
export function judgeRefusal(response: ScimResponse, expectation: RefusalExpectation): CheckVerdict {
  const statuses = expectation.statuses ?? [400];
  const wanted = `${statuses.join(' or ')}${expectation.scimTypes ? ` with scimType ${expectation.scimTypes.join(' or ')}` : ''}`;
  const evidence = { expected: wanted, actual: describe(response), fix: expectation.fix };
  if (response.status === 0) return fail(`${expectation.what}: no answer (${response.error?.message ?? 'connection failed'})`, evidence);
  if (response.status < 400) return fail(`${expectation.what} was accepted (${response.status})`, evidence);
  if (response.status >= 500) return fail(`${expectation.what} answered ${response.status}, a server error for a client mistake`, evidence);
  if (!statuses.includes(response.status)) return warn(`${expectation.what} answered ${response.status}, not ${statuses.join(' or ')}`, evidence);
  const scimType = scimTypeOf(response);
  if (expectation.scimTypes && !expectation.scimTypes.includes(scimType ?? '')) {
    return warn(`${expectation.what} was refused with ${response.status}, but scimType is ${scimType ?? '(none)'}`, evidence);
  }
  return pass(`${expectation.what} was refused with ${response.status}${scimType ? ` ${scimType}` : ''}`);
}
