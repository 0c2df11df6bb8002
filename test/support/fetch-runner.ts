import { randomUUID } from 'node:crypto';
import type { HttpExchange } from '@shared/model/exchange';
import type { RequestSpec } from '@shared/model/request-spec';
import { redactHeaders } from '@shared/redact/headers';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import type { ExchangeSink } from '../../src/main/services/exchange-sink';

export interface TestEndpoint {
  baseUrl: string;
  token?: string;
  name?: string;
}

/**
 * What the request engine does, done with fetch, for tests of the parts that take a runner:
 * fills `{{variables}}`, adds the endpoint's bearer token, sends, builds the `HttpExchange`
 * (secret headers redacted, body previews scrubbed) and hands it to the sink with the raw bodies.
 */
export function fetchRunner(options: { endpoints: Record<string, TestEndpoint>; sink?: ExchangeSink; scrubber: SecretScrubber }) {
  return {
    async send(spec: RequestSpec, signal?: AbortSignal): Promise<HttpExchange> {
      const endpoint = options.endpoints[spec.endpointId];
      if (!endpoint) throw new Error(`no endpoint ${spec.endpointId}`);
      const fill = (text: string) => text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (m, name: string) => spec.variables[name] ?? m);
      const path = fill(spec.path);
      const url = /^https?:/.test(path) ? path : `${endpoint.baseUrl}${path}`;
      const headers: [string, string][] = spec.headers.filter((h) => h.enabled).map((h) => [h.name, fill(h.value)]);
      if (endpoint.token) headers.push(['Authorization', `Bearer ${endpoint.token}`]);
      if (spec.body !== undefined && !headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/scim+json']);
      const body = spec.body === undefined ? undefined : fill(spec.body);
      const startedAt = new Date().toISOString();
      const started = performance.now();
      const res = await fetch(url, { method: spec.method, headers, body, signal });
      const bytes = new Uint8Array(await res.arrayBuffer());
      const text = new TextDecoder().decode(bytes);
      const requestBytes = body === undefined ? undefined : new TextEncoder().encode(body);
      const exchange: HttpExchange = {
        id: randomUUID(),
        endpointId: spec.endpointId,
        endpointName: endpoint.name ?? spec.endpointId,
        startedAt,
        request: {
          method: spec.method,
          url,
          headers: redactHeaders(headers),
          ...(body !== undefined ? { body: { size: requestBytes!.byteLength, preview: options.scrubber.scrub(body), truncated: false, contentType: 'application/scim+json' } } : {}),
        },
        response: {
          status: res.status,
          statusText: res.statusText,
          headers: redactHeaders([...res.headers.entries()]),
          body: { size: bytes.byteLength, contentType: res.headers.get('content-type') ?? undefined, preview: options.scrubber.scrub(text), truncated: false },
        },
        timings: { total: performance.now() - started },
        redirects: [],
      };
      options.sink?.record({ exchange, requestBody: requestBytes, responseBody: bytes });
      return exchange;
    },
  };
}
