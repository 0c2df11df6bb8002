import { describe, expect, it } from 'vitest';
import { SchemaRegistry, ScimFilterError, formatFilter, parseFilter, parseFilterWithDeviations, type Filter } from '@shared/scim';
import { rfcFilterCorpus } from '../../../fixtures/scim/rfc7644-filters';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parseFilter on the RFC 7644 §3.4.2.2 examples', () => {
  it.each(rfcFilterCorpus.valid)('%s parses, formats and re-parses to the same tree', (text) => {
    const ast = parseFilter(text);
    const canonical = formatFilter(ast);
    expect(parseFilter(canonical)).toStrictEqual(ast);
    expect(formatFilter(parseFilter(canonical))).toBe(canonical);
  });

  it('builds the tree the RFC means for the compound example', () => {
    expect(parseFilter('userType eq "Employee" and emails[type eq "work" and value co "@example.com"]')).toStrictEqual({
      type: 'and',
      left: { type: 'compare', path: { name: 'userType' }, op: 'eq', value: 'Employee' },
      right: {
        type: 'valuePath',
        path: { name: 'emails' },
        filter: {
          type: 'and',
          left: { type: 'compare', path: { name: 'type' }, op: 'eq', value: 'work' },
          right: { type: 'compare', path: { name: 'value' }, op: 'co', value: '@example.com' },
        },
      },
    });
  });
});

describe('parseFilter grammar', () => {
  it('gives not > and > or precedence, left-associative', () => {
    const ast = parseFilter('a pr or b pr and not (c pr) or d pr');
    expect(formatFilter(ast)).toBe('a pr or b pr and not (c pr) or d pr');
    expect(ast).toStrictEqual({
      type: 'or',
      left: {
        type: 'or',
        left: { type: 'present', path: { name: 'a' } },
        right: { type: 'and', left: { type: 'present', path: { name: 'b' } }, right: { type: 'not', filter: { type: 'present', path: { name: 'c' } } } },
      },
      right: { type: 'present', path: { name: 'd' } },
    });
  });

  it('keeps the parentheses the tree needs and drops the others', () => {
    expect(formatFilter(parseFilter('(a pr or b pr) and c pr'))).toBe('(a pr or b pr) and c pr');
    expect(formatFilter(parseFilter('a pr and (b pr and c pr)'))).toBe('a pr and (b pr and c pr)');
    expect(formatFilter(parseFilter('((a pr)) and (b pr)'))).toBe('a pr and b pr');
  });

  it('reads operators, keywords and literals in any case, keeping attribute spelling', () => {
    const ast = parseFilter('UserName EQ "x" AND Active Eq TRUE Or not(Title PR) and x NE Null');
    expect(formatFilter(ast)).toBe('UserName eq "x" and Active eq true or not (Title pr) and x ne null');
  });

  it('splits URN-prefixed paths at known schema URNs, never at the "." in "2.0"', () => {
    expect(parseFilter(`${ENTERPRISE}:department eq "Sales"`)).toStrictEqual({
      type: 'compare',
      path: { uri: ENTERPRISE, name: 'department' },
      op: 'eq',
      value: 'Sales',
    });
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:name.givenName eq "B"')).toMatchObject({
      path: { uri: 'urn:ietf:params:scim:schemas:core:2.0:User', name: 'name', subAttr: 'givenName' },
    });
    expect(parseFilter(`${ENTERPRISE.toUpperCase()}:manager.value pr`)).toStrictEqual({
      type: 'present',
      path: { uri: ENTERPRISE.toUpperCase(), name: 'manager', subAttr: 'value' },
    });
  });

  it('splits an unknown URN at the last ":" before the attribute name', () => {
    expect(parseFilter('urn:example:params:scim:schemas:extension:acme:1.0:User:badge.number eq 7')).toStrictEqual({
      type: 'compare',
      path: { uri: 'urn:example:params:scim:schemas:extension:acme:1.0:User', name: 'badge', subAttr: 'number' },
      op: 'eq',
      value: 7,
    });
  });

  it('uses the registry\'s URNs to split', () => {
    const registry = SchemaRegistry.fromDiscovery(
      [{ id: 'urn:acme:1.0:Thing', attributes: [{ name: 'size', type: 'integer' }] }],
      [{ name: 'Thing', endpoint: '/Things', schema: 'urn:acme:1.0:Thing' }],
    );
    expect(parseFilter('urn:acme:1.0:Thing:size gt 3', { registry })).toMatchObject({ path: { uri: 'urn:acme:1.0:Thing', name: 'size' } });
  });

  it('parses JSON strings and numbers exactly', () => {
    expect(parseFilter('x eq "a\\"b\\\\c\\u00e9\\n"')).toMatchObject({ value: 'a"b\\cé\n' });
    expect(parseFilter('x eq -1.5e3')).toMatchObject({ value: -1500 });
    expect(parseFilter('x eq 0')).toMatchObject({ value: 0 });
    expect(parseFilter('x eq "it\'s"')).toMatchObject({ value: "it's" });
  });

  it('treats "not" as an attribute name where it cannot be a negation', () => {
    expect(parseFilter('not pr')).toStrictEqual({ type: 'present', path: { name: 'not' } });
    expect(parseFilter('notes eq "x"')).toMatchObject({ path: { name: 'notes' } });
  });

  it('accepts $ref as an attribute name', () => {
    expect(parseFilter('members[$ref sw "https://"]')).toMatchObject({ filter: { path: { name: '$ref' } } });
  });
});

describe('parseFilter lenient mode', () => {
  it('accepts an unquoted string value and reports it', () => {
    const { filter, deviations } = parseFilterWithDeviations('externalId eq jyoung', { lenient: true });
    expect(filter).toStrictEqual({ type: 'compare', path: { name: 'externalId' }, op: 'eq', value: 'jyoung' });
    expect(deviations).toEqual([expect.objectContaining({ code: 'unquoted-value', position: 14, length: 6 })]);
  });

  it('reads a value path followed by a sub-attribute as the RFC filter it means', () => {
    const { filter, deviations } = parseFilterWithDeviations('emails[type eq "work"].value eq "x@example.com"', { lenient: true });
    expect(formatFilter(filter)).toBe('emails[type eq "work" and value eq "x@example.com"]');
    expect(deviations).toEqual([expect.objectContaining({ code: 'value-path-sub-attribute', position: 0 })]);
    expect(deviations[0]!.message).toContain('PATCH path grammar');
  });

  it('accepts "not" without parentheses', () => {
    const { filter, deviations } = parseFilterWithDeviations('not userName eq "x"', { lenient: true });
    expect(formatFilter(filter)).toBe('not (userName eq "x")');
    expect(deviations.map((d) => d.code)).toEqual(['not-without-parentheses']);
  });

  it('reports nothing for an RFC filter', () => {
    for (const text of rfcFilterCorpus.valid) expect(parseFilterWithDeviations(text, { lenient: true }).deviations).toEqual([]);
  });
});

/** [filter, position, length, a fragment of the message] */
const invalid: [string, number, number, string][] = [
  ['', 0, 0, 'empty filter'],
  ['   ', 0, 0, 'empty filter'],
  ['userName', 8, 0, 'expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le) or "pr" after "userName"'],
  ['userName eqq "x"', 9, 3, 'expected a comparison operator'],
  ['userName "bjensen"', 9, 1, 'expected a comparison operator'],
  ['userName eq', 11, 0, 'expected a value'],
  ['userName eq "bjensen', 12, 8, 'unterminated string'],
  ['userName eq bjensen', 12, 7, 'must be in double quotes: "bjensen"'],
  ['(userName eq "x"', 16, 0, 'expected ")" to close the "(" at offset 0'],
  ['userName eq "x")', 15, 1, 'unexpected ")"'],
  ['userName eq "x" an title pr', 16, 2, 'expected "and", "or" or the end of the filter, found "an"'],
  ['userName eq "x" and', 19, 0, 'expected a filter after "and"'],
  ['userName eq "x" or ', 19, 0, 'expected a filter after "or"'],
  ['emails[type eq "work"', 21, 0, 'expected "]" to close the "[" at offset 6'],
  ['emails[type eq "work"].value eq "x"', 22, 1, 'PATCH path grammar'],
  ['emails[value[type pr]]', 12, 1, 'cannot be nested'],
  ['emails[]', 7, 1, 'empty value filter'],
  ['not userName eq "x"', 4, 8, 'expected "(" after "not"'],
  ['age gt 01', 7, 2, 'leading zeros'],
  ['age gt 1.', 7, 2, 'expected a digit after "."'],
  ['age gt 5x', 7, 2, 'invalid number'],
  ['userName eq "a\\qb"', 14, 2, 'invalid escape'],
  ['1abc eq "x"', 0, 1, 'start with a letter'],
  ['name.given.x eq "x"', 10, 1, 'at most one sub-attribute'],
  ['urn:ietf:params:scim:schemas:core:2.0:User: eq "x"', 43, 0, 'expected an attribute name after the schema URN'],
  ['urn:ietf:params:scim:schemas:core:2.0:User eq "x"', 42, 0, 'expected an attribute name after the schema URN'],
  ['()', 1, 1, 'expected an attribute name'],
  ['"x" eq userName', 0, 1, 'a filter starts with an attribute'],
  ['title pr pr', 9, 2, 'found "pr"'],
  ['name.familyName[value pr]', 15, 1, 'not the sub-attribute'],
  ['userName eq "x" and (title pr', 29, 0, 'expected ")"'],
  ['userName eq "x"]', 15, 1, 'unexpected "]"'],
];

describe('parseFilter errors', () => {
  it.each(invalid)('%j fails at %i (length %i): %s', (text, position, length, fragment) => {
    let error: unknown;
    try {
      parseFilter(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScimFilterError);
    const e = error as ScimFilterError;
    expect(e.message).toContain(fragment);
    expect([e.position, e.length]).toEqual([position, length]);
    expect(e.status).toBe(400);
    expect(e.scimType).toBe('invalidFilter');
  });

  it('rejects ordering and substring operators on boolean attributes when given a registry', () => {
    const registry = SchemaRegistry.core();
    expect(() => parseFilter('active gt true', { registry })).toThrow(/"gt" cannot be applied to the boolean attribute "active"/);
    try {
      parseFilter('userName eq "x" and emails[primary co "t"]', { registry });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScimFilterError);
      expect((e as ScimFilterError).position).toBe(35);
    }
    expect(parseFilter('active eq true', { registry })).toMatchObject({ op: 'eq' });
    // without a registry the parser only checks syntax
    expect(parseFilter('active gt true')).toMatchObject({ op: 'gt' });
  });

  it('fails cleanly on deep nesting instead of overflowing the stack', () => {
    const deep = '('.repeat(5000) + 'a pr' + ')'.repeat(5000);
    expect(() => parseFilter(deep)).toThrow(ScimFilterError);
  });

  it('formats the trees of every valid example without loss', () => {
    const trees: Filter[] = rfcFilterCorpus.valid.map((t) => parseFilter(t));
    expect(trees.map((t) => parseFilter(formatFilter(t)))).toStrictEqual(trees);
  });
});
