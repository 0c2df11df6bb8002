import ky from 'ky';
import type { Dispatcher } from 'undici';
import { fail } from '@shared/api/errors';
import type { Endpoint } from '@shared/model/endpoint';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';

type OAuthConfig = Extract<Endpoint['auth'], { kind: 'oauth2-client-credentials' }>;

interface CachedToken {
  value: string;
  /** performance.now() time after which it is fetched again */
  refreshAt: number;
}

/** Seconds before expiry at which a token is treated as expired (clock skew, request time). */
const EXPIRY_MARGIN_S = 30;

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): one token per endpoint, cached until shortly before
 * it expires; `invalidate` after a 401 makes the next call fetch a new one. The token request goes
 * through the endpoint's own pool, so its CA, client certificate and proxy apply to it too.
 */
export class OAuthTokens {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly inflight = new Map<string, Promise<string>>();
  /** endpoints whose client credentials, as sent to the token endpoint, the scrubber knows */
  private readonly clients = new Set<string>();

  constructor(private readonly scrubber: SecretScrubber) {}

  cached(endpointId: string): string | undefined {
    const token = this.tokens.get(endpointId);
    return token && performance.now() < token.refreshAt ? token.value : undefined;
  }

  invalidate(endpointId?: string): void {
    const ids = endpointId === undefined ? [...this.clients] : [endpointId];
    if (endpointId === undefined) this.tokens.clear();
    else this.tokens.delete(endpointId);
    for (const id of ids) {
      this.clients.delete(id);
      this.scrubber.release(`oauth-client:${id}`);
    }
  }

  async token(endpointId: string, config: OAuthConfig, clientSecret: string, dispatcher: Dispatcher): Promise<string> {
    const cached = this.cached(endpointId);
    if (cached) return cached;
    let pending = this.inflight.get(endpointId);
    if (!pending) {
      pending = this.fetchToken(endpointId, config, clientSecret, dispatcher).then(
        (token) => {
          this.tokens.set(endpointId, token);
          this.inflight.delete(endpointId);
          return token.value;
        },
        (error: unknown) => {
          this.inflight.delete(endpointId);
          throw error;
        },
      );
      this.inflight.set(endpointId, pending);
    }
    return pending;
  }

  private async fetchToken(endpointId: string, config: OAuthConfig, clientSecret: string, dispatcher: Dispatcher): Promise<CachedToken> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    const headers: Record<string, string> = { accept: 'application/json' };
    if (config.clientAuth === 'basic') {
      const id = encodeURIComponent(config.clientId);
      const credential = Buffer.from(`${id}:${encodeURIComponent(clientSecret)}`).toString('base64');
      headers.authorization = `Basic ${credential}`;
      this.scrubber.hold(`oauth-client:${endpointId}`, { wire: [headers.authorization, credential] });
    } else {
      form.set('client_id', config.clientId);
      form.set('client_secret', clientSecret);
      // the secret as the form carries it (space as +, and so on)
      this.scrubber.hold(`oauth-client:${endpointId}`, { wire: [new URLSearchParams({ client_secret: clientSecret }).toString().slice('client_secret='.length)] });
    }
    this.clients.add(endpointId);
    if (config.scope) form.set('scope', config.scope);
    if (config.audience) form.set('audience', config.audience);
    let response: Response;
    try {
      response = await ky.post(config.tokenUrl, { body: form, headers, throwHttpErrors: false, retry: 0, timeout: 30_000, redirect: 'error', dispatcher } as never);
    } catch (error) {
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw fail('unauthorized', `The OAuth token endpoint ${config.tokenUrl} could not be reached: ${this.scrubber.scrub(cause)}`, {
        hint: 'Check the token URL; the endpoint\'s TLS and proxy settings apply to it too.',
      });
    }
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // reported below
    }
    if (!response.ok || typeof body.access_token !== 'string') {
      const detail = typeof body.error === 'string' ? `${body.error}${typeof body.error_description === 'string' ? `: ${body.error_description}` : ''}` : text.slice(0, 200);
      throw fail('unauthorized', `The OAuth token endpoint answered ${response.status} without an access token (${this.scrubber.scrub(detail) || 'empty answer'})`, {
        hint: response.status === 401 || body.error === 'invalid_client' ? 'Check the client id and client secret.' : 'Check the token URL, scope and audience.',
      });
    }
    const value = body.access_token;
    this.scrubber.add(value);
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in) || 3600;
    const lifetime = expiresIn > 2 * EXPIRY_MARGIN_S ? expiresIn - EXPIRY_MARGIN_S : expiresIn / 2;
    return { value, refreshAt: performance.now() + lifetime * 1000 };
  }
}
