import type { Filter } from './filter/ast';
import { formatFilter } from './filter/printer';

/** The query parameters of a SCIM list request (RFC 7644 §3.4.2, RFC 9865 cursors). */
export interface ScimQuery {
  /** filter text or AST (formatted canonically) */
  filter?: string | Filter;
  attributes?: string | readonly string[];
  excludedAttributes?: string | readonly string[];
  sortBy?: string;
  sortOrder?: 'ascending' | 'descending' | (string & {});
  startIndex?: number | string;
  count?: number | string;
  /** RFC 9865: "" asks for the first page of cursor paging (sent as a bare `cursor`), else a cursor value */
  cursor?: string;
}

const ORDER: (keyof ScimQuery)[] = ['filter', 'attributes', 'excludedAttributes', 'sortBy', 'sortOrder', 'startIndex', 'count', 'cursor'];

function text(name: keyof ScimQuery, value: ScimQuery[keyof ScimQuery]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (name === 'filter' && typeof value === 'object' && !Array.isArray(value)) return encodeURIComponent(formatFilter(value as Filter));
  if (Array.isArray(value) || ((name === 'attributes' || name === 'excludedAttributes') && typeof value === 'string')) {
    const list = Array.isArray(value) ? value : (value as string).split(',');
    const parts = list.map((v) => String(v).trim()).filter((v) => v !== '');
    return parts.length ? parts.map(encodeURIComponent).join(',') : undefined;
  }
  const s = String(value);
  return s === '' ? undefined : encodeURIComponent(s);
}

/**
 * The URL query string (without "?") for a list request: values percent-encoded as by
 * encodeURIComponent (so a space is %20, never "+"), attribute lists comma-joined, undefined and empty
 * parameters left out. Parameters appear in a fixed order, so equal queries give equal strings.
 */
export function buildQuery(query: ScimQuery): string {
  const out: string[] = [];
  for (const name of ORDER) {
    const value = query[name];
    if (name === 'cursor' && value === '') {
      out.push('cursor');
      continue;
    }
    const encoded = text(name, value);
    if (encoded !== undefined) out.push(`${name}=${encoded}`);
  }
  return out.join('&');
}
