import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPARE_OPERATORS, ScimFilterError, formatFilter, parseFilter, type AttributePath, type Filter, type FilterValue } from '@shared/scim';

const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const nameChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_');
const attrName = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(letter, fc.array(nameChar, { maxLength: 8 })).map(([first, rest]) => first + rest.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('$ref', 'not', 'and', 'or', 'pr', 'eq', 'true', 'null', 'NOT') },
);
const segment = fc.array(fc.constantFrom(...'abcxyz0129.'), { minLength: 1, maxLength: 6 }).map((c) => c.join(''));
const uri = fc.oneof(
  fc.constantFrom(
    'urn:ietf:params:scim:schemas:core:2.0:User',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    'URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:GROUP',
  ),
  fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `urn:${s.join(':')}`),
);
const attributePath: fc.Arbitrary<AttributePath> = fc
  .record({ uri: fc.option(uri, { nil: undefined }), name: attrName, subAttr: fc.option(attrName, { nil: undefined }) })
  .map(({ uri: u, name, subAttr }) => ({ ...(u ? { uri: u } : {}), name, ...(subAttr ? { subAttr } : {}) }));
const value: fc.Arbitrary<FilterValue> = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

const { filter: filterArb } = fc.letrec<{ filter: Filter; inner: Filter; leaf: Filter; innerTree: Filter }>((tie) => ({
  leaf: fc.oneof(
    fc.record({ type: fc.constant('compare' as const), path: attributePath, op: fc.constantFrom(...COMPARE_OPERATORS), value }),
    fc.record({ type: fc.constant('present' as const), path: attributePath }),
  ),
  innerTree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record({ type: fc.constantFrom('and' as const, 'or' as const), left: tie('innerTree'), right: tie('innerTree') }),
    fc.record({ type: fc.constant('not' as const), filter: tie('innerTree') }),
  ),
  inner: tie('innerTree'),
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record({
      type: fc.constant('valuePath' as const),
      path: fc.record({ uri: fc.option(uri, { nil: undefined }), name: attrName }).map(({ uri: u, name }) => ({ ...(u ? { uri: u } : {}), name })),
      filter: tie('inner'),
    }),
    fc.record({ type: fc.constantFrom('and' as const, 'or' as const), left: tie('filter'), right: tie('filter') }),
    fc.record({ type: fc.constant('not' as const), filter: tie('filter') }),
  ),
}));

describe('formatFilter / parseFilter round trip', () => {
  it('parseFilter(formatFilter(ast)) deep-equals ast for random trees', () => {
    fc.assert(
      fc.property(filterArb, (generated) => {
        // fast-check builds null-prototype records; compare against ordinary objects
        const ast: Filter = structuredClone(generated);
        expect(parseFilter(formatFilter(ast))).toStrictEqual(ast);
      }),
      { numRuns: 3000 },
    );
  });
});

const tokens = fc.constantFrom(
  'userName', 'emails', 'name.givenName', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value', 'urn:x:1.0',
  ' eq ', ' ne ', ' co ', ' gt ', ' pr', ' and ', ' or ', 'not ', 'not(', '(', ')', '[', ']', '.', ':', '"x"', '"', '\\', '\\u12',
  '12', '-', '1e', 'true', 'null', ' ', '\t', '$', 'é', '\u0000', '.value',
);

function parseOrFilterError(text: string, lenient: boolean): Filter | undefined {
  try {
    return parseFilter(text, { lenient });
  } catch (error) {
    if (!(error instanceof ScimFilterError)) throw error;
    expect(error.position).toBeGreaterThanOrEqual(0);
    expect(error.position + error.length).toBeLessThanOrEqual(text.length);
    return undefined;
  }
}

describe('parseFilter on junk', () => {
  it('never throws anything but ScimFilterError on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.boolean(), (text, lenient) => {
        parseOrFilterError(text, lenient);
      }),
      { numRuns: 5000 },
    );
  });

  it('never throws anything but ScimFilterError on filter-like token soup, and what parses round-trips', () => {
    fc.assert(
      fc.property(fc.array(tokens, { maxLength: 14 }), fc.boolean(), (parts, lenient) => {
        const ast = parseOrFilterError(parts.join(''), lenient);
        if (ast) expect(parseFilter(formatFilter(ast))).toStrictEqual(ast);
      }),
      { numRuns: 8000 },
    );
  });
});
