import { fail, type ValidationIssue } from '@shared/api/errors';
import type { Endpoint } from '@shared/model/endpoint';
import type { HeaderList } from '@shared/model/exchange';
import type { RequestSpec } from '@shared/model/request-spec';
import type { VariableResolver } from './variables';

export interface PreparedRequest {
  url: string;
  /** scheme://host:port of `url` */
  origin: string;
  method: string;
  /** endpoint defaults, then the request's own (same name: the request wins); no auth yet */
  headers: HeaderList;
  body: string | undefined;
}

const ABSOLUTE = /^https?:\/\//i;

export function joinUrl(base: string, path: string): string {
  if (ABSOLUTE.test(path)) return path;
  if (path === '') return base;
  const root = base.endsWith('/') ? base.slice(0, -1) : base;
  if (path.startsWith('?') || path.startsWith('#')) return root + path;
  return root + (path.startsWith('/') ? path : `/${path}`);
}

function parseOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Origins of base URLs: the same few are joined to a path on every send. */
const baseOrigins = new Map<string, string | undefined>();

function origin(url: string): string | undefined {
  let known = baseOrigins.get(url);
  if (known === undefined && !baseOrigins.has(url)) {
    if (baseOrigins.size > 500) baseOrigins.clear();
    known = parseOrigin(url);
    baseOrigins.set(url, known);
  }
  return known;
}

function describeMissing(missing: ValidationIssue[]): string {
  const names = [...new Set(missing.map((m) => /\{\{(.+)\}\}/.exec(m.message)?.[1] ?? m.message))];
  const where = [...new Set(missing.map((m) => m.path))].join(', ');
  const list = names.map((n) => `{{${n}}}`).join(', ');
  return `Unresolved variable${names.length > 1 ? 's' : ''} ${list} in ${where}: nothing was sent`;
}

/** Resolves variables and builds the URL and headers of a request; throws before anything is sent. */
export function prepareRequest(endpoint: Endpoint, spec: RequestSpec, variables: VariableResolver, defaults: HeaderList): PreparedRequest {
  let values = endpoint.variables;
  for (const _ in spec.variables) {
    values = { ...endpoint.variables, ...spec.variables };
    break;
  }
  const missing: ValidationIssue[] = [];
  const base = variables.resolve(endpoint.baseUrl, values, 'the endpoint base URL', missing);
  const path = variables.resolve(spec.path, values, 'the path', missing);

  const headers: HeaderList = [];
  const seen = new Map<string, number>();
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    const at = seen.get(key);
    if (at === undefined) {
      seen.set(key, headers.length);
      headers.push([name, value]);
    } else {
      headers[at] = [name, value];
    }
  };
  endpoint.headers.forEach((row, i) => {
    if (row.enabled) add(variables.resolve(row.name, values, `endpoint header ${i + 1}`, missing), variables.resolve(row.value, values, `endpoint header ${row.name}`, missing));
  });
  spec.headers.forEach((row, i) => {
    if (row.enabled && row.name.trim() !== '') add(variables.resolve(row.name.trim(), values, `header ${i + 1}`, missing), variables.resolve(row.value, values, `header ${row.name}`, missing));
  });
  const body = spec.body === undefined ? undefined : variables.resolve(spec.body, values, 'the body', missing);
  if (missing.length > 0) {
    throw fail('validation', describeMissing(missing), { issues: missing, hint: 'Define it in the endpoint\'s variables, or in the request\'s.' });
  }

  for (const [name, value] of defaults) if (!seen.has(name.toLowerCase())) add(name, value);
  if (body !== undefined && body !== '' && !seen.has('content-type')) add('Content-Type', 'application/scim+json');

  const url = joinUrl(base, path);
  const absolute = ABSOLUTE.test(path);
  // a relative path keeps the base URL's origin; fetch itself rejects a URL it cannot parse
  const target = absolute ? parseOrigin(url) : origin(base);
  if (!target) {
    throw fail('validation', `"${url}" is not a valid URL`, { issues: [{ path: absolute ? 'path' : 'baseUrl', message: 'not a valid URL' }] });
  }
  if (absolute && target !== origin(base)) {
    throw fail('validation', `${url} is not on this endpoint's origin (${origin(base)}): its credentials are only sent there`, {
      issues: [{ path: 'path', message: 'absolute URL on another origin' }],
      hint: 'Use a path relative to the base URL, or an endpoint for that server.',
    });
  }
  return { url, origin: target, method: spec.method, headers, body };
}
