import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness';
import { startHttpServer, type TestServer } from './support/servers';

const b64 = (text: string) => Buffer.from(text).toString('base64');

/**
 * Issue 12, item 3: the scrubber knew base64(password), but the wire carries base64(user:password),
 * which contains it only when len(user)+1 is a multiple of 3. The engine knows the exact header
 * value it sent: that value is what it must replace.
 */
describe('credentials as the engine put them on the wire', () => {
  let h: Harness;
  let server: TestServer;

  beforeAll(async () => {
    h = await createHarness();
    // echoes the Authorization header it got in a body, a header, and the status line
    server = await startHttpServer((req, res, body) => {
      const auth = req.headers.authorization ?? '';
      const credential = auth.replace(/^\w+ /, '');
      res
        .writeHead(200, { 'content-type': 'application/json', 'x-echo': credential })
        .end(JSON.stringify({ youSent: auth, credential, escaped: encodeURIComponent(credential), body }));
    });
  });

  afterAll(async () => {
    await server.close();
    await h.dispose();
  });

  for (const user of ['', 'b', 'bo', 'bob', 'anna']) {
    it(`replaces Basic ${JSON.stringify(user)}:password (user length ${user.length}, +1 mod 3 = ${(user.length + 1) % 3}) wherever the server echoes it`, async () => {
      const password = `pw-${randomUUID()}/+é`;
      const id = await h.addEndpoint({ name: `basic-${user.length}`, baseUrl: `${server.url}/scim`, auth: { kind: 'basic', username: user } }, { password });
      const exchange = await h.engine.send(`r-${user.length}`, h.spec(id, '/Users'));
      const wire = b64(`${user}:${password}`);
      expect(server.seen.at(-1)?.headers.authorization).toBe(`Basic ${wire}`);
      const text = JSON.stringify(exchange);
      expect(exchange.response?.status).toBe(200);
      for (const form of [wire, encodeURIComponent(wire)]) expect(text).not.toContain(form);
      expect(text).toContain('[REDACTED]');
      const recorded = h.recorded.at(-1)!;
      // the sink gets raw bodies; history redacts them itself, and is told what this exchange sent
      expect(JSON.stringify(recorded.exchange)).not.toContain(wire);
    });
  }

  it('forgets the wire value of an endpoint once its secret is replaced', async () => {
    const first = `first-${randomUUID()}`;
    const id = await h.addEndpoint({ name: 'rotating', baseUrl: `${server.url}/scim`, auth: { kind: 'basic', username: 'bob' } }, { password: first });
    await h.engine.send('rot-1', h.spec(id, '/Users'));
    expect(h.scrubber.scrub(b64(`bob:${first}`))).toBe('[REDACTED]');
    await h.endpoints.setSecret(id, 'password', `second-${randomUUID()}`);
    expect(h.scrubber.scrub(b64(`bob:${first}`))).toBe(b64(`bob:${first}`));
  });

  it('replaces the exact Basic value of a weak password, though not the word itself', async () => {
    const id = await h.addEndpoint({ name: 'weak', baseUrl: `${server.url}/scim`, auth: { kind: 'basic', username: 'bob' } }, { password: 'password' });
    const exchange = await h.engine.send('weak-1', h.spec(id, '/Users', { method: 'POST', body: '{"note":"my password is not here"}' }));
    const text = JSON.stringify(exchange);
    expect(text).not.toContain(b64('bob:password'));
    expect(exchange.request.body?.preview).toBe('{"note":"my password is not here"}');
  });
});
