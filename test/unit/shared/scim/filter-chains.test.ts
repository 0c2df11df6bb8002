import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScimFilterError, applyPatch, compileFilter, formatFilter, matchesFilter, parseFilter, parseFilterWithDeviations, type Filter } from '@shared/scim';
import { prng } from '@shared/util/prng';
import { oracleMatches } from '../../../../bench/lib/scim-oracle';

const LEAVES = [
  'userName eq "bjensen"',
  'userName sw "j"',
  'title co "manager"',
  'active eq true',
  'emails[type eq "work" and value ew "@example.com"]',
  'name.familyName pr',
  'not (userType eq "Employee")',
  'meta.lastModified gt "2015-06-01T00:00:00Z"',
];
const USERS = [
  { userName: 'bjensen', title: 'Tour Guide', active: true, emails: [{ type: 'work', value: 'bjensen@example.com' }], name: { familyName: 'Jensen' }, meta: { lastModified: '2016-01-01T00:00:00Z' } },
  { userName: 'jsmith', title: 'Sales manager', active: false, userType: 'Employee', emails: [{ type: 'home', value: 'js@example.org' }], meta: { lastModified: '2014-01-01T00:00:00Z' } },
  { userName: 'alice', active: false, userType: 'Contractor' },
  {},
];
const leafAsts = LEAVES.map((text) => parseFilter(text));

/** A flat chain `leaf join leaf join …` with its terms and joins, from a seed. */
function chain(seed: number, terms: number): { text: string; leaves: number[]; joins: ('and' | 'or')[] } {
  const random = prng(seed);
  const leaves = Array.from({ length: terms }, () => Math.floor(random() * LEAVES.length));
  const orShare = random();
  const joins = Array.from({ length: terms - 1 }, () => (random() < orShare ? 'or' : 'and') as 'and' | 'or');
  const text = leaves.map((leaf, i) => (i === 0 ? LEAVES[leaf] : ` ${joins[i - 1]} ${LEAVES[leaf]}`)).join('');
  return { text, leaves, joins };
}

/** What the chain means, computed without any tree: an `or` of `and` groups, each leaf by the reference evaluator. */
function expected(resource: unknown, leaves: number[], joins: ('and' | 'or')[]): boolean {
  const leafValue = leafAsts.map((ast) => oracleMatches(resource, ast));
  let any = false;
  let group = leafValue[leaves[0]!]!;
  for (let i = 0; i < joins.length; i++) {
    if (joins[i] === 'or') {
      any ||= group;
      group = leafValue[leaves[i + 1]!]!;
    } else group &&= leafValue[leaves[i + 1]!]!;
  }
  return any || group;
}

describe('filters of any length the parser accepts', () => {
  it('prints and evaluates 10,000–20,000-term and/or chains (property over seeds and mixes)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 10_000, max: 20_000 }), (seed, terms) => {
        const { text, leaves, joins } = chain(seed, terms);
        const ast = parseFilter(text);
        // the generated text is canonical, so printing the tree gives it back exactly
        expect(formatFilter(ast)).toBe(text);
        const compiled = compileFilter(ast);
        for (const user of USERS) expect(compiled(user)).toBe(expected(user, leaves, joins));
      }),
      { numRuns: 8 },
    );
  });

  it('handles a single-operator chain of 50,000 terms in both operators', () => {
    for (const join of ['and', 'or']) {
      const text = Array.from({ length: 50_000 }, (_, i) => `userName eq "u${i}"`).join(` ${join} `);
      const ast = parseFilter(text);
      expect(formatFilter(ast)).toBe(text);
      expect(matchesFilter({ userName: 'u49999' }, ast)).toBe(join === 'or');
      expect(matchesFilter({ userName: 'nobody' }, text)).toBe(false);
    }
  });

  it('prints and evaluates the deepest nesting the parser accepts, with long chains at every level', () => {
    const random = prng(7);
    const shapes: [string, string][] = [
      ['(', ')'],
      ['not (', ')'],
    ];
    for (const [open, close] of shapes) {
      let text = 'userName eq "bjensen"';
      for (let level = 0; level < 199; level++) {
        const join = level % 2 === 0 ? 'and' : 'or';
        const extra = Array.from({ length: 1 + Math.floor(random() * 40) }, () => LEAVES[Math.floor(random() * LEAVES.length)]).join(` ${join} `);
        text = `${extra} ${join} ${open}${text}${close}`;
      }
      text = `emails[type eq "work" or (value pr and not (primary eq true))] and ${open}${text}${close}`;
      const ast = parseFilter(text);
      expect(parseFilter(formatFilter(ast))).toStrictEqual(ast);
      const compiled = compileFilter(ast);
      for (const user of USERS) expect(compiled(user)).toBe(oracleMatches(user, ast));
    }
  });

  it('rejects nesting one level deeper than it can print and evaluate, at the opening that is too deep', () => {
    for (const open of ['(', 'not (']) {
      const text = `${open.repeat(201)}a pr${')'.repeat(201)}`;
      try {
        parseFilter(text);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ScimFilterError);
        expect((error as ScimFilterError).message).toMatch(/more than 200 levels/);
        expect((error as ScimFilterError).position).toBe(open.length * 200 + open.length - 1);
      }
    }
    const lenient = `${'not '.repeat(201)}a pr`;
    expect(() => parseFilter(lenient, { lenient: true })).toThrow(/more than 200 levels/);
    expect(() => parseFilter(`${'not '.repeat(200)}a pr`, { lenient: true })).not.toThrow();
  });

  it('never overflows on random filters, whole or damaged: each parses, prints and evaluates, or fails with a positioned ScimFilterError', () => {
    const noise = ['(', ')', 'not ', ' and ', ' or ', 'emails[', ']', '"', ' eq ', '[', '1e999', '-', 'x.y.z'];
    let parsed = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 5_000, max: 30_000 }), fc.boolean(), fc.boolean(), (seed, steps, damage, lenient) => {
        const random = prng(seed);
        // mostly one operator, so that the chains get long (as deep as they are long in the tree)
        const orShare = random() < 0.5 ? random() * 0.1 : 0.9 + random() * 0.1;
        // a valid filter grown step by step: terms joined by and/or, groups and negations opened (up to 210 deep) and closed
        const parts: string[] = [LEAVES[0]!];
        let open = 0;
        for (let i = 0; i < steps; i++) {
          const r = random();
          const join = random() < orShare ? ' or ' : ' and ';
          if (r < 0.01 && open < 210) {
            parts.push(join, random() < 0.5 ? '(' : 'not (', LEAVES[Math.floor(random() * LEAVES.length)]!);
            open++;
          } else if (r < 0.03 && open > 0) {
            parts.push(')');
            open--;
          } else parts.push(join, LEAVES[Math.floor(random() * LEAVES.length)]!);
        }
        parts.push(')'.repeat(open));
        if (damage) for (let k = 1 + Math.floor(random() * 3); k > 0; k--) parts.splice(Math.floor(random() * parts.length), random() < 0.5 ? 1 : 0, noise[Math.floor(random() * noise.length)]!);
        const text = parts.join('');
        let ast: Filter;
        try {
          ast = parseFilter(text, { lenient });
        } catch (error) {
          if (!(error instanceof ScimFilterError)) throw error;
          expect(error.position).toBeGreaterThanOrEqual(0);
          expect(error.position).toBeLessThanOrEqual(text.length);
          return;
        }
        parsed++;
        const printed = formatFilter(ast);
        expect(formatFilter(parseFilter(printed))).toBe(printed);
        const compiled = compileFilter(ast);
        for (const user of USERS) compiled(user);
      }),
      { numRuns: 16 },
    );
    // the generator reaches the printer and evaluator, not only the parser's first error
    expect(parsed).toBeGreaterThan(2);
  });
});

describe('unquoted dateTime values', () => {
  const text = 'meta.created gt 2015-10-10T14:38:21.8617979-07:00';

  it('are read in lenient mode as the dateTime string, reported as a deviation', () => {
    const { filter, deviations } = parseFilterWithDeviations(text, { lenient: true });
    expect(filter).toStrictEqual({ type: 'compare', path: { name: 'meta', subAttr: 'created' }, op: 'gt', value: '2015-10-10T14:38:21.8617979-07:00' });
    expect(deviations).toEqual([expect.objectContaining({ code: 'unquoted-value', position: 16, length: 33 })]);
    expect(deviations[0]!.message).toContain('"2015-10-10T14:38:21.8617979-07:00"');
    expect(parseFilter('(meta.created ge 2015-10-10T21:38:21Z)', { lenient: true })).toMatchObject({ value: '2015-10-10T21:38:21Z' });
  });

  it('compare chronologically, not as text', () => {
    const ast = parseFilter(text, { lenient: true });
    // 14:38:21.861-07:00 is 21:38:21.861Z
    expect(matchesFilter({ meta: { created: '2015-10-10T21:38:22Z' } }, ast)).toBe(true);
    expect(matchesFilter({ meta: { created: '2015-10-10T21:38:21Z' } }, ast)).toBe(false);
    // later as an instant, earlier as text
    expect(matchesFilter({ meta: { created: '2015-10-10T20:00:00-05:00' } }, ast)).toBe(true);
    expect(matchesFilter({ meta: { created: '2015-10-11T00:00:00+05:00' } }, ast)).toBe(false);
  });

  it('are still refused in strict mode, with a hint to quote them', () => {
    try {
      parseFilter(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScimFilterError);
      expect((error as ScimFilterError).position).toBe(16);
      expect((error as ScimFilterError).message).toContain('"2015-10-10T14:38:21.8617979-07:00"');
    }
    // a number that is not a dateTime is still a number
    expect(parseFilter('x gt 2015', { lenient: true })).toMatchObject({ value: 2015 });
    expect(() => parseFilter('x gt 2015-13-45T00:00:00Z')).toThrow(ScimFilterError);
  });
});

describe('everything else that walks a filter chain', () => {
  const chain = (n: number, join: 'and' | 'or') => Array.from({ length: n }, (_, i) => `type eq "t${i}"`).join(` ${join} `);

  it('lenient PATCH creates a value from a 20,000-term eq chain that matches nothing', () => {
    const user = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'u', emails: [{ value: 'a@x', type: 'home' }] };
    const request = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: `emails[${chain(20_000, 'and')}].value`, value: 'new@x' }] };
    const { resource } = applyPatch(user, request, { mode: 'lenient' });
    expect(resource.emails).toHaveLength(2);
    expect(resource.emails[1]).toMatchObject({ type: 't19999', value: 'new@x' });
  });
});
