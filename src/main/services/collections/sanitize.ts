import type { SavedRequest } from '@shared/model/collection';
import { AUTH_SCHEME, isSecretHeader } from '@shared/redact/headers';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';

const ONLY_PLACEHOLDER = /^\s*\{\{\s*[A-Za-z_][\w.-]*\s*\}\}\s*$/;

/**
 * Collection files never hold a secret: a credential header keeps its name but loses its value
 * (auth comes from the endpoint at run time), and a known secret value anywhere is replaced.
 * Each change is reported so the user knows what was not saved.
 */
export function sanitizeRequest(request: SavedRequest, scrubber: SecretScrubber): { request: SavedRequest; warnings: string[] } {
  const warnings: string[] = [];
  const scrub = (text: string, where: string) => {
    const clean = scrubber.scrub(text);
    if (clean !== text) warnings.push(`A secret value in ${where} of "${request.name}" was replaced by [REDACTED].`);
    return clean;
  };
  const headers = request.headers.map((header) => {
    // a credential moved into a secret variable (`Bearer {{authorization}}`) stays as it is: its value is in the keychain
    if (isSecretHeader(header.name) && ONLY_PLACEHOLDER.test(header.value.replace(AUTH_SCHEME, ''))) return header;
    if (isSecretHeader(header.name) && header.value !== '') {
      warnings.push(`The value of the ${header.name} header of "${request.name}" was not saved: auth comes from the endpoint chosen when the request runs.`);
      return { ...header, value: '', enabled: false };
    }
    return { ...header, value: scrub(header.value, `the ${header.name} header`) };
  });
  return {
    request: {
      ...request,
      name: scrub(request.name, 'the name'),
      path: scrub(request.path, 'the path'),
      headers,
      ...(request.body !== undefined ? { body: scrub(request.body, 'the body') } : {}),
      ...(request.description !== undefined ? { description: scrub(request.description, 'the description') } : {}),
      assertions: request.assertions.map((a, i) => ({ ...a, path: scrub(a.path, `assertion ${i + 1}`), value: scrub(a.value, `assertion ${i + 1}`) })),
    },
    warnings,
  };
}

export function sanitizeVariables(variables: Record<string, string>, scrubber: SecretScrubber): { variables: Record<string, string>; warnings: string[] } {
  const warnings: string[] = [];
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    out[name] = scrubber.scrub(value);
    if (out[name] !== value) warnings.push(`Variable "${name}" held a secret value; it was replaced by [REDACTED]. Keep secrets in the endpoint's auth settings.`);
  }
  return { variables: out, warnings };
}
