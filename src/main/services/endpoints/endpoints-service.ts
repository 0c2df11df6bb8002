import { randomUUID } from 'node:crypto';
import type { EndpointList } from '@shared/api/commands/endpoints';
import { fail } from '@shared/api/errors';
import {
  Endpoint,
  EndpointInput,
  ENDPOINT_VERSION,
  SECRET_FIELD_LABELS,
  SecretField,
  secretRef,
  secretsNeeded,
  type AuthConfig,
  type EndpointView,
  type EndpointInput as EndpointInputType,
} from '@shared/model/endpoint';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import type { Logger } from '../log/logger';
import type { Vault } from '../vault/vault';
import { builtInEndpoint, builtInSecretField, type BuiltInEndpoint, type BuiltInProvider } from './built-ins';
import { loadEndpointsFile, saveEndpointsFile } from './endpoints-file';

export type EndpointChange = { id?: string; change: 'created' | 'updated' | 'deleted' | 'secrets' | 'all' };

export interface EndpointsServiceOptions {
  /** endpoints.json */
  path: string;
  vault: Vault;
  scrubber: SecretScrubber;
  log: Logger;
  builtIns?: BuiltInProvider;
  now?: () => Date;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Saved endpoints (endpoints.json, secret references only) plus the app's built-in ones. */
export class EndpointsService {
  private saved = new Map<string, Endpoint>();
  private readonly listeners = new Set<(change: EndpointChange) => void>();
  private writes: Promise<void> = Promise.resolve();
  private readonly now: () => Date;

  constructor(private readonly options: EndpointsServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Reads the file; returns a notice when something had to be set aside. */
  async load(): Promise<string | undefined> {
    const loaded = await loadEndpointsFile(this.options.path);
    this.saved = new Map(loaded.endpoints.map((e) => [e.id, e]));
    if (loaded.notice) this.options.log.warn('endpoints file problem', { notice: loaded.notice });
    return loaded.notice;
  }

  onChange(listener: (change: EndpointChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async list(): Promise<EndpointList> {
    const builtIns = this.builtIns().map(builtInEndpoint);
    const saved = [...this.saved.values()].sort((a, b) => collator.compare(a.name, b.name));
    const endpoints = await Promise.all([...builtIns, ...saved].map((e) => this.view(e)));
    return { endpoints, defaultId: builtIns[0]?.id ?? saved[0]?.id };
  }

  async get(id: string): Promise<EndpointView> {
    return this.view(this.endpoint(id));
  }

  /** The endpoint's settings, for the engine (no values). */
  endpoint(id: string): Endpoint {
    const saved = this.saved.get(id);
    if (saved) return saved;
    const builtIn = this.findBuiltIn(id);
    if (builtIn) return builtInEndpoint(builtIn);
    throw fail('not-found', `No endpoint with id "${id}": it may have been deleted`, { what: 'endpoint' });
  }

  /** A secret's value, for the engine only; a built-in endpoint's token comes from memory. */
  async secret(id: string, field: SecretField): Promise<string | undefined> {
    const builtIn = this.findBuiltIn(id);
    if (builtIn) {
      if (field !== builtInSecretField(builtIn)) return undefined;
      this.options.scrubber.add(builtIn.token);
      return builtIn.token;
    }
    this.endpoint(id);
    return this.options.vault.get(secretRef(id, field));
  }

  async create(input: EndpointInputType): Promise<EndpointView> {
    const id = randomUUID();
    const stamp = this.now().toISOString();
    const endpoint = this.build(id, input, stamp, stamp);
    await this.persist(() => this.saved.set(id, endpoint));
    this.emit({ id, change: 'created' });
    return this.view(endpoint);
  }

  async update(id: string, input: EndpointInputType): Promise<EndpointView> {
    const current = this.editable(id, 'edited');
    const endpoint = this.build(id, input, current.createdAt, this.now().toISOString());
    await this.persist(() => this.saved.set(id, endpoint));
    this.emit({ id, change: 'updated' });
    return this.view(endpoint);
  }

  async duplicate(id: string, name?: string): Promise<EndpointView> {
    const source = this.endpoint(id);
    const copyId = randomUUID();
    const stamp = this.now().toISOString();
    const copy = this.build(copyId, { ...source, name: name ?? `${source.name} (copy)` }, stamp, stamp);
    if (!source.builtIn) {
      // a saved endpoint's secrets come along; the built-in token stays in memory and the copy asks for its own
      for (const field of SecretField.options) {
        const value = await this.options.vault.get(secretRef(id, field)).catch(() => undefined);
        if (value !== undefined) await this.options.vault.set(secretRef(copyId, field), value);
      }
    }
    await this.persist(() => this.saved.set(copyId, copy));
    this.emit({ id: copyId, change: 'created' });
    return this.view(copy);
  }

  async delete(id: string): Promise<{ id: string; removedSecrets: number }> {
    this.editable(id, 'deleted');
    let removedSecrets = 0;
    for (const field of SecretField.options) {
      if (await this.options.vault.delete(secretRef(id, field))) removedSecrets++;
    }
    await this.persist(() => this.saved.delete(id));
    this.emit({ id, change: 'deleted' });
    return { id, removedSecrets };
  }

  async setSecret(id: string, field: SecretField, value: string): Promise<EndpointView> {
    const endpoint = this.editable(id, 'given secrets');
    await this.options.vault.set(secretRef(id, field), value);
    this.emit({ id, change: 'secrets' });
    return this.view(endpoint);
  }

  async clearSecret(id: string, field: SecretField): Promise<EndpointView> {
    const endpoint = this.editable(id, 'given secrets');
    await this.options.vault.delete(secretRef(id, field));
    this.emit({ id, change: 'secrets' });
    return this.view(endpoint);
  }

  private builtIns(): BuiltInEndpoint[] {
    try {
      return this.options.builtIns?.() ?? [];
    } catch (error) {
      this.options.log.warn('built-in endpoints unavailable', { error: error instanceof Error ? error.message : String(error) });
      return [];
    }
  }

  private findBuiltIn(id: string): BuiltInEndpoint | undefined {
    return this.builtIns().find((b) => b.id === id);
  }

  private editable(id: string, what: string): Endpoint {
    const endpoint = this.endpoint(id);
    if (endpoint.builtIn) {
      throw fail('conflict', `The built-in ${endpoint.name} endpoint cannot be ${what}`, { hint: 'Duplicate it to get an endpoint of your own with the same settings.' });
    }
    return endpoint;
  }

  private build(id: string, raw: EndpointInputType, createdAt: string, updatedAt: string): Endpoint {
    const parsed = EndpointInput.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
      throw fail('validation', `The endpoint cannot be saved: ${issues[0]?.path}: ${issues[0]?.message}`, { issues });
    }
    const input = parsed.data;
    if (input.proxy.mode === 'manual' && !input.proxy.url) {
      throw fail('validation', 'A manual proxy needs its URL, e.g. http://proxy.example.com:3128', { issues: [{ path: 'proxy.url', message: 'required when the proxy is manual' }] });
    }
    if (input.proxy.mode === 'manual' && input.proxy.url && !/^https?:\/\/[^\s/@]+(:\d+)?\/?$/i.test(input.proxy.url)) {
      throw fail('validation', `Proxy URL "${input.proxy.url}" must look like http://host:port or https://host:port (put the user name in its own field)`, {
        issues: [{ path: 'proxy.url', message: 'not a proxy URL' }],
      });
    }
    const auth: AuthConfig = (() => {
      switch (input.auth.kind) {
        case 'none':
          return { kind: 'none' };
        case 'bearer':
          return { ...input.auth, token: secretRef(id, 'token') };
        case 'basic':
          return { ...input.auth, password: secretRef(id, 'password') };
        case 'oauth2-client-credentials':
          return { ...input.auth, clientSecret: secretRef(id, 'clientSecret') };
        case 'api-key':
          return { ...input.auth, value: secretRef(id, 'apiKey') };
      }
    })();
    return Endpoint.parse({
      ...input,
      version: ENDPOINT_VERSION,
      id,
      auth,
      tls: { ...input.tls, passphrase: input.tls.clientCert ? secretRef(id, 'passphrase') : undefined },
      proxy: { ...input.proxy, password: input.proxy.username ? secretRef(id, 'proxyPassword') : undefined },
      createdAt,
      updatedAt,
    });
  }

  private async view(endpoint: Endpoint): Promise<EndpointView> {
    const fields = secretsNeeded(endpoint);
    const secrets = await Promise.all(
      fields.map(async (field) => {
        const set = endpoint.builtIn ? field === 'token' || field === 'password' : await this.options.vault.isSet(secretRef(endpoint.id, field));
        // a weak value keeps its warning for as long as it is set, next to the field that holds it
        const warning = set && !endpoint.builtIn ? await this.options.vault.warning(secretRef(endpoint.id, field)) : undefined;
        return { field, label: SECRET_FIELD_LABELS[field], set, ...(warning ? { warning } : {}) };
      }),
    );
    return { ...endpoint, secrets };
  }

  /** Applies a change in memory and writes the file, one write at a time; a failed write is undone. */
  private async persist(change: () => void): Promise<void> {
    const before = new Map(this.saved);
    change();
    const snapshot = [...this.saved.values()];
    const write = this.writes.then(() => saveEndpointsFile(this.options.path, snapshot));
    this.writes = write.catch(() => undefined);
    try {
      await write;
    } catch (error) {
      this.saved = before;
      throw fail('storage', `Could not save ${this.options.path}: ${(error as Error).message}`, { path: this.options.path });
    }
  }

  private emit(change: EndpointChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.options.log.warn('endpoint change listener failed', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}
