import type { EndpointView } from '@shared/model/endpoint';
import type { RequestSpec } from '@shared/model/request-spec';
import { isSecretHeader } from '@shared/redact/headers';

/** `'text'` for a POSIX shell. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `"text"` where `$SCIM_…` references must expand and nothing else may. */
function shellQuoteWithVars(text: string, vars: readonly string[]): string {
  let out = text.replace(/[\\"$`]/g, (c) => `\\${c}`);
  for (const name of vars) out = out.split(`\\$${name}`).join(`$${name}`);
  return `"${out}"`;
}

function joinUrl(base: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  if (path === '') return base;
  const root = base.endsWith('/') ? base.slice(0, -1) : base;
  if (path.startsWith('?')) return root + path;
  return root + (path.startsWith('/') ? path : `/${path}`);
}

function resolveVariables(text: string, variables: Record<string, string>): string {
  return text.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g, (whole, name: string) => variables[name] ?? whole);
}

function envName(header: string): string {
  return `SCIM_${header.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/**
 * The request as a curl command a person can paste into a shell. Credentials appear only as shell
 * variables (`$SCIM_TOKEN`, `$SCIM_PASSWORD`, …) the user sets themselves: the renderer never has
 * the endpoint's secrets, and a credential typed into a header is replaced the same way.
 */
export function toCurl(
  spec: RequestSpec,
  endpoint: Pick<EndpointView, 'name' | 'baseUrl' | 'auth' | 'headers' | 'variables' | 'tls'> | undefined,
  collectionVariables: Record<string, string> = {},
): string {
  // as the engine resolves them: the request's own over its collection's over the endpoint's
  const variables = { ...endpoint?.variables, ...collectionVariables, ...spec.variables };
  const url = resolveVariables(joinUrl(endpoint?.baseUrl ?? '', spec.path), variables);
  const lines: string[] = [];
  const notes: string[] = [];
  const vars: string[] = [];

  const headers = new Map<string, [string, string]>();
  for (const row of [...(endpoint?.headers ?? []), ...spec.headers]) {
    if (row.enabled === false || row.name.trim() === '') continue;
    headers.set(row.name.trim().toLowerCase(), [row.name.trim(), resolveVariables(row.value, variables)]);
  }
  const auth = endpoint?.auth;
  const who = endpoint ? ` of the endpoint "${endpoint.name}"` : '';
  if (auth?.kind === 'bearer' || auth?.kind === 'oauth2-client-credentials') {
    if (!headers.has('authorization')) headers.set('authorization', ['Authorization', 'Bearer $SCIM_TOKEN']);
    notes.push(auth.kind === 'bearer' ? `SCIM_TOKEN: the bearer token${who}` : `SCIM_TOKEN: an access token from ${auth.tokenUrl} (client credentials)`);
    vars.push('SCIM_TOKEN');
  } else if (auth?.kind === 'api-key') {
    const key = auth.headerName.toLowerCase();
    if (!headers.has(key)) headers.set(key, [auth.headerName, '$SCIM_API_KEY']);
    notes.push(`SCIM_API_KEY: the API key${who}`);
    vars.push('SCIM_API_KEY');
  }
  for (const [key, [name, value]] of headers) {
    if (!isSecretHeader(name) || /^(Bearer \$SCIM_TOKEN|\$SCIM_API_KEY)$/.test(value)) continue;
    // a credential typed into the request: never copied, only referenced
    const scheme = /^(Bearer|Basic|Token|SSWS)\s+/i.exec(value)?.[1];
    const variable = key === 'authorization' && scheme?.toLowerCase() === 'bearer' ? 'SCIM_TOKEN' : envName(name);
    headers.set(key, [name, scheme ? `${scheme} $${variable}` : `$${variable}`]);
    if (!vars.includes(variable)) {
      vars.push(variable);
      notes.push(`${variable}: the value of the ${name} header`);
    }
  }
  if (spec.body !== undefined && !headers.has('content-type')) headers.set('content-type', ['Content-Type', 'application/scim+json']);
  if (!headers.has('accept')) headers.set('accept', ['Accept', 'application/scim+json']);

  const command: string[] = ['curl'];
  if (spec.method !== 'GET' || spec.body !== undefined) command.push(`-X ${spec.method}`);
  command.push(shellQuote(url));
  if (auth?.kind === 'basic') {
    command.push(`-u ${shellQuoteWithVars(`${auth.username}:$SCIM_PASSWORD`, ['SCIM_PASSWORD'])}`);
    notes.push(`SCIM_PASSWORD: the password${who}`);
  }
  if (endpoint?.tls.verify === false) command.push('--insecure');
  for (const [name, value] of headers.values()) {
    const header = `${name}: ${value}`;
    command.push(`-H ${vars.some((v) => value.includes(`$${v}`)) ? shellQuoteWithVars(header, vars) : shellQuote(header)}`);
  }
  if (spec.body !== undefined) command.push(`--data-raw ${shellQuote(resolveVariables(spec.body, variables))}`);

  for (const note of notes) lines.push(`# ${note} (export it first; it is not copied here)`);
  lines.push(command.join(' \\\n  '));
  return lines.join('\n');
}
