import type { AssertionOperator } from '@shared/model/assertion';

/** A value as one line of text: strings as they are, the rest as JSON. */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

const NUMBER = /^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;
/** A date, or a dateTime as RFC 7643 §2.3.5 writes it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && NUMBER.test(value)) return Number(value);
  return undefined;
}

function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DATE_TIME.test(value.trim())) return undefined;
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? undefined : t;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** An actual value against expected text: `200` equals 200, `true` equals true, `{"a":1}` equals the object. */
export function equalsExpected(actual: unknown, expected: string): boolean {
  if (typeof actual === 'string') return actual === expected;
  if (typeof actual === 'number') return numberOf(expected) === actual;
  if (typeof actual === 'boolean') return expected.trim() === String(actual);
  if (actual === null) return expected.trim() === 'null';
  try {
    return deepEqual(actual, JSON.parse(expected));
  } catch {
    return asText(actual) === expected;
  }
}

/** `in`: a JSON array, or values separated by commas. */
export function listOf(expected: string): unknown[] {
  const trimmed = expected.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // not JSON: a list of words
    }
  }
  return trimmed === '' ? [] : trimmed.split(',').map((s) => s.trim());
}

/** `/pattern/flags` or a bare pattern. */
export function regexOf(expected: string): RegExp | string {
  const slashed = /^\/(.*)\/([dgimsuvy]*)$/s.exec(expected);
  try {
    return slashed ? new RegExp(slashed[1]!, slashed[2]!.replace('g', '')) : new RegExp(expected);
  } catch (error) {
    return `"${expected}" is not a valid regular expression: ${(error as Error).message}`;
  }
}

export type Judge = (value: unknown) => boolean;

/**
 * The test one value must pass for a binary operator, or why the expected value cannot be used.
 * Order operators compare numbers, or dateTimes as instants.
 */
export function judgeFor(op: Exclude<AssertionOperator, 'exists' | 'absent'>, expected: string): Judge | { problem: string } {
  switch (op) {
    case 'equals':
    case 'notEquals':
      return (v) => equalsExpected(v, expected);
    case 'contains':
      return (v) => asText(v).includes(expected);
    case 'matches': {
      const regex = regexOf(expected);
      return typeof regex === 'string' ? { problem: regex } : (v) => regex.test(asText(v));
    }
    case 'in': {
      const options = listOf(expected);
      return (v) => options.some((o) => equalsExpected(v, asText(o)));
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const n = numberOf(expected);
      const t = timeOf(expected);
      if (n === undefined && t === undefined) return { problem: `"${expected}" is neither a number nor a dateTime` };
      const compare = (a: number, b: number) => (op === 'lt' ? a < b : op === 'lte' ? a <= b : op === 'gt' ? a > b : a >= b);
      return (v) => {
        if (n !== undefined) {
          const a = numberOf(v);
          return a !== undefined && compare(a, n);
        }
        const a = timeOf(v);
        return a !== undefined && compare(a, t!);
      };
    }
  }
}
