import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateTime } from '@shared/scim';

describe('parseDateTime (xsd:dateTime, RFC 7643 §2.3.5)', () => {
  it('gives the same instant as Date for any time written in any offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50_000_000_000_000, max: 250_000_000_000_000 }), fc.integer({ min: -14 * 60, max: 14 * 60 }), (ms, offset) => {
        const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
        const a = Math.abs(offset);
        const text = `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
        expect(parseDateTime(text)).toBe(ms);
        expect(parseDateTime(new Date(ms).toISOString())).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads fractions, "z", no zone (as UTC) and years below 100', () => {
    expect(parseDateTime('2011-05-13T04:42:34.123456Z')).toBe(Date.UTC(2011, 4, 13, 4, 42, 34, 123));
    expect(parseDateTime('2011-05-13t04:42:34z')).toBe(Date.UTC(2011, 4, 13, 4, 42, 34));
    expect(parseDateTime('2011-05-13T04:42:34')).toBe(Date.UTC(2011, 4, 13, 4, 42, 34));
    expect(parseDateTime('0050-01-01T00:00:00Z')).toBe(Date.parse('0050-01-01T00:00:00Z'));
  });

  it.each(['2011-02-29T00:00:00Z', '2011-13-01T00:00:00Z', '2011-05-13 04:42:34Z', '2011-05-13T24:00:00Z', '2011-05-13T04:42:34.Z', '2011-05-13T04:42:34+0200', '2011-05-13', 'yesterday', ''])(
    'rejects %j',
    (text) => expect(parseDateTime(text)).toBeUndefined(),
  );

  it('accepts 29 February only in leap years', () => {
    expect(parseDateTime('2000-02-29T00:00:00Z')).toBeDefined();
    expect(parseDateTime('2024-02-29T00:00:00Z')).toBeDefined();
    expect(parseDateTime('1900-02-29T00:00:00Z')).toBeUndefined();
  });
});
