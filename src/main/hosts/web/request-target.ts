/** A request the bridge cannot read: answered 400 with this message, never thrown out of the server. */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly where: string,
  ) {
    super(message);
    this.name = 'BadRequest';
  }
}

const ORIGIN = 'http://127.0.0.1';

/** A request target cut to a length that fits in a message. */
export function shown(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}

/**
 * The request target, which must be a path on this host (RFC 9112 §3.2.1 origin-form, `/…`). Anything
 * else (`//[`, `http://elsewhere/`, `*`) is a BadRequest, as is a path `new URL` cannot read.
 */
export function parseTarget(raw: string | undefined): URL {
  const target = raw ?? '/';
  if (!target.startsWith('/') || target.startsWith('//')) {
    throw new BadRequest(`The request target ${shown(target)} is not a path on this host: send origin-form, e.g. GET /api/… (RFC 9112 §3.2.1)`, '(request target)');
  }
  let url: URL;
  try {
    url = new URL(target, ORIGIN);
  } catch {
    throw new BadRequest(`The request target ${shown(target)} is not a valid URL path`, '(request target)');
  }
  if (url.origin !== ORIGIN) throw new BadRequest(`The request target ${shown(target)} is not a path on this host`, '(request target)');
  return url;
}

/** `decodeURIComponent` that says which path was not valid percent-encoding instead of throwing URIError. */
export function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new BadRequest(`The path ${shown(path)} is not valid percent-encoding: each % must start a %XX escape of UTF-8 bytes (RFC 3986 §2.1)`, '(path)');
  }
}
