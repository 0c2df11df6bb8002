import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** A user's password as the sandbox keeps it: salted scrypt, never the value itself. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64url')}$${scryptSync(password, salt, 32, { N: 1024 }).toString('base64url')}`;
}

export function verifyPassword(password: string, stored: unknown): boolean {
  if (typeof stored !== 'string') return false;
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length, { N: 1024 });
  return timingSafeEqual(actual, expected);
}
