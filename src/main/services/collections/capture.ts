import type { Capture } from '@shared/model/collection';
import type { HttpExchange } from '@shared/model/exchange';

type Json = unknown;

/** `Resources[0].id`, `$.meta.location`, `emails[1].value` → keys and indices. */
export function jsonPathSegments(path: string): (string | number)[] {
  const trimmed = path.trim().replace(/^\$\.?/, '');
  const out: (string | number)[] = [];
  for (const match of trimmed.matchAll(/\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|([^.[\]]+)/g)) {
    if (match[1] !== undefined) out.push(Number(match[1]));
    else if (match[2] !== undefined) out.push(JSON.parse(`"${match[2]}"`) as string);
    else out.push(match[3]!);
  }
  return out;
}

function at(value: Json, segments: (string | number)[]): Json {
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof segment === 'number') {
      current = Array.isArray(current) ? current[segment] : undefined;
    } else {
      const record = current as Record<string, Json>;
      // SCIM attribute names are case-insensitive
      const key = Object.prototype.hasOwnProperty.call(record, segment) ? segment : Object.keys(record).find((k) => k.toLowerCase() === segment.toLowerCase());
      current = key === undefined ? undefined : record[key];
    }
  }
  return current;
}

/** The value a capture takes from an exchange, or why it found none. */
export function evaluateCapture(capture: Capture, exchange: HttpExchange, body: string | undefined): { value: string } | { problem: string } {
  const response = exchange.response;
  if (!response) return { problem: `${capture.variable}: no response to capture from` };
  if (capture.from === 'status') return { value: String(response.status) };
  if (capture.from === 'header') {
    const header = response.headers.find(([name]) => name.toLowerCase() === capture.path.toLowerCase());
    return header ? { value: header[1] } : { problem: `${capture.variable}: the response has no ${capture.path} header` };
  }
  if (body === undefined) return { problem: `${capture.variable}: the response body is not available (too large or empty)` };
  let json: Json;
  try {
    json = JSON.parse(body);
  } catch {
    return { problem: `${capture.variable}: the response body is not JSON` };
  }
  const value = at(json, jsonPathSegments(capture.path));
  if (value === undefined || value === null) return { problem: `${capture.variable}: nothing at "${capture.path}" in the response body` };
  return { value: typeof value === 'object' ? JSON.stringify(value) : String(value) };
}
