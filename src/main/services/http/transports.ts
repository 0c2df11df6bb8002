import { Agent, Dispatcher1Wrapper, type Dispatcher } from 'undici';
import type { Endpoint, SecretField } from '@shared/model/endpoint';
import { createConnector } from './connector';
import { proxyResolver } from './proxy';
import { secureContextFor } from './trust';

/** An endpoint's connection pool with its TLS, proxy and connect timeout applied. */
export interface EndpointTransport {
  agent: Agent;
  /** the same pool for plain Node fetch calls (the OAuth token request) */
  plain: Dispatcher;
  verify: boolean;
}

interface Entry {
  key: string;
  transport: Promise<EndpointTransport>;
}

export interface TransportCacheOptions {
  secret(endpointId: string, field: SecretField): Promise<string | undefined>;
  connectTimeoutMs(): number;
  env: NodeJS.ProcessEnv;
}

/**
 * One pool per endpoint, built on first use and reused by every request to it: no dispatcher is
 * created on the hot path. Rebuilt when the endpoint, its secrets or the connect timeout change.
 */
export class TransportCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: TransportCacheOptions) {}

  get(endpoint: Endpoint): Promise<EndpointTransport> {
    const connectTimeoutMs = endpoint.timeouts.connectMs ?? this.options.connectTimeoutMs();
    const key = `${endpoint.updatedAt}|${connectTimeoutMs}`;
    const entry = this.entries.get(endpoint.id);
    if (entry?.key === key) return entry.transport;
    if (entry) void entry.transport.then((t) => t.agent.close()).catch(() => undefined);
    const transport = this.build(endpoint, connectTimeoutMs);
    this.entries.set(endpoint.id, { key, transport });
    transport.catch(() => {
      if (this.entries.get(endpoint.id)?.transport === transport) this.entries.delete(endpoint.id);
    });
    return transport;
  }

  invalidate(endpointId?: string): void {
    for (const [id, entry] of this.entries) {
      if (endpointId !== undefined && id !== endpointId) continue;
      this.entries.delete(id);
      void entry.transport.then((t) => t.agent.close()).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => e.transport.then((t) => t.agent.destroy()).catch(() => undefined)));
  }

  private async build(endpoint: Endpoint, connectTimeoutMs: number): Promise<EndpointTransport> {
    const passphrase = endpoint.tls.clientCert ? await this.options.secret(endpoint.id, 'passphrase') : undefined;
    const proxyPassword = endpoint.proxy.mode === 'manual' && endpoint.proxy.username ? await this.options.secret(endpoint.id, 'proxyPassword') : undefined;
    const connect = createConnector({
      secureContext: secureContextFor(endpoint.tls, passphrase),
      verify: endpoint.tls.verify,
      hasClientCert: endpoint.tls.clientCert !== undefined,
      connectTimeoutMs,
      proxy: proxyResolver(endpoint.proxy, this.options.env, proxyPassword),
    });
    // our own timers enforce the header and body limits, so undici's are off
    const agent = new Agent({ connect, allowH2: false, headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 10_000 });
    return { agent, plain: new Dispatcher1Wrapper(agent), verify: endpoint.tls.verify };
  }
}
