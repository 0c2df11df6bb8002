import type { ExpressionValue } from './ast';

/** One function of the mapping language: how many arguments it takes and what it does. */
export interface FunctionDef {
  name: string;
  signature: string;
  /** one line, for the editor's hints */
  summary: string;
  minArgs: number;
  /** undefined: any number */
  maxArgs?: number;
  /** further rules on the argument count (Switch's key/value pairs) */
  checkArgs?: (count: number) => string | undefined;
  /** which arguments may be left empty (`Switch([a], , …)`) */
  emptyAllowed?: (index: number) => boolean;
  apply: (args: ExpressionValue[], note: (text: string) => void) => ExpressionValue;
}

/** Entra ID writes booleans as "True"/"False" when it turns them into text (Switch keys, Join). */
export function asText(value: ExpressionValue): string | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return value;
}

function asBoolean(value: ExpressionValue): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === null) return null;
  const lower = value.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : null;
}

const empty = (value: ExpressionValue) => value === null || value === '';

// Source: Microsoft, "Reference for writing expressions for attribute mappings in Microsoft Entra ID"
// (functions-for-customizing-application-data.md). Only the functions the default mapping tables and
// everyday edits use are here; an unknown name is an error that lists these.
const DEFS: FunctionDef[] = [
  {
    name: 'Switch',
    signature: 'Switch(source, defaultValue, key1, value1, key2, value2, …)',
    summary: 'the value paired with the key the source equals (compared as text), else defaultValue',
    minArgs: 4,
    checkArgs: (count) => ((count - 2) % 2 === 0 ? undefined : 'takes a source, a default, then key/value pairs: the keys and values do not pair up'),
    emptyAllowed: (index) => index === 1,
    apply: ([source, fallback, ...pairs]) => {
      const text = asText(source ?? null);
      for (let i = 0; i + 1 < pairs.length; i += 2) if (text !== null && text === asText(pairs[i] ?? null)) return pairs[i + 1] ?? null;
      return fallback ?? null;
    },
  },
  {
    name: 'Join',
    signature: 'Join(separator, source1, source2, …)',
    summary: 'the non-empty sources joined with the separator',
    minArgs: 2,
    apply: ([separator, ...sources]) => {
      const parts = sources.map((s) => asText(s ?? null)).filter((s): s is string => s !== null && s !== '');
      return parts.length ? parts.join(asText(separator ?? null) ?? '') : null;
    },
  },
  {
    name: 'ToLower',
    signature: 'ToLower(source, culture)',
    summary: 'the source in lower case (the culture argument is accepted and ignored)',
    minArgs: 1,
    maxArgs: 2,
    emptyAllowed: (index) => index === 1,
    apply: ([source]) => asText(source ?? null)?.toLowerCase() ?? null,
  },
  {
    name: 'ToUpper',
    signature: 'ToUpper(source, culture)',
    summary: 'the source in upper case (the culture argument is accepted and ignored)',
    minArgs: 1,
    maxArgs: 2,
    emptyAllowed: (index) => index === 1,
    apply: ([source]) => asText(source ?? null)?.toUpperCase() ?? null,
  },
  {
    name: 'Append',
    signature: 'Append(source, suffix)',
    summary: 'the source followed by the suffix (nothing when the source is empty)',
    minArgs: 2,
    maxArgs: 2,
    apply: ([source, suffix]) => (empty(source ?? null) ? null : `${asText(source ?? null)}${asText(suffix ?? null) ?? ''}`),
  },
  {
    name: 'Not',
    signature: 'Not(source)',
    summary: 'the opposite of a boolean source ("True"/"False")',
    minArgs: 1,
    maxArgs: 1,
    apply: ([source]) => {
      const b = asBoolean(source ?? null);
      return b === null ? null : !b;
    },
  },
  {
    name: 'Coalesce',
    signature: 'Coalesce(source1, source2, …, defaultValue)',
    summary: 'the first source that is not empty',
    minArgs: 1,
    apply: (sources) => sources.find((s) => !empty(s ?? null)) ?? null,
  },
  {
    name: 'SingleAppRoleAssignment',
    signature: 'SingleAppRoleAssignment([appRoleAssignments])',
    summary: 'the one app role assigned to the user; the test directory has no role assignments, so this is its source value as a constant',
    minArgs: 1,
    maxArgs: 1,
    apply: ([source], note) => {
      note('SingleAppRoleAssignment: the simulator has no app role assignments; the source value is used as is');
      return asText(source ?? null);
    },
  },
];

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(DEFS.map((d) => [d.name.toLowerCase(), d]));

export const FUNCTION_NAMES = DEFS.map((d) => d.name);
