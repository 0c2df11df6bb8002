import { describe, expect, it } from 'vitest';
import { redactHeaders } from '@shared/redact/headers';
import { receivedHeaders } from '../../../../src/main/services/http/wire-headers';

describe('response headers as received', () => {
  it('decodes undici\'s raw headers in wire order and case, redacting secret ones as redactHeaders does', () => {
    const rows: [string, string][] = [
      ['Date', 'Mon, 30 Nov 2026 10:00:00 GMT'],
      ['Set-Cookie', 'session=s1; HttpOnly'],
      ['set-cookie', 'other=s2'],
      ['WWW-Authenticate', 'Bearer realm="scim"'],
      ['Authorization', 'Bearer abc.def'],
      ['X-Api-Token', 'k-123'],
      ['Content-Type', 'application/scim+json; charset=utf-8'],
      ['content-type', 'text/plain'],
      ['X-Name', 'Zoë ☃'],
    ];
    const raw = rows.flatMap(([name, value], i): (Buffer | string)[] => (i % 2 ? [Buffer.from(name), Buffer.from(value)] : [name, value]));
    const { headers, contentType } = receivedHeaders(raw, ['x-api-token']);
    expect(headers).toEqual(redactHeaders(rows, ['x-api-token']));
    expect(headers).toContainEqual(['Authorization', 'Bearer [REDACTED]']);
    expect(headers).toContainEqual(['set-cookie', '[REDACTED]']);
    expect(headers).toContainEqual(['X-Api-Token', '[REDACTED]']);
    expect(headers).toContainEqual(['X-Name', 'Zoë ☃']);
    // the content type is the first one, as received (not redacted, not lower-cased)
    expect(contentType).toBe('application/scim+json; charset=utf-8');
    expect(receivedHeaders([Buffer.from('Date'), Buffer.from('x')], []).contentType).toBeUndefined();
  });
});
