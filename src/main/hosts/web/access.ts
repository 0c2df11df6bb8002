import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface AccessPolicy {
  port: number;
  token: string;
}

export function cookieName(port: number): string {
  return `scim_inspector_${port}`;
}

/** The hosts the bridge answers to; anything else is DNS rebinding or a misdirected request. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function sameToken(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        // anyone can send any Cookie header: a value that is not valid percent-encoding is simply not the token
        return undefined;
      }
    }
  }
  return undefined;
}

export type AccessVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/**
 * Host and Origin must be the bridge's own (403). Then the token (401): the session cookie, or, only
 * where the caller passes one, the token from the URL of a page load (`GET /?token=…`), which the host
 * then trades for the cookie. Nothing else authorizes: not a token in an API URL (it would end up in
 * logs and Referer headers), not an Authorization header (nothing in the app sends one; a page of
 * another origin could not read the cookie, but it could send a header it had learned).
 */
export function checkAccess(req: IncomingMessage, policy: AccessPolicy, pageLoadToken: string | null = null): AccessVerdict {
  const hosts = allowedHosts(policy.port);
  const host = req.headers.host ?? '';
  if (!hosts.includes(host)) return { ok: false, status: 403, reason: `Host "${host}" is not this bridge` };
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) {
    return { ok: false, status: 403, reason: `Origin "${origin}" is not this bridge` };
  }
  if (sameToken(readCookie(req, cookieName(policy.port)), policy.token) || sameToken(pageLoadToken, policy.token)) return { ok: true };
  return { ok: false, status: 401, reason: 'Missing or wrong token: open the URL the bridge printed (with ?token=…)' };
}

export function sessionCookie(policy: AccessPolicy): string {
  return `${cookieName(policy.port)}=${encodeURIComponent(policy.token)}; HttpOnly; SameSite=Strict; Path=/`;
}
