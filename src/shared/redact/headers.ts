import type { HeaderList } from '../model/exchange';
import { REDACTED } from './secret-scrubber';

/** Headers whose value is a credential whatever it contains (part of the one rule set, with `credential-names.ts`). */
export const SECRET_HEADER_NAMES = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-access-token',
  'x-session-token',
  'private-token',
  'x-amz-security-token',
  'x-goog-api-key',
  'x-functions-key',
  'ocp-apim-subscription-key',
];

const SECRET_NAMES = new Set(SECRET_HEADER_NAMES);
/** lengths of the secret names: most headers are told apart by length alone, without lower-casing */
const SECRET_LENGTHS = new Set(SECRET_HEADER_NAMES.map((n) => n.length));

export function isSecretHeader(name: string, extra: readonly string[] = []): boolean {
  if (extra.length === 0 && !SECRET_LENGTHS.has(name.length)) return false;
  const lower = name.toLowerCase();
  return SECRET_NAMES.has(lower) || extra.some((h) => h.toLowerCase() === lower);
}

export const AUTH_SCHEME = /^(Bearer|Basic|Digest|Negotiate|NTLM|SSWS|Token|DPoP|MAC|HOBA|AWS4-HMAC-SHA256|SharedAccessSignature)\s+/i;

/**
 * Replaces the value of every secret header (keeping an auth scheme such as "Bearer" visible).
 * `extra` names more secret headers, e.g. an endpoint's API-key header. Rows that are not secret are
 * returned as they are, not copied; no row is changed in place.
 */
export function redactHeaders(headers: HeaderList, extra: readonly string[] = []): HeaderList {
  return headers.map((row) => (isSecretHeader(row[0], extra) ? [row[0], redactedValue(row[1])] : row));
}

/** What a secret header's value shows once redacted: its auth scheme, if any, and the marker. */
export function redactedValue(value: string): string {
  const scheme = AUTH_SCHEME.exec(value)?.[1];
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}
