import { describe, expect, it } from 'vitest';
import { isSecretHeader, redactHeaders, SECRET_HEADER_NAMES } from '@shared/redact/headers';

const spellings = (name: string) => [name, name.toUpperCase(), name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase())];

describe('secret headers', () => {
  it('knows every secret header name in any case, and no other name of the same length', () => {
    for (const name of SECRET_HEADER_NAMES) for (const spelled of spellings(name)) expect(isSecretHeader(spelled), spelled).toBe(true);
    for (const name of ['accept-ranges', 'content-type', 'x-api-keys', 'cookies', 'api-kex', 'Set-Cookie2', '']) expect(isSecretHeader(name), name).toBe(false);
  });

  it('knows extra names of any length in any case', () => {
    const extra = ['X-Tenant-Secret-Key', 'k'];
    for (const name of [...spellings('x-tenant-secret-key'), 'K', 'Authorization']) expect(isSecretHeader(name, extra), name).toBe(true);
    expect(isSecretHeader('x-tenant-secret', extra)).toBe(false);
  });

  it('replaces secret values, keeps an auth scheme, and leaves the other rows alone', () => {
    const out = redactHeaders([['Authorization', 'Bearer abc'], ['Accept', 'application/scim+json'], ['cookie', 'a=b'], ['X-Key', 'k1'], ['Proxy-Authorization', 'Basic dXNlcjpwdw==']], ['x-key']);
    expect(out).toEqual([['Authorization', 'Bearer [REDACTED]'], ['Accept', 'application/scim+json'], ['cookie', '[REDACTED]'], ['X-Key', '[REDACTED]'], ['Proxy-Authorization', 'Basic [REDACTED]']]);
  });
});
