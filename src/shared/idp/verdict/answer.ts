import { getIgnoreCase, isObject, type JsonObject } from '../../scim/json';

/** A server's answer to one IdP request, as the verdicts read it (no Node or HTTP library types). */
export interface Answer {
  /** undefined when no answer came (connection refused, timeout…) */
  status?: number;
  headers: readonly (readonly [string, string])[];
  /** the body parsed as JSON (undefined when empty or not JSON) */
  body?: unknown;
  /** the body as text (may be a preview) */
  text: string;
  /** why there is no answer */
  error?: { kind: string; message: string };
  durationMs: number;
}

export function header(answer: Answer, name: string): string | undefined {
  const lower = name.toLowerCase();
  return answer.headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

/** A body's text as JSON, or undefined. */
export function parseBody(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `detail` (and `scimType`) of a SCIM error body (RFC 7644 §3.12), or the first line of a non-SCIM body. */
export function errorDetail(answer: Answer): string | undefined {
  if (isObject(answer.body)) {
    const detail = getIgnoreCase(answer.body, 'detail');
    const scimType = getIgnoreCase(answer.body, 'scimType');
    if (typeof detail === 'string' && detail) return typeof scimType === 'string' ? `${detail} (scimType ${scimType})` : detail;
  }
  const line = answer.text.trim().split('\n')[0];
  return line ? line.slice(0, 300) : undefined;
}

export interface ListRead {
  resources: JsonObject[];
  totalResults: number | undefined;
  problems: string[];
}

/** Reads a ListResponse (RFC 7644 §3.4.2): its resources and what is wrong with its shape. */
export function readList(body: unknown): ListRead | undefined {
  if (!isObject(body)) return undefined;
  const resources = getIgnoreCase(body, 'Resources');
  const total = getIgnoreCase(body, 'totalResults');
  const problems: string[] = [];
  const schemas = getIgnoreCase(body, 'schemas');
  if (!Array.isArray(schemas) || !schemas.includes('urn:ietf:params:scim:api:messages:2.0:ListResponse')) problems.push('the body does not list the ListResponse schema (RFC 7644 §3.4.2)');
  if (total !== undefined && typeof total !== 'number') problems.push(`totalResults is ${JSON.stringify(total)}, not an integer (Okta: "need to be exchanged as integers, not as strings")`);
  if (resources !== undefined && !Array.isArray(resources)) problems.push('"Resources" is not an array');
  const list = Array.isArray(resources) ? resources.filter(isObject) : [];
  if (resources === undefined && total === undefined) return undefined;
  return { resources: list, totalResults: typeof total === 'number' ? total : undefined, problems };
}

export function resourceId(resource: unknown): string | undefined {
  if (!isObject(resource)) return undefined;
  const id = getIgnoreCase(resource, 'id');
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), or undefined. */
export function retryAfterMs(answer: Answer, now: number = Date.now()): number | undefined {
  const value = header(answer, 'retry-after');
  if (value === undefined) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
