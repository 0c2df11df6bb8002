import { z } from 'zod';
import { HeaderRow } from './request-spec';

/**
 * A saved SCIM endpoint. The file it lives in holds secret *references* only: every secret value
 * (token, password, client secret, API key, passphrases) is in the OS keychain, one entry per secret.
 */

/** The secrets an endpoint can have; each is one keychain entry. */
export const SecretField = z.enum(['token', 'password', 'clientSecret', 'apiKey', 'passphrase', 'proxyPassword']);
export type SecretField = z.infer<typeof SecretField>;

export const SECRET_FIELD_LABELS: Record<SecretField, string> = {
  token: 'Bearer token',
  password: 'Password',
  clientSecret: 'Client secret',
  apiKey: 'API key',
  passphrase: 'Client certificate passphrase',
  proxyPassword: 'Proxy password',
};

/** Name of a keychain entry (`<endpointId>/<field>`): a reference, never a value. */
export const SecretRef = z.string().min(1).max(200);
export type SecretRef = z.infer<typeof SecretRef>;

export function secretRef(endpointId: string, field: SecretField): SecretRef {
  return `${endpointId}/${field}`;
}

/** `http(s)://host[:port][/path…]`, checked without `URL` (shared code has no DOM or Node globals). */
const HTTP_URL = /^https?:\/\/(\[[0-9a-f:.]+\]|[^\s/?#@:[\]]+)(:\d{1,5})?([/?#]\S*)?$/i;

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .regex(HTTP_URL, `${what} must be an absolute http:// or https:// URL, e.g. https://scim.example.com/scim/v2`);

const headerName = z
  .string()
  .trim()
  .min(1, 'header name is required')
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid HTTP header name');

// Auth: the `*Input` forms are what the editor sends (no references); the service adds the references.

export const NoAuth = z.object({ kind: z.literal('none') });
export const BearerAuthInput = z.object({ kind: z.literal('bearer') });
export const BasicAuthInput = z.object({ kind: z.literal('basic'), username: z.string() });
export const OAuth2ClientCredentialsInput = z.object({
  kind: z.literal('oauth2-client-credentials'),
  tokenUrl: httpUrl('Token URL'),
  clientId: z.string().trim().min(1, 'client id is required'),
  scope: z.string().trim().optional(),
  audience: z.string().trim().optional(),
  /** how the client secret is sent to the token endpoint (RFC 6749 §2.3.1) */
  clientAuth: z.enum(['body', 'basic']).default('body'),
});
export const ApiKeyAuthInput = z.object({ kind: z.literal('api-key'), headerName });

export const AuthConfigInput = z.discriminatedUnion('kind', [NoAuth, BearerAuthInput, BasicAuthInput, OAuth2ClientCredentialsInput, ApiKeyAuthInput]);
export type AuthConfigInput = z.input<typeof AuthConfigInput>;

export const BearerAuth = BearerAuthInput.extend({ token: SecretRef });
export const BasicAuth = BasicAuthInput.extend({ password: SecretRef });
export const OAuth2ClientCredentials = OAuth2ClientCredentialsInput.extend({ clientSecret: SecretRef });
export const ApiKeyAuth = ApiKeyAuthInput.extend({ value: SecretRef });

export const AuthConfig = z.discriminatedUnion('kind', [NoAuth, BearerAuth, BasicAuth, OAuth2ClientCredentials, ApiKeyAuth]);
export type AuthConfig = z.infer<typeof AuthConfig>;
export type AuthKind = AuthConfig['kind'];

export const ClientCertificate = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pem'), certFile: z.string().trim().min(1, 'certificate file is required'), keyFile: z.string().trim().min(1, 'key file is required') }),
  z.object({ kind: z.literal('pfx'), pfxFile: z.string().trim().min(1, 'PFX file is required') }),
]);
export type ClientCertificate = z.infer<typeof ClientCertificate>;

export const TlsConfigInput = z.object({
  /** false turns certificate verification off for this endpoint (shown as a warning wherever it applies) */
  verify: z.boolean().default(true),
  /** PEM file with one or more CA certificates */
  caFile: z.string().trim().optional(),
  /** 'add': trusted on top of the system store; 'replace': the only CAs trusted */
  caMode: z.enum(['add', 'replace']).default('add'),
  clientCert: ClientCertificate.optional(),
});
export const TlsConfig = TlsConfigInput.extend({ passphrase: SecretRef.optional() });
export type TlsConfig = z.infer<typeof TlsConfig>;

export const ProxyConfigInput = z.object({
  /** 'env': HTTPS_PROXY / HTTP_PROXY / NO_PROXY; 'manual': `url`; 'none': connect directly */
  mode: z.enum(['env', 'manual', 'none']).default('env'),
  url: z.string().trim().optional(),
  /** comma-separated hosts or domains (`.example.com`) reached directly (manual mode) */
  noProxy: z.string().trim().optional(),
  username: z.string().optional(),
});
export const ProxyConfig = ProxyConfigInput.extend({ password: SecretRef.optional() });
export type ProxyConfig = z.infer<typeof ProxyConfig>;

/** Per-phase limits in milliseconds; an absent one uses the setting of the same name. */
export const Timeouts = z.object({
  connectMs: z.number().int().min(1).optional(),
  headersMs: z.number().int().min(1).optional(),
  bodyMs: z.number().int().min(1).optional(),
});
export type Timeouts = z.infer<typeof Timeouts>;

const variableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'variable names use letters, digits, _ . - and start with a letter or _');

/** What the editor sends to create or update an endpoint. */
export const EndpointInput = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  baseUrl: httpUrl('Base URL'),
  auth: AuthConfigInput.default({ kind: 'none' }),
  tls: TlsConfigInput.default({ verify: true, caMode: 'add' }),
  proxy: ProxyConfigInput.default({ mode: 'env' }),
  timeouts: Timeouts.default({}),
  /** sent with every request to this endpoint (a request's own header of the same name wins) */
  headers: z.array(HeaderRow).default([]),
  /** values for `{{name}}` in URLs, headers and bodies */
  variables: z.record(variableName, z.string()).default({}),
});
export type EndpointInput = z.input<typeof EndpointInput>;

export const ENDPOINT_VERSION = 1;

export const Endpoint = EndpointInput.extend({
  version: z.literal(ENDPOINT_VERSION),
  id: z.string().min(1),
  auth: AuthConfig,
  tls: TlsConfig,
  proxy: ProxyConfig,
  /** the built-in Sandbox: cannot be edited or deleted; its token lives in memory only */
  builtIn: z.boolean().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Endpoint = z.infer<typeof Endpoint>;

/** An endpoint as the renderer sees it: which secrets it needs and which are set, never a value. */
export const EndpointView = Endpoint.extend({
  secrets: z.array(
    z.object({
      field: SecretField,
      label: z.string(),
      set: z.boolean(),
      /** the value set is weak (shorter than 8 characters, a common password or word): what that means */
      warning: z.string().optional(),
    }),
  ),
});
export type EndpointView = z.infer<typeof EndpointView>;

/** The secrets an endpoint's settings call for. */
export function secretsNeeded(endpoint: Pick<Endpoint, 'auth' | 'tls' | 'proxy'>): SecretField[] {
  const fields: SecretField[] = [];
  switch (endpoint.auth.kind) {
    case 'bearer':
      fields.push('token');
      break;
    case 'basic':
      fields.push('password');
      break;
    case 'oauth2-client-credentials':
      fields.push('clientSecret');
      break;
    case 'api-key':
      fields.push('apiKey');
      break;
    case 'none':
      break;
  }
  if (endpoint.tls.clientCert) fields.push('passphrase');
  if (endpoint.proxy.mode === 'manual' && endpoint.proxy.username) fields.push('proxyPassword');
  return fields;
}

/** Passphrase and proxy password are optional; the others must be set before a request can be sent. */
export const OPTIONAL_SECRETS: readonly SecretField[] = ['passphrase', 'proxyPassword'];

/** endpoints.json: versioned; `migrateEndpointsFile` upgrades older shapes. */
export const ENDPOINTS_FILE_VERSION = 1;
export const EndpointsFile = z.object({
  version: z.literal(ENDPOINTS_FILE_VERSION),
  endpoints: z.array(Endpoint),
});
export type EndpointsFile = z.infer<typeof EndpointsFile>;
