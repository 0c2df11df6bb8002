import type { CheckResult, CheckStatus, ConformanceRun } from '@shared/model/conformance';
import { summarize } from '@shared/model/conformance';
import type { HttpExchange } from '@shared/model/exchange';
import type { ExchangeRecord } from '@shared/redact/exchanges';

export const CANARY = 'canary-Tk9x2Qw7vB4mZ8';

export function check(id: string, status: CheckStatus, extra: Partial<CheckResult> = {}): CheckResult {
  return { id, group: id.startsWith('F') ? 'Filter' : 'Discovery', title: `title of ${id}`, rfc: 'RFC 7644 §3.4.2.2', status, detail: `detail of ${id}`, exchanges: [], durationMs: 12.5, ...extra };
}

export function run(checks: CheckResult[], extra: Partial<ConformanceRun> = {}): ConformanceRun {
  return {
    runId: 'run-1',
    tool: 'scim-inspector',
    version: '9.9.9',
    target: { url: 'https://scim.example.com/scim/v2', endpointId: 'e1', endpointName: 'Example' },
    profile: 'rfc',
    readOnly: false,
    only: [],
    prefix: 'scimiabcd',
    startedAt: '2026-01-31T10:00:00.000Z',
    finishedAt: '2026-01-31T10:00:05.000Z',
    cancelled: false,
    summary: summarize(checks),
    checks,
    leftovers: [],
    ...extra,
  };
}

/** A POST /Users whose bodies hold a person's email and name, and the canary in a header and a body. */
export function createExchange(id: string): ExchangeRecord {
  const requestBody = JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ana', name: { givenName: 'Anastasia', familyName: 'Okonkwo' }, emails: [{ value: 'ana.okonkwo@example.org' }] });
  const responseBody = JSON.stringify({ id: 'u1', userName: 'ana', name: { givenName: 'Anastasia', familyName: 'Okonkwo' }, emails: [{ value: 'ana.okonkwo@example.org' }], echo: CANARY });
  const exchange: HttpExchange = {
    id,
    endpointId: 'e1',
    endpointName: 'Example',
    startedAt: '2026-01-31T10:00:01.000Z',
    request: { method: 'POST', url: 'https://scim.example.com/scim/v2/Users', headers: [['Authorization', `Bearer ${CANARY}`], ['Content-Type', 'application/scim+json']], body: { size: requestBody.length, preview: requestBody, truncated: false } },
    response: { status: 201, statusText: 'Created', headers: [['Content-Type', 'application/scim+json'], ['X-Echo', CANARY]], body: { size: responseBody.length, preview: responseBody, truncated: false } },
    timings: { total: 8.25 },
    redirects: [],
  };
  return { exchange, requestBody, responseBody };
}

/** GET /ResourceTypes: its `name` "User" is not a person's name. */
export function resourceTypesExchange(id: string): ExchangeRecord {
  const responseBody = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, Resources: [{ id: 'User', name: 'User', endpoint: '/Users', schema: 'urn:ietf:params:scim:schemas:core:2.0:User' }] });
  return {
    exchange: {
      id,
      startedAt: '2026-01-31T10:00:00.500Z',
      request: { method: 'GET', url: 'https://scim.example.com/scim/v2/ResourceTypes', headers: [['Authorization', `Bearer ${CANARY}`]] },
      response: { status: 200, statusText: 'OK', headers: [['Content-Type', 'application/scim+json']], body: { size: responseBody.length, preview: responseBody, truncated: false } },
      timings: { total: 3 },
      redirects: [],
    },
    responseBody,
  };
}

/** Knows the canary, as the app's scrubber does. */
export const secrets = { scrub: (text: string) => text.split(CANARY).join('[REDACTED]') };
