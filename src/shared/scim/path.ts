import { ScimFilterError } from './errors';
import type { Filter } from './filter/ast';
import { CH, isNameChar } from './filter/chars';
import { FilterParser, type ParseFilterOptions } from './filter/parser';
import { SchemaRegistry } from './schema/registry';

/**
 * A PATCH path (RFC 7644 §3.5.2): `attrPath / valuePath [subAttr]`, e.g. `name.familyName`,
 * `members[value eq "2819c223"]`, `emails[type eq "work"].value`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`. `name` is absent only when
 * the path is a schema URN by itself (the whole extension object).
 */
export interface PatchPath {
  uri?: string;
  name?: string;
  /** value selection filter, relative to each value of the multi-valued attribute */
  filter?: Filter;
  subAttr?: string;
}

/**
 * Parses a PATCH `path`. URN prefixes are split at the longest known schema URN (the registry's, or
 * RFC 7643's), otherwise at the last ":" before the attribute name. Throws `ScimFilterError` with the
 * position of the problem.
 */
export function parsePath(text: string, options: ParseFilterOptions = {}): PatchPath {
  if (text.length === 0) throw new ScimFilterError('empty path: expected an attribute name', text, 0, 0);
  const registry = options.registry ?? SchemaRegistry.core();
  const whole = registry.splitUrn(text);
  if (whole && whole.rest === '') return { uri: whole.uri };
  const parser = new FilterParser(text, options);
  const { path } = parser.readAttributePath('at the start of the path');
  const out: PatchPath = {};
  if (path.uri !== undefined) out.uri = path.uri;
  out.name = path.name;
  if (path.subAttr !== undefined) out.subAttr = path.subAttr;
  if (text.charCodeAt(parser.pos) === CH.openBracket) {
    out.filter = parser.parseBracket(path, undefined).filter;
    if (text.charCodeAt(parser.pos) === CH.dot) {
      const start = ++parser.pos;
      let end = start;
      while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
      parser.checkName(start, end, 'sub-attribute');
      out.subAttr = text.slice(start, end);
      parser.pos = end;
    }
  }
  if (parser.pos < text.length) {
    const c = text.charCodeAt(parser.pos);
    const what = c === CH.dot ? 'a second sub-attribute' : `"${text[parser.pos]}"`;
    parser.fail(`unexpected ${what} in the path: a PATCH path is attribute[.subAttribute] or attribute[filter][.subAttribute] (RFC 7644 §3.5.2)`, parser.pos, text.length - parser.pos);
  }
  return out;
}
