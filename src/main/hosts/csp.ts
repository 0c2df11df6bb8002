/**
 * The renderer's Content-Security-Policy, the same in both hosts: nothing remote, no eval.
 * `style-src 'unsafe-inline'` is needed by Monaco, which injects its styles at run time.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Directives only an HTTP header can carry (ignored in a meta tag). */
export const CSP_HEADER_ONLY = "frame-ancestors 'none'";
