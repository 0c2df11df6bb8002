import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { REALM } from './constants';
import { ScimHttpError } from './errors';

/** Who a request authenticated as: `/Me` is resolved from this. */
export type Principal = { kind: 'bearer'; readOnly?: true } | { kind: 'basic'; userName: string };

export interface AuthOptions {
  token: string;
  /** a second bearer token that may read but not write (a caller who is authenticated but not permitted) */
  readOnlyToken?: string;
  /** checks a user's own password for Basic auth (the store keeps only a hash) */
  checkUserPassword?: (userName: string, password: string) => boolean;
}

const CHALLENGE = [`Bearer realm="${REALM}"`, `Basic realm="${REALM}", charset="UTF-8"`];

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function unauthorized(detail: string, error?: 'invalid_token'): ScimHttpError {
  const challenge = error ? [`Bearer realm="${REALM}", error="${error}"`, CHALLENGE[1]!] : CHALLENGE;
  return new ScimHttpError(401, detail, undefined, { 'www-authenticate': challenge });
}

/**
 * Bearer: the sandbox token (or the read-only one). Basic: any existing userName with the token as password, or a user's
 * own password (set through SCIM); the userName is then who `/Me` is.
 */
const tokenDigests = new Map<string, Buffer>();

/** The token's digest, computed once per token rather than per request. */
function tokenDigest(token: string): Buffer {
  let d = tokenDigests.get(token);
  if (!d) {
    if (tokenDigests.size > 16) tokenDigests.clear();
    tokenDigests.set(token, (d = digest(token)));
  }
  return d;
}

/** Constant-time comparison (of digests, so lengths do not matter). */
const isToken = (candidate: string, token: string): boolean => timingSafeEqual(digest(candidate), tokenDigest(token));

export function authenticate(headers: IncomingHttpHeaders, options: AuthOptions): Principal {
  const header = headers.authorization;
  if (!header) throw unauthorized('Authentication required: send "Authorization: Bearer <token>" (or Basic).');
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const credentials = space < 0 ? '' : header.slice(space + 1).trim();
  if (scheme === 'bearer') {
    if (credentials && isToken(credentials, options.token)) return { kind: 'bearer' };
    if (credentials && options.readOnlyToken && isToken(credentials, options.readOnlyToken)) return { kind: 'bearer', readOnly: true };
    throw unauthorized('The bearer token is not valid for this server.', 'invalid_token');
  }
  if (scheme === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      const userName = decoded.slice(0, colon);
      const password = decoded.slice(colon + 1);
      if (isToken(password, options.token) || options.checkUserPassword?.(userName, password)) return { kind: 'basic', userName };
    }
    throw unauthorized('The Basic credentials are not valid for this server.');
  }
  throw unauthorized(`The "${scheme}" authentication scheme is not supported here: use Bearer or Basic.`);
}

/** Reads (and searches, which only read): all a read-only caller may do. */
export function permits(principal: Principal, method: string, segments: readonly string[]): boolean {
  if (principal.kind !== 'bearer' || !principal.readOnly) return true;
  return method === 'GET' || method === 'HEAD' || (method === 'POST' && segments[segments.length - 1] === '.search');
}
