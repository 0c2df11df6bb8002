import type { HeaderList } from '../model/exchange';
import { REDACTED } from './secret-scrubber';

/** Headers whose value is a credential whatever it contains. */
export const SECRET_HEADER_NAMES = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key'];

const SECRET_NAMES = new Set(SECRET_HEADER_NAMES);

export function isSecretHeader(name: string, extra: readonly string[] = []): boolean {
  const lower = name.toLowerCase();
  return SECRET_NAMES.has(lower) || (extra.length > 0 && extra.some((h) => h.toLowerCase() === lower));
}

/**
 * Replaces the value of every secret header (keeping an auth scheme such as "Bearer" visible).
 * `extra` names more secret headers, e.g. an endpoint's API-key header.
 */
export function redactHeaders(headers: HeaderList, extra: readonly string[] = []): HeaderList {
  return headers.map(([name, value]) => {
    if (!isSecretHeader(name, extra)) return [name, value];
    const scheme = /^(Bearer|Basic|Digest|Negotiate|NTLM|SSWS|Token)\s+/i.exec(value)?.[1];
    return [name, scheme ? `${scheme} ${REDACTED}` : REDACTED];
  });
}
