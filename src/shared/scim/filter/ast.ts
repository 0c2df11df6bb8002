/** The filter AST of RFC 7644 §3.4.2.2. Attribute names keep the spelling they were written with. */

/** `[uri ":"] name ["." subAttr]` (RFC 7644 §3.10). */
export interface AttributePath {
  /** schema URN prefix, as written (e.g. `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`) */
  uri?: string;
  name: string;
  subAttr?: string;
}

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
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

export interface LogicalFilter {
  type: 'and' | 'or';
  left: Filter;
  right: Filter;
}

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

export type Filter = CompareFilter | PresentFilter | LogicalFilter | NotFilter | ValuePathFilter;

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
