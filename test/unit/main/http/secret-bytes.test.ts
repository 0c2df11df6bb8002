import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SecretScrubber, secretSpellings } from '@shared/redact/secret-scrubber';
import { scrubBytes } from '../../../../src/main/services/http/body';
import { bytesContainSecret, NeedleSet } from '../../../../src/main/services/http/secret-bytes';

/** The plain answer: one `indexOf` per needle. */
const reference = (haystack: Buffer, needles: Buffer[]) => needles.some((n) => n.length > 0 && haystack.indexOf(n) !== -1);

/** Any bytes, including ones that are not UTF-8; a small alphabet too, so grams repeat and collide. */
const anyBytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map((a) => Buffer.from(a));
const fewBytes = (min: number, max: number) => fc.array(fc.constantFrom(0x61, 0x62, 0xff), { minLength: min, maxLength: max }).map((a) => Buffer.from(a));
/** The same bytes as views starting at each of the 4 byte alignments in memory. */
const alignments = (bytes: Buffer) => [0, 1, 2, 3].map((shift) => {
  const backing = new Uint8Array(bytes.length + 12);
  const start = 8 - (backing.byteOffset & 7) + shift;
  const view = Buffer.from(backing.buffer, start, bytes.length);
  view.set(bytes);
  return view;
});
const needle = fc.oneof(anyBytes(4, 15), anyBytes(16, 40), anyBytes(41, 90), fewBytes(4, 24));
const haystack = fc.oneof(anyBytes(0, 300), fewBytes(0, 300));

describe('NeedleSet', () => {
  it('finds every needle at every offset of any buffer, from the first byte to the last', () => {
    fc.assert(
      fc.property(fc.array(needle, { minLength: 1, maxLength: 6 }), haystack, fc.nat(), (needles, hay, pick) => {
        const set = new NeedleSet(needles);
        const inserted = needles[pick % needles.length]!;
        for (let at = 0; at <= hay.length; at++) {
          const text = Buffer.concat([hay.subarray(0, at), inserted, hay.subarray(at)]);
          for (const view of alignments(text)) expect(set.foundIn(view), `needle of ${inserted.length} bytes at ${at} of ${text.length}, from ${view.byteOffset}`).toBe(true);
        }
        // the needle alone, and overlapping copies of itself
        expect(set.foundIn(inserted)).toBe(true);
        expect(set.foundIn(Buffer.concat([inserted.subarray(0, inserted.length >> 1), inserted, inserted]))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('says found exactly when one indexOf per needle would', () => {
    fc.assert(
      fc.property(fc.array(needle, { minLength: 0, maxLength: 8 }), haystack, (needles, hay) => {
        const set = new NeedleSet(needles);
        for (const view of alignments(hay)) expect(set.foundIn(view)).toBe(reference(hay, needles));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a needle cut off by the end of the buffer only when it is whole', () => {
    const secret = Buffer.from('0123456789abcdefghijKLMNOP');
    const set = new NeedleSet([secret]);
    for (let keep = 0; keep < secret.length; keep++) expect(set.foundIn(Buffer.concat([Buffer.alloc(37, 0xfe), secret.subarray(0, keep)]))).toBe(false);
    expect(set.foundIn(Buffer.concat([Buffer.alloc(37, 0xfe), secret]))).toBe(true);
    expect(set.foundIn(Buffer.concat([secret.subarray(3), Buffer.alloc(37, 0xfe)]))).toBe(false);
  });

  it('finds needles of the shortest sampled length and one byte under it, near each other', () => {
    const long = Buffer.from('ABCDEFGHIJKLMNOP'); // 16: sampled
    const short = Buffer.from('qrstuvwxyz01234'); // 15: by indexOf
    const set = new NeedleSet([long, short, Buffer.from('x'.repeat(80))]);
    for (let at = 0; at < 40; at++) {
      expect(set.foundIn(Buffer.concat([Buffer.alloc(at, 0x80), long, Buffer.alloc(3, 0x80)]))).toBe(true);
      expect(set.foundIn(Buffer.concat([Buffer.alloc(at, 0x80), short]))).toBe(true);
    }
    expect(set.foundIn(Buffer.from('ABCDEFGHIJKLMNO qrstuvwxyz0123 ' + 'x'.repeat(79)))).toBe(false);
  });
});

describe('secrets in bodies', () => {
  const token = 'tok_9fA/+b=c%d"e\\f\u00e9\u4e2d-0123456789';

  it('finds every spelling of a secret anywhere in a body with non-UTF-8 bytes around it', () => {
    const scrubber = new SecretScrubber();
    for (let i = 0; i < 4; i++) scrubber.add(`other-secret-${i}-${'z'.repeat(i * 7)}`);
    scrubber.add(token);
    scrubber.add('pw12');
    const noise = Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80]);
    expect(bytesContainSecret(Buffer.concat([noise, noise, noise]), scrubber)).toBe(false);
    for (const spelling of [...secretSpellings(token), 'pw12']) {
      const bytes = Buffer.from(spelling, 'utf8');
      for (let at = 0; at <= noise.length * 3; at++) {
        const around = Buffer.concat([noise, noise, noise]);
        const body = Buffer.concat([around.subarray(0, at), bytes, around.subarray(at)]);
        expect(bytesContainSecret(body, scrubber), `${spelling} at ${at}`).toBe(true);
      }
    }
  });

  it('replaces every spelling, keeps the bytes around it, and learns secrets added later', () => {
    const scrubber = new SecretScrubber();
    scrubber.add('first-secret-value-0001');
    const later = 'second-secret-value-0002';
    const body = Buffer.from(JSON.stringify({ a: later, b: encodeURIComponent(later), c: Buffer.from(later).toString('base64') }));
    expect(scrubBytes(body, scrubber)).toBe(body);
    scrubber.add(later);
    const clean = scrubBytes(body, scrubber).toString('utf8');
    expect(clean).not.toContain(later);
    expect(clean).not.toContain(Buffer.from(later).toString('base64'));
    expect(JSON.parse(clean)).toEqual({ a: '[REDACTED]', b: '[REDACTED]', c: '[REDACTED]' });
  });
});
