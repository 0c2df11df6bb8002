import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer } from '../../../support/echo-server';
import { harProblems } from './har-check';
import { startCore } from './harness';

const users: Record<string, unknown> = {
  '1': { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: '1', userName: 'bjensen', displayName: 'Barbara Jensen', emails: [{ value: 'bjensen@example.com', type: 'work' }], phoneNumbers: [{ value: '+1 555 0100', type: 'work' }] },
  '2': { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: '2', userName: 'kenji', displayName: 'Kenji Nakamura', emails: [{ value: 'kenji@example.com', type: 'work' }] },
};

describe('exports', () => {
  let server: EchoServer;
  let app: Awaited<ReturnType<typeof startCore>>;
  let ids: number[];

  beforeAll(async () => {
    server = await startEchoServer((req) => {
      const id = /\/Users\/(\d+)/.exec(req.url)?.[1];
      if (id) return users[id] ? { body: users[id] } : { status: 404, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: `User ${id} not found` } };
      if (req.url.startsWith('/Users?')) return { body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, Resources: [users['1']] } };
      return { status: 201, body: { ...JSON.parse(req.body || '{}'), id: '3' } };
    });
    app = await startCore({ scim: { baseUrl: `${server.url}`, token: 'tok-exports-0123456789', name: 'Test SCIM' } });
    app.core.scrubber.add('tok-exports-0123456789');
    const send = (method: 'GET' | 'POST', path: string, body?: string) => app.runner.send({ endpointId: 'scim', method, path, headers: [], variables: {}, ...(body ? { body } : {}) });
    await send('GET', `/Users?filter=${encodeURIComponent('emails.value eq "BJensen@example.com"')}`);
    await send('GET', '/Users/1');
    await send('POST', '/Users', JSON.stringify({ userName: 'new', emails: [{ value: 'kenji@example.com' }], password: 'p4ss-w0rd' }));
    await send('GET', '/Users/99');
    ids = (await app.call('history.list', { limit: 10 })).entries.map((e) => e.id);
  });
  afterAll(async () => {
    await app.stop();
    await server.close();
  });

  it('HAR: valid HAR 1.2, entries oldest first, secrets and ticked personal data replaced', async () => {
    const file = await app.call('exchange.export', { source: { kind: 'history', ids }, format: 'har' });
    expect(file.fileName).toMatch(/^scim-log-.*\.har$/);
    const har = JSON.parse(file.content) as { log: { entries: { request: { url: string; headers: { name: string; value: string }[]; queryString: { name: string; value: string }[] }; response: { status: number; content: { text?: string } } }[] } };
    expect(harProblems(har)).toEqual([]);
    expect(har.log.entries.map((e) => e.response.status)).toEqual([200, 200, 201, 404]);
    const auth = har.log.entries[1]!.request.headers.find((h) => h.name === 'Authorization');
    expect(auth?.value).toBe('Bearer [REDACTED]');
    // the same email gets the same placeholder in the filter of entry 1 and the body of entry 2, whatever its case
    const filter = har.log.entries[0]!.request.queryString.find((q) => q.name === 'filter')!.value;
    const body = JSON.parse(har.log.entries[1]!.response.content.text!) as { emails: { value: string }[]; displayName: string; phoneNumbers: { value: string }[] };
    expect(body.emails[0]!.value).toMatch(/^email-\d@redacted\.invalid$/);
    expect(filter).toBe(`emails.value eq "${body.emails[0]!.value}"`);
    expect(body.displayName).toBe('displayName-1');
    expect(body.phoneNumbers[0]!.value).toBe('phone-1');
    expect(file.content).not.toMatch(/bjensen@example\.com|Barbara Jensen|kenji@example\.com|p4ss-w0rd|tok-exports/i);
    expect(file.preview.personalData.map((p) => p.original.toLowerCase())).toEqual(expect.arrayContaining(['bjensen@example.com', 'kenji@example.com', 'barbara jensen']));
  });

  it('Markdown: a readable report with environment, each request and response, bodies cut at the limit', async () => {
    const { content, fileName } = await app.call('exchange.export', { source: { kind: 'history', ids }, format: 'markdown', bodyLimit: 200 });
    expect(fileName).toMatch(/\.md$/);
    expect(content).toMatch(/^# SCIM request log\n/);
    expect(content).toContain('## Environment');
    expect(content).toContain('- Requests: 4');
    expect(content).toContain(`- Endpoint \`Test SCIM\`: \`${server.url}\``);
    expect(content).toContain('## 2. GET /Users/1 → 200 OK');
    expect(content).toContain('## 4. GET /Users/99 → 404 Not Found');
    expect(content).toContain('Authorization: Bearer [REDACTED]');
    expect(content).toContain('"displayName": "displayName-1"');
    expect(content).toMatch(/_Body cut at 200 of [\d,]+ characters\._/);
    expect(content).toContain('- Personal data replaced by consistent placeholders: `userName`, `externalId`, `emails.value`, `phoneNumbers.value`, `name`, `addresses`, `displayName`');
    expect(content).not.toMatch(/bjensen@example\.com|Barbara Jensen|kenji@example\.com|p4ss-w0rd/i);
  });

  it('JSON: the exchanges with whole bodies, and the placeholders without the values they stand for', async () => {
    const { content } = await app.call('exchange.export', { source: { kind: 'history', ids }, format: 'json', redaction: { personalData: ['emails.value'] } });
    const json = JSON.parse(content) as { format: string; exchanges: { responseBody?: string }[]; redaction: { placeholders: { placeholder: string }[] } };
    expect(json.format).toBe('scim-inspector.exchanges');
    expect(json.exchanges).toHaveLength(4);
    expect(json.redaction.placeholders.map((p) => p.placeholder).sort()).toEqual(['email-1@redacted.invalid', 'email-2@redacted.invalid']);
    // only the ticked path is replaced this time
    expect(content).toContain('Barbara Jensen');
    expect(content).not.toMatch(/bjensen@example\.com/i);
  });

  it('previews what an export will redact, the same way', async () => {
    const preview = await app.call('exchange.preview', { source: { kind: 'history', ids } });
    expect(preview.count).toBe(4);
    expect(preview.preview.secretHeaders).toEqual([{ name: 'authorization', count: 4 }]);
    // the password of the created user, in the request and echoed in the response
    expect(preview.preview.alwaysRedacted).toBe(2);
    const row = preview.preview.personalData.find((p) => p.original.toLowerCase() === 'bjensen@example.com')!;
    expect(row.count).toBeGreaterThanOrEqual(2);
  });

  it('says clearly when an export names nothing that exists', async () => {
    await expect(app.call('exchange.export', { source: { kind: 'history', ids: [987654] }, format: 'har' })).rejects.toThrow(/History entry 987654 does not exist/);
    await expect(app.call('exchange.export', { source: { kind: 'run', runId: 'nope' }, format: 'har' })).rejects.toThrow(/run nope is no longer kept/);
  });
});
