import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SecretScrubber, secretSpellings } from '@shared/redact/secret-scrubber';

const alphabet = fc.constantFrom(...'ab/+= "é%\n');
const word = (min: number, max: number) => fc.array(alphabet, { minLength: min, maxLength: max }).map((c) => c.join(''));

describe('SecretScrubber', () => {
  it('finds a secret in a list of texts exactly when one of them holds one of its spellings', () => {
    fc.assert(
      fc.property(fc.array(word(4, 12), { maxLength: 4 }), fc.array(word(0, 30), { maxLength: 6 }), fc.nat(), fc.nat(), (secrets, texts, pick, where) => {
        const scrubber = new SecretScrubber();
        for (const secret of secrets) scrubber.add(secret);
        const naive = (text: string) => secrets.some((s) => s.length >= 4 && secretSpellings(s).some((form) => text.includes(form)));
        expect(scrubber.containsAny(texts)).toBe(texts.some(naive));
        expect(texts.map((t) => scrubber.contains(t))).toEqual(texts.map(naive));
        if (secrets.length === 0) return;
        // a spelling put into one text, at any place, is found, and scrubbing that text removes it
        const forms = secretSpellings(secrets[pick % secrets.length]!);
        const form = forms[pick % forms.length]!;
        const list = texts.length ? [...texts] : [''];
        const at = where % list.length;
        const cut = where % (list[at]!.length + 1);
        list[at] = list[at]!.slice(0, cut) + form + list[at]!.slice(cut);
        expect(scrubber.containsAny(list)).toBe(true);
        expect(scrubber.contains(list[at]!)).toBe(true);
        expect(scrubber.containsAny(list.map((t) => scrubber.scrub(t)))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('knows no secret before one is added and after it is removed', () => {
    const scrubber = new SecretScrubber();
    expect(scrubber.containsAny(['token-123456'])).toBe(false);
    scrubber.add('token-123456');
    expect(scrubber.containsAny(['x', 'a token-123456 b'])).toBe(true);
    scrubber.remove('token-123456');
    expect(scrubber.containsAny(['a token-123456 b'])).toBe(false);
  });
});
