import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDACTED } from '@shared/redact/secret-scrubber';
import { fetchRunner } from '../../../support/fetch-runner';
import { startEchoServer, type EchoServer } from '../../../support/echo-server';
import { openStore, tempDir } from './helpers';
import { syntheticExchange } from '../../../fixtures/synthetic-exchange';

describe('HistoryStore', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: EchoServer;

  beforeEach(async () => {
    tmp = tempDir('history-');
    server = await startEchoServer();
  });
  afterEach(async () => {
    await server.close();
    tmp.remove();
  });

  it('records what the engine hands over and reads it back whole', async () => {
    const { store, changes, scrubber } = openStore(tmp.dir);
    const runner = fetchRunner({ endpoints: { sandbox: { baseUrl: server.url, token: 'tok-abcdef-123456', name: 'Sandbox' } }, sink: store, scrubber });
    const exchange = await runner.send({ endpointId: 'sandbox', method: 'POST', path: '/Users', headers: [], body: JSON.stringify({ userName: 'kenji' }), variables: {} });
    store.flush();
    const page = store.list({ limit: 10 });
    expect(page.entries).toHaveLength(1);
    const [summary] = page.entries;
    expect(summary).toMatchObject({ exchangeId: exchange.id, method: 'POST', url: `${server.url}/Users`, status: 200, endpointId: 'sandbox', endpointName: 'Sandbox' });
    const entry = store.get(summary!.id);
    expect(entry.requestBody).toBe('{"userName":"kenji"}');
    expect(JSON.parse(entry.responseBody!).echo.body).toBe('{"userName":"kenji"}');
    expect(entry.exchange.request.headers).toContainEqual(['Authorization', `Bearer ${REDACTED}`]);
    expect(changes).toContain('recorded');
    await store.close();
  });

  it('redacts a known secret anywhere at write time, and password attributes', async () => {
    const { store, scrubber } = openStore(tmp.dir);
    const secret = 'S3cr3t-Canary-Value-42';
    scrubber.add(secret);
    const runner = fetchRunner({ endpoints: { e: { baseUrl: server.url, token: secret } }, sink: store, scrubber });
    await runner.send({
      endpointId: 'e',
      method: 'POST',
      path: `/Users?access_token=${encodeURIComponent(secret)}`,
      headers: [{ name: 'X-Note', value: `has ${secret}`, enabled: true }],
      body: JSON.stringify({ userName: 'a', password: 'pa55word!', note: secret }),
      variables: {},
    });
    await store.close();
    for (const name of readdirSync(tmp.dir, { recursive: true }) as string[]) {
      const path = join(tmp.dir, name);
      if (!existsSync(path) || !readFileSync(path, { flag: 'r' }).length) continue;
      const bytes = readFileSync(path).toString('latin1');
      expect(bytes.includes(secret), `secret in ${name}`).toBe(false);
      expect(bytes.includes('pa55word!'), `password in ${name}`).toBe(false);
    }
  });

  it('keeps a body over the inline cap in a file, the first part searchable', async () => {
    const { store } = openStore(tmp.dir, { inlineBodyBytes: 1024 });
    const big = syntheticExchange(7, { bodyBytes: 10_000 });
    store.record(big);
    store.flush();
    const files = readdirSync(join(tmp.dir, 'bodies'));
    expect(files).toHaveLength(1);
    const [summary] = store.list({ text: 'marker7x', limit: 5 }).entries;
    expect(summary?.exchangeId).toBe('ex-7');
    const entry = store.get(summary!.id);
    expect(entry.responseBody).toBe(new TextDecoder().decode(big.responseBody));
    await store.delete([summary!.id]);
    expect(readdirSync(join(tmp.dir, 'bodies'))).toHaveLength(0);
    await store.close();
  });

  it('searches bodies, URL, method and status, with filters, newest first', async () => {
    const { store } = openStore(tmp.dir);
    for (let i = 0; i < 60; i++) store.record(syntheticExchange(i));
    store.flush();
    expect(store.list({ text: 'marker42x', limit: 10 }).entries.map((e) => e.exchangeId)).toEqual(['ex-42']);
    // a word prefix, an email as a phrase, the status
    expect(store.list({ text: 'marke', limit: 100 }).entries).toHaveLength(60);
    expect(store.list({ text: 'person17@example.com', limit: 10 }).entries.map((e) => e.exchangeId)).toEqual(['ex-17']);
    const notFound = store.list({ text: '404', limit: 100 }).entries;
    expect(notFound.length).toBeGreaterThan(0);
    expect(notFound.every((e) => e.status === 404)).toBe(true);
    // text the user types is never FTS syntax
    expect(() => store.list({ text: 'a" OR NEAR( * -', limit: 10 })).not.toThrow();
    const posts = store.list({ methods: ['POST'], limit: 100 }).entries;
    expect(posts.length).toBe(15);
    expect(posts.every((e) => e.method === 'POST')).toBe(true);
    const errors = store.list({ errorsOnly: true, limit: 100 }).entries;
    expect(errors.every((e) => (e.status ?? 0) >= 400)).toBe(true);
    const fives = store.list({ statusClasses: ['5xx'], endpointId: 'okta', limit: 100 }).entries;
    expect(fives.every((e) => e.status === 500 && e.endpointId === 'okta')).toBe(true);
    const range = store.list({ from: '2025-01-01T00:00:10Z', to: '2025-01-01T00:00:20Z', limit: 100 }).entries;
    expect(range.map((e) => e.exchangeId)).toEqual(Array.from({ length: 10 }, (_, k) => `ex-${19 - k}`));
    expect(() => store.list({ from: 'yesterday', limit: 1 })).toThrow(/from: "yesterday" is not a date/);
    await store.close();
  });

  it('deletes some and clears all', async () => {
    const { store } = openStore(tmp.dir);
    for (let i = 0; i < 10; i++) store.record(syntheticExchange(i));
    const ids = store.list({ limit: 10 }).entries.map((e) => e.id);
    expect(await store.delete(ids.slice(0, 3))).toBe(3);
    expect(store.stats().count).toBe(7);
    expect(store.list({ limit: 10 }).entries.map((e) => e.id)).toEqual(ids.slice(3));
    await store.clear();
    expect(store.stats().count).toBe(0);
    store.record(syntheticExchange(99));
    expect(store.list({ limit: 10 }).entries).toHaveLength(1);
    await store.close();
  });

  it('prunes by count, age and total size, oldest first', async () => {
    const { store, settings } = openStore(tmp.dir, { maxEntries: 1000 });
    for (let i = 0; i < 40; i++) store.record(syntheticExchange(i));
    store.flush();
    settings.maxEntries = 25;
    await store.prune();
    expect(store.stats().count).toBe(25);
    expect(store.list({ limit: 100 }).entries.at(-1)?.exchangeId).toBe('ex-15');

    const before = store.stats().bytes;
    settings.maxBytes = Math.floor(before / 2);
    await store.prune();
    expect(store.stats().bytes).toBeLessThanOrEqual(settings.maxBytes);
    expect(store.stats().count).toBeGreaterThan(10);

    settings.maxBytes = 1024 ** 3;
    const now = Date.now();
    store.record(syntheticExchange(1000, { startedAt: now }));
    settings.maxAgeDays = 1;
    await store.idle();
    await store.prune();
    expect(store.list({ limit: 100 }).entries.map((e) => e.exchangeId)).toEqual(['ex-1000']);
    await store.close();
  });
});
