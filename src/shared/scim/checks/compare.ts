import { member } from './features';
import { isObject } from './responses';

/** A JSON value in a few characters, for messages. */
export function show(value: unknown, max = 160): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** RFC 7643 §2.5: unassigned, null and an empty array are the same state. */
export const unassigned = (value: unknown) => value === undefined || value === null || (Array.isArray(value) && value.length === 0);

/**
 * Whether `actual` holds everything `expected` says: equal primitives, every expected member of an
 * object present (names compared case-insensitively) and holding its value, and for arrays (multi-valued
 * attributes, unordered by RFC 7643 §2.4) the same number of values, each expected one held by a different
 * actual one. A server may add what the client did not send (`display`, `$ref`, `primary: false`).
 * Returns a description of the first difference, or undefined when `actual` holds `expected`.
 */
export function difference(expected: unknown, actual: unknown, at = ''): string | undefined {
  if (unassigned(expected)) return unassigned(actual) ? undefined : `${at || 'the value'} should be unassigned, is ${show(actual)}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at || 'the value'} should be an array of ${expected.length}, is ${show(actual)}`;
    if (actual.length !== expected.length) return `${at || 'the value'} should hold ${expected.length} value${expected.length === 1 ? '' : 's'}, holds ${actual.length}: ${show(actual)}`;
    const free = actual.map((_, i) => i);
    for (const [i, want] of expected.entries()) {
      const hit = free.findIndex((j) => difference(want, actual[j]) === undefined);
      if (hit === -1) return `${at}[${i}] ${show(want)} is not among ${show(actual)}`;
      free.splice(hit, 1);
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return `${at || 'the value'} should be an object, is ${show(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      const problem = difference(value, member(actual, key), at ? `${at}.${key}` : key);
      if (problem) return problem;
    }
    return undefined;
  }
  if (expected === actual) return undefined;
  return `${at || 'the value'} should be ${show(expected)}, is ${show(actual)}`;
}
