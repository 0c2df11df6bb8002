import type { HttpExchange } from '@shared/model/exchange';
import type { CompletedExchange } from '../../../../src/main/services/exchange-sink';

const encoder = new TextEncoder();
const METHODS = ['GET', 'POST', 'PATCH', 'DELETE'] as const;
const STATUSES = [200, 201, 204, 400, 404, 409, 500];

/** A SCIM-like exchange number `i`, with a response body of about `bodyBytes` and a unique marker word. */
export function syntheticExchange(i: number, options: { bodyBytes?: number; startedAt?: number; endpointId?: string } = {}): CompletedExchange {
  const method = METHODS[i % METHODS.length]!;
  const status = STATUSES[i % STATUSES.length]!;
  const user = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: `user-${i}`,
    userName: `person${i}@example.com`,
    externalId: `marker${i}x`,
    name: { givenName: `Given${i % 97}`, familyName: `Family${i % 89}` },
    emails: [{ value: `person${i}@example.com`, type: 'work', primary: true }],
    active: i % 2 === 0,
    meta: { resourceType: 'User', location: `https://scim.example.test/Users/user-${i}` },
  };
  let text = JSON.stringify(user, null, 2);
  const target = options.bodyBytes ?? 2048;
  if (text.length < target) text = JSON.stringify({ ...user, notes: 'lorem ipsum dolor sit amet '.repeat(Math.ceil((target - text.length) / 27)).slice(0, target - text.length - 14) }, null, 2);
  const responseBody = encoder.encode(text);
  const requestBody = method === 'POST' || method === 'PATCH' ? encoder.encode(JSON.stringify({ userName: user.userName })) : undefined;
  const exchange: HttpExchange = {
    id: `ex-${i}`,
    endpointId: options.endpointId ?? (i % 3 === 0 ? 'okta' : 'entra'),
    endpointName: i % 3 === 0 ? 'Okta' : 'Entra',
    startedAt: new Date(options.startedAt ?? Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
    request: {
      method,
      url: `https://scim.example.test/scim/v2/Users/user-${i}`,
      headers: [
        ['Accept', 'application/scim+json'],
        ['Authorization', 'Bearer [REDACTED]'],
      ],
      ...(requestBody ? { body: { size: requestBody.byteLength, preview: '', truncated: false } } : {}),
    },
    response: {
      status,
      statusText: 'OK',
      headers: [['Content-Type', 'application/scim+json']],
      body: { size: responseBody.byteLength, contentType: 'application/scim+json', preview: '', truncated: false },
    },
    timings: { total: 10 + (i % 50) },
    redirects: [],
  };
  return { exchange, requestBody, responseBody };
}
