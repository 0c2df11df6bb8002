import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoStamp } from '@shared/util/iso-stamp';

describe('isoStamp', () => {
  it('writes what Date#toISOString writes, for any time, in any order, fractions of a millisecond included', () => {
    const instant = fc.oneof(fc.integer({ min: 0, max: 4102444800000 }), fc.double({ min: 0, max: 4102444800000, noNaN: true }));
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (times) => {
        for (const ms of times) expect(isoStamp(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 500 },
    );
  });

  it('moves on across second boundaries and within one second', () => {
    const base = Date.UTC(2026, 10, 30, 23, 59, 59, 0);
    for (const ms of [base, base + 7, base + 42, base + 999, base + 1000, base + 1001, base - 1, base + 86_400_000]) {
      expect(isoStamp(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
