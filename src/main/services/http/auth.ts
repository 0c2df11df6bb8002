import { fail } from '@shared/api/errors';
import { SECRET_FIELD_LABELS, type Endpoint, type SecretField } from '@shared/model/endpoint';
import type { Dispatcher } from 'undici';
import type { OAuthTokens } from './oauth';

export interface AuthHeader {
  name: string;
  value: string;
}

export interface SecretSource {
  secret(endpointId: string, field: SecretField): Promise<string | undefined>;
}

async function required(source: SecretSource, endpoint: Endpoint, field: SecretField): Promise<string> {
  const value = await source.secret(endpoint.id, field);
  if (value === undefined) {
    throw fail('validation', `The endpoint "${endpoint.name}" has no ${SECRET_FIELD_LABELS[field].toLowerCase()} set: nothing was sent`, {
      issues: [{ path: `secrets.${field}`, message: 'not set' }],
      hint: endpoint.builtIn ? 'The built-in endpoint gets its token when its server starts.' : 'Set it in the endpoint editor.',
    });
  }
  return value;
}

/** The header that carries an endpoint's credentials, or undefined for no auth. */
export async function authHeader(endpoint: Endpoint, source: SecretSource, oauth: OAuthTokens, dispatcher: Dispatcher): Promise<AuthHeader | undefined> {
  const auth = endpoint.auth;
  switch (auth.kind) {
    case 'none':
      return undefined;
    case 'bearer':
      return { name: 'Authorization', value: `Bearer ${await required(source, endpoint, 'token')}` };
    case 'basic': {
      const password = await required(source, endpoint, 'password');
      return { name: 'Authorization', value: `Basic ${Buffer.from(`${auth.username}:${password}`).toString('base64')}` };
    }
    case 'api-key':
      return { name: auth.headerName, value: await required(source, endpoint, 'apiKey') };
    case 'oauth2-client-credentials': {
      const cached = oauth.cached(endpoint.id);
      const token = cached ?? (await oauth.token(endpoint.id, auth, await required(source, endpoint, 'clientSecret'), dispatcher));
      return { name: 'Authorization', value: `Bearer ${token}` };
    }
  }
}

/** Header names whose values are credentials for this endpoint (redacted, never sent to another origin). */
export function credentialHeaders(endpoint: Endpoint): string[] {
  return endpoint.auth.kind === 'api-key' ? [endpoint.auth.headerName] : [];
}
