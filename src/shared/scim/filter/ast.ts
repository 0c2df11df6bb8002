/** The filter AST of RFC 7644 §3.4.2.2. Attribute names keep the spelling they were written with. */

/** `[uri ":"] name ["." subAttr]` (RFC 7644 §3.10). */
export interface AttributePath {
  /** schema URN prefix, as written (e.g. `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`) */
  uri?: string;
  name: string;
  subAttr?: string;
}

/** The comparison operators of RFC 7644 §3.4.2.2 Table 3 (always lower-case in the AST). */
export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
/** A comparison value: a JSON string, number, boolean or null. */
export type FilterValue = string | number | boolean | null;

/** `path op value`, e.g. `userName eq "bjensen"`. */
export interface CompareFilter {
  type: 'compare';
  path: AttributePath;
  op: CompareOperator;
  value: FilterValue;
}

/** `path pr`: the attribute has a non-empty value. */
export interface PresentFilter {
  type: 'present';
  path: AttributePath;
}

/** `left and right` / `left or right`; chains are left-associative, `and` binds tighter than `or`. */
export interface LogicalFilter {
  type: 'and' | 'or';
  left: Filter;
  right: Filter;
}

/** `not (filter)`. */
export interface NotFilter {
  type: 'not';
  filter: Filter;
}

/** `emails[type eq "work"]`: some value of a multi-valued attribute matches `filter` (paths relative to it). */
export interface ValuePathFilter {
  type: 'valuePath';
  path: { uri?: string; name: string };
  filter: Filter;
}

/** A filter AST node; `formatFilter` turns one back into text. */
export type Filter = CompareFilter | PresentFilter | LogicalFilter | NotFilter | ValuePathFilter;

/** All comparison operators, for pickers and generators. */
export const COMPARE_OPERATORS: readonly CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

/** Something lenient parsing accepted that RFC 7644 does not allow, with where it is in the text. */
export interface FilterDeviation {
  code: 'unquoted-value' | 'value-path-sub-attribute' | 'not-without-parentheses';
  message: string;
  position: number;
  length: number;
}

/** The canonical text of an attribute path. */
export function formatAttributePath(path: { uri?: string; name: string; subAttr?: string }): string {
  let out = path.uri ? `${path.uri}:${path.name}` : path.name;
  if (path.subAttr) out += `.${path.subAttr}`;
  return out;
}
