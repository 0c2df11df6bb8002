import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeByteOffset, invalidUtf8At } from '@shared/util/utf8';

const fatal = new TextDecoder('utf-8', { fatal: true });
const decodes = (bytes: Uint8Array) => {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe('invalidUtf8At', () => {
  it('agrees with a fatal TextDecoder on random bytes, and every prefix before the offset is valid', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const at = invalidUtf8At(bytes);
        expect(at === -1).toBe(decodes(bytes));
        if (at >= 0) expect(decodes(bytes.subarray(0, at))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every encoded string and names the first bad byte', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(invalidUtf8At(new TextEncoder().encode(text))).toBe(-1);
      }),
    );
    expect(invalidUtf8At(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(invalidUtf8At(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2); // encoded surrogate
    expect(invalidUtf8At(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
    expect(invalidUtf8At(Buffer.from([0xe2, 0x82]))).toBe(0); // cut short
  });

  it('says where an offset is in lines and characters', () => {
    const bytes = Buffer.from('{\n "a": "Zoë', 'utf8');
    expect(describeByteOffset(bytes, bytes.length)).toBe(`byte ${bytes.length} (line 2, column 11)`);
  });
});
