import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose, type AppCore } from '../../compose';
import type { BuiltInEndpoint } from '../../services/endpoints/built-ins';
import { resolveDataDir } from '../../services/storage/data-dir';
import { UsageError, type CliIo } from './command';

/** The options every command that talks to a SCIM server takes (conformance, simulate, run). */
export const TARGET_OPTIONS = {
  url: { type: 'string' },
  'bearer-env': { type: 'string' },
  'basic-env': { type: 'string' },
  endpoint: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

export const TARGET_HELP = `Target (one of):
  --url URL             the SCIM base URL, e.g. https://scim.example.com/scim/v2
    --bearer-env NAME   send "Authorization: Bearer <token>", the token read from $NAME
    --basic-env NAME    send Basic auth, "user:password" read from $NAME
                        (no credentials without either; secrets are never taken from arguments)
  --endpoint NAME       an endpoint saved in the app (name or id), with its own auth, TLS and
                        proxy settings; its secrets come from the OS keychain

  --data-dir DIR        where the run's history, logs and kept runs go (default: a temporary
                        folder removed at the end; with --endpoint: the app's data folder)`;

export interface TargetValues {
  url?: string | undefined;
  'bearer-env'?: string | undefined;
  'basic-env'?: string | undefined;
  endpoint?: string | undefined;
  'data-dir'?: string | undefined;
}

/** The app, composed for one command against one endpoint; `close` disposes it and removes a temporary data folder. */
export interface OpenTarget {
  core: AppCore;
  endpointId: string;
  /** the base URL, for messages */
  baseUrl: string;
  close(): Promise<void>;
}

export const CLI_ENDPOINT_ID = 'cli-target';

function secretFromEnv(option: string, name: string, env: NodeJS.ProcessEnv): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--${option} takes the NAME of an environment variable holding the secret, not the secret itself (what was given is not a variable name)`);
  const value = env[name];
  // a name that does not look like one may be a secret pasted by mistake: it is not repeated
  const shown = /^[A-Z][A-Z0-9_]{0,63}$/.test(name) ? `the environment variable ${name}` : `the environment variable --${option} names`;
  if (value === undefined || value === '') throw new UsageError(`--${option}: ${shown} is not set (or empty)`);
  return value;
}

/** The built-in endpoint a `--url` run goes to; its secret lives only in memory. */
export function urlEndpoint(values: TargetValues, env: NodeJS.ProcessEnv): BuiltInEndpoint {
  const url = values.url!;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--url "${url}" is not a URL; give the SCIM base URL, e.g. https://scim.example.com/scim/v2`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`--url must be an http:// or https:// URL, not ${parsed.protocol}`);
  if (parsed.username || parsed.password) throw new UsageError('--url must not carry credentials: put them in an environment variable and name it with --bearer-env or --basic-env');
  if (values['bearer-env'] !== undefined && values['basic-env'] !== undefined) throw new UsageError('Give either --bearer-env or --basic-env, not both');
  const base = { id: CLI_ENDPOINT_ID, name: parsed.host, baseUrl: url.replace(/\/+$/, '') };
  if (values['bearer-env'] !== undefined) return { ...base, token: secretFromEnv('bearer-env', values['bearer-env'], env), auth: { kind: 'bearer' } };
  if (values['basic-env'] !== undefined) {
    const pair = secretFromEnv('basic-env', values['basic-env'], env);
    const colon = pair.indexOf(':');
    if (colon <= 0) throw new UsageError('--basic-env: the variable must hold "user:password"');
    return { ...base, token: pair.slice(colon + 1), auth: { kind: 'basic', username: pair.slice(0, colon) } };
  }
  return { ...base, token: '', auth: { kind: 'none' } };
}

export const CLI_LIMITED_ENDPOINT_ID = 'cli-limited';

/**
 * A second built-in endpoint for the same `--url`, with a credential the server accepts but does not
 * let write (conformance check Sec04); undefined when neither option is given.
 */
export function limitedEndpoint(values: TargetValues & { 'limited-bearer-env'?: string | undefined; 'limited-basic-env'?: string | undefined }, env: NodeJS.ProcessEnv): BuiltInEndpoint | undefined {
  const bearer = values['limited-bearer-env'];
  const basic = values['limited-basic-env'];
  if (bearer === undefined && basic === undefined) return undefined;
  if (values.url === undefined) throw new UsageError('--limited-bearer-env and --limited-basic-env go with --url');
  if (bearer !== undefined && basic !== undefined) throw new UsageError('Give either --limited-bearer-env or --limited-basic-env, not both');
  const rename = (message: string) => message.replace(/--(bearer|basic)-env/g, '--limited-$1-env');
  try {
    const endpoint = urlEndpoint({ url: values.url, 'bearer-env': bearer, 'basic-env': basic }, env);
    return { ...endpoint, id: CLI_LIMITED_ENDPOINT_ID, name: `${endpoint.name} (limited credential)` };
  } catch (error) {
    throw error instanceof UsageError ? new UsageError(rename(error.message)) : error;
  }
}

/**
 * Composes the app for a command-line run: the same composition root as the desktop and web hosts,
 * without the embedded sandbox. A `--url` target is a built-in endpoint (secret in memory, the
 * keychain never asked); a `--endpoint` target is read from the data folder. `extra`: more built-in
 * endpoints beside a `--url` one (a second credential).
 */
export async function openTarget(values: TargetValues, io: CliIo, extra: readonly BuiltInEndpoint[] = []): Promise<OpenTarget> {
  if (values.url === undefined && values.endpoint === undefined) throw new UsageError('Say which server to test: --url URL (with --bearer-env or --basic-env), or --endpoint NAME');
  if (values.url !== undefined && values.endpoint !== undefined) throw new UsageError('Give either --url or --endpoint, not both');
  if (values.endpoint !== undefined && (values['bearer-env'] !== undefined || values['basic-env'] !== undefined)) {
    throw new UsageError('--bearer-env and --basic-env go with --url; a saved --endpoint uses its own credentials');
  }
  const builtIn = values.url !== undefined ? urlEndpoint(values, io.env) : undefined;
  const temporary = values['data-dir'] === undefined && builtIn !== undefined ? mkdtempSync(join(tmpdir(), 'scim-inspector-cli-')) : undefined;
  const dataDir = temporary ?? resolveDataDir({ flag: values['data-dir'], env: io.env });
  const removeTemporary = () => temporary !== undefined && rmSync(temporary, { recursive: true, force: true });
  let core: AppCore;
  try {
    core = await compose({
      host: 'cli',
      dataDir,
      sandbox: false,
      capabilities: { sandbox: false },
      env: io.env,
      secrets: builtIn ? 'session' : 'keychain',
      ...(builtIn ? { builtInEndpoints: () => [builtIn, ...extra] } : {}),
    });
  } catch (error) {
    removeTemporary();
    throw error;
  }
  if (builtIn) for (const endpoint of [builtIn, ...extra]) core.scrubber.add(endpoint.token);
  io.scrubWith((text) => core.scrubber.scrub(text));
  const close = async () => {
    await core.dispose();
    removeTemporary();
  };
  if (builtIn) return { core, endpointId: builtIn.id, baseUrl: builtIn.baseUrl, close };
  const wanted = values.endpoint!;
  const { endpoints } = await core.endpoints.list();
  const named = endpoints.filter((e) => e.name.toLowerCase() === wanted.toLowerCase());
  const match = endpoints.find((e) => e.id === wanted) ?? (named.length === 1 ? named[0] : undefined);
  if (named.length > 1 && !match) {
    await close();
    throw new UsageError(`${named.length} saved endpoints are named "${wanted}": give the id of one (${named.map((e) => e.id).join(', ')})`);
  }
  if (!match) {
    await close();
    const names = endpoints.map((e) => e.name);
    throw new UsageError(`No saved endpoint named "${wanted}" in ${dataDir}${names.length ? `; saved: ${names.join(', ')}` : ' (it has none; use --data-dir to point at the app\'s data folder)'}`);
  }
  return { core, endpointId: match.id, baseUrl: match.baseUrl, close };
}
