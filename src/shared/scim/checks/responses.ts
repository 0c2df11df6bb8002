import { URN } from '../urns';
import { member } from './features';
import type { ScimResponse } from './types';
import { fail, stop } from './verdicts';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A response header's value (first of several), names compared case-insensitively. */
export function header(response: ScimResponse, name: string): string | undefined {
  const lower = name.toLowerCase();
  return response.headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

/** The media type of the answer, lower-cased, without parameters. */
export function mediaType(response: ScimResponse): string | undefined {
  return header(response, 'content-type')?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** "404 with a SCIM Error (scimType invalidFilter)" — what came back, in a few words. */
export function describe(response: ScimResponse): string {
  if (response.error) return `no answer: ${response.error.message}`;
  const parts = [`${response.status}`];
  const type = mediaType(response);
  if (isScimError(response.json)) {
    const scimType = member(response.json, 'scimType');
    const detail = member(response.json, 'detail');
    parts.push(`SCIM Error${typeof scimType === 'string' ? ` scimType ${scimType}` : ''}${typeof detail === 'string' ? ` "${clip(detail, 120)}"` : ''}`);
  } else if (response.text === '') parts.push('no body');
  else if (response.jsonError) parts.push(`${type ?? 'untyped'} body that is not JSON: "${clip(response.text, 80)}"`);
  else if (isListResponse(response.json)) parts.push(`ListResponse, totalResults ${String(member(response.json, 'totalResults'))}, ${resourcesOf(response.json)?.length ?? 0} Resources`);
  else parts.push(type ?? 'body without Content-Type');
  return `${response.method} ${clip(response.path, 140)} → ${parts.join(', ')}`;
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function schemasOf(value: unknown): string[] {
  const schemas = member(value, 'schemas');
  return Array.isArray(schemas) ? schemas.filter((s): s is string => typeof s === 'string') : [];
}

export const hasSchema = (value: unknown, urn: string) => schemasOf(value).some((s) => s.toLowerCase() === urn.toLowerCase());

export const isScimError = (value: unknown) => hasSchema(value, URN.error);
export const isListResponse = (value: unknown) => hasSchema(value, URN.listResponse);

/** `Resources` of a ListResponse (member name in any case). */
export function resourcesOf(value: unknown): Json[] | undefined {
  const resources = member(value, 'Resources');
  return Array.isArray(resources) ? resources.filter(isObject) : undefined;
}

export function idOf(value: unknown): string | undefined {
  const id = member(value, 'id');
  return typeof id === 'string' ? id : undefined;
}

/** The scimType of an Error body, when there is one. */
export function scimTypeOf(response: ScimResponse): string | undefined {
  const type = member(response.json, 'scimType');
  return typeof type === 'string' ? type : undefined;
}

/**
 * Ends the check with `fail` unless the answer's status is one of `expected`; returns the response so
 * a check reads on. `what` names the step for the message ("the create").
 */
export function requireStatus(response: ScimResponse, expected: number | readonly number[], what: string, fix?: string): ScimResponse {
  const list = typeof expected === 'number' ? [expected] : expected;
  if (list.includes(response.status)) return response;
  stop(
    fail(`${what} answered ${response.error ? 'nothing' : response.status}, expected ${list.join(' or ')}`, {
      expected: list.join(' or '),
      actual: describe(response),
      ...(fix ? { fix } : {}),
    }),
  );
}

/** Ends the check with `fail` unless the answer is a ListResponse; returns its Resources. */
export function requireList(response: ScimResponse, what: string): Json[] {
  requireStatus(response, 200, what);
  const resources = resourcesOf(response.json);
  if (!isListResponse(response.json) && resources === undefined) {
    stop(fail(`${what} did not answer with a ListResponse`, { expected: `a ListResponse (${URN.listResponse})`, actual: describe(response), fix: 'Answer queries with the ListResponse schema (RFC 7644 §3.4.2).' }));
  }
  return resources ?? [];
}

/** Percent-encodes a filter (or any query value) as a query parameter value. */
export const q = (value: string) => encodeURIComponent(value);

/** A SCIM string literal for a filter: quoted, with `"` and `\` escaped (RFC 7159 string rules). */
export const literal = (value: string) => JSON.stringify(value);
