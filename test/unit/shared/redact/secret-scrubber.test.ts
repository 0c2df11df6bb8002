import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formEncode, REDACTED, SecretScrubber, secretSpellings } from '@shared/redact/secret-scrubber';
import { isDistinctive, weakSecretWarning } from '@shared/redact/weak-secrets';

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

describe('secrets held by an owner', () => {
  it('forgets a value when its owner lets go or holds another, unless another owner still holds it', () => {
    const scrubber = new SecretScrubber();
    scrubber.hold('a/token', { secrets: ['shared-value-0123'] });
    scrubber.hold('b/token', { secrets: ['shared-value-0123'] });
    scrubber.hold('a/token', { secrets: ['other-value-4567'] });
    expect(scrubber.scrub('shared-value-0123 other-value-4567')).toBe(`${REDACTED} ${REDACTED}`);
    scrubber.release('b/token');
    expect(scrubber.scrub('shared-value-0123 other-value-4567')).toBe(`shared-value-0123 ${REDACTED}`);
    scrubber.release('a/token');
    expect(scrubber.size).toBe(0);
  });

  it('never holds a value too short or too common to tell apart from text, but holds exact wire values in their escaped forms', () => {
    const scrubber = new SecretScrubber();
    scrubber.hold('e/password', { secrets: ['password', 'Xq7#p', 'admin'] });
    expect(scrubber.spellings()).toEqual([]);
    const wire = `Basic ${Buffer.from('bob:password').toString('base64')}`;
    scrubber.hold('wire:e', { wire: [wire] });
    expect(scrubber.scrub(`{"sent":"${wire}"} ${encodeURIComponent(wire)} ${formEncode(wire)}`)).toBe(`{"sent":"${REDACTED}"} ${REDACTED} ${REDACTED}`);
    expect(scrubber.scrub('{"name":"password"}')).toBe('{"name":"password"}');
  });

  it('knows a form-encoded and a PHP-escaped spelling of a secret', () => {
    const secret = 'a b/c+é-0123456789';
    const forms = secretSpellings(secret);
    expect(forms).toContain('a+b%2Fc%2B%C3%A9-0123456789');
    expect(forms).toContain('a b\\/c+\\u00e9-0123456789');
  });

  it('scopes the credentials of one exchange to a scrubber of its own', () => {
    const scrubber = new SecretScrubber();
    scrubber.add('global-secret-0123');
    const scoped = scrubber.withExchange({ secrets: ['typed-token-456789'] });
    expect(scoped.scrub('global-secret-0123 typed-token-456789')).toBe(`${REDACTED} ${REDACTED}`);
    expect(scrubber.scrub('typed-token-456789')).toBe('typed-token-456789');
    expect(scrubber.withExchange({ secrets: ['short'] })).toBe(scrubber);
  });
});

describe('weak secrets', () => {
  it('warns about a short, common or word-like secret, and not about a long random one', () => {
    expect(weakSecretWarning('password')).toMatch(/common password or dictionary word/);
    expect(weakSecretWarning('Password')).toMatch(/common password/);
    expect(weakSecretWarning('12345678')).toMatch(/common password/);
    expect(weakSecretWarning('s3cr!')).toMatch(/shorter than 8/);
    expect(weakSecretWarning('Welcome2024')).toMatch(/common word with a few digits/);
    expect(weakSecretWarning('q8Zr-2mVx-Lp4t')).toBeUndefined();
    expect(isDistinctive('Welcome2024')).toBe(true);
    expect(isDistinctive('enterprise')).toBe(false);
  });
});
