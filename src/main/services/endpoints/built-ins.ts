import { ENDPOINT_VERSION, type Endpoint } from '@shared/model/endpoint';

/** An endpoint the app provides itself; its token comes from memory, never the keychain or a file. */
export interface BuiltInEndpoint {
  id: string;
  name: string;
  baseUrl: string;
  /** the secret: the bearer token, or the password with `auth.kind` basic */
  token: string;
  /** how the secret is sent (default: bearer); `none` sends no credentials */
  auth?: { kind: 'bearer' } | { kind: 'basic'; username: string } | { kind: 'none' };
}

export type BuiltInProvider = () => BuiltInEndpoint[];

export const SANDBOX_ENDPOINT_ID = 'sandbox';

/** The embedded sandbox SCIM server (when it runs) as the first endpoint of the list. */
export function sandboxBuiltIns(sandbox: { baseUrl: string; token: string } | undefined): BuiltInEndpoint[] {
  return sandbox ? [{ id: SANDBOX_ENDPOINT_ID, name: 'Sandbox', baseUrl: sandbox.baseUrl, token: sandbox.token }] : [];
}

const EPOCH = new Date(0).toISOString();

export function builtInEndpoint(builtIn: BuiltInEndpoint): Endpoint {
  return {
    version: ENDPOINT_VERSION,
    id: builtIn.id,
    name: builtIn.name,
    baseUrl: builtIn.baseUrl,
    auth: builtInAuth(builtIn),
    tls: { verify: true, caMode: 'add' },
    // a loopback server: never through a proxy
    proxy: { mode: 'none' },
    timeouts: {},
    headers: [],
    variables: {},
    builtIn: true,
    createdAt: EPOCH,
    updatedAt: EPOCH,
  };
}

function builtInAuth(builtIn: BuiltInEndpoint): Endpoint['auth'] {
  const auth = builtIn.auth ?? { kind: 'bearer' };
  if (auth.kind === 'none') return { kind: 'none' };
  if (auth.kind === 'basic') return { kind: 'basic', username: auth.username, password: `builtin:${builtIn.id}/password` };
  return { kind: 'bearer', token: `builtin:${builtIn.id}/token` };
}

/** The field a built-in endpoint's in-memory secret stands for. */
export function builtInSecretField(builtIn: BuiltInEndpoint): 'token' | 'password' | undefined {
  const kind = builtIn.auth?.kind ?? 'bearer';
  return kind === 'bearer' ? 'token' : kind === 'basic' ? 'password' : undefined;
}
