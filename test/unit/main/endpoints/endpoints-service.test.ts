import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EndpointsService } from '../../../../src/main/services/endpoints/endpoints-service';
import { createHarness, failureOf, type Harness } from '../http/support/harness';

describe('endpoints service', () => {
  let h: Harness;
  const changes: unknown[] = [];

  beforeEach(async () => {
    h = await createHarness({ builtIns: () => [{ id: 'sandbox', name: 'Sandbox', baseUrl: 'http://127.0.0.1:1/scim/v2', token: 'sandbox-memory-token' }] });
    changes.length = 0;
    h.endpoints.onChange((c) => changes.push(c));
  });

  afterEach(async () => {
    await h.dispose();
  });

  const file = () => readFileSync(join(h.dir, 'endpoints.json'), 'utf8');

  it('lists the built-in Sandbox first, as the default, with its token set from memory', async () => {
    await h.addEndpoint({ name: 'Acme', baseUrl: 'https://acme.example/scim' });
    await h.addEndpoint({ name: 'alpha', baseUrl: 'https://alpha.example/scim' });
    const list = await h.endpoints.list();
    expect(list.endpoints.map((e) => e.name)).toEqual(['Sandbox', 'Acme', 'alpha']);
    expect(list.defaultId).toBe('sandbox');
    expect(list.endpoints[0]).toMatchObject({ builtIn: true, secrets: [{ field: 'token', set: true }] });
    expect(await h.endpoints.secret('sandbox', 'token')).toBe('sandbox-memory-token');
    expect(h.scrubber.scrub('sandbox-memory-token')).toBe('[REDACTED]');
    // the built-in endpoint is not written to the file, its token nowhere
    expect(existsSync(join(h.dir, 'endpoints.json')) ? file() : '').not.toContain('sandbox-memory-token');
  });

  it('refuses to edit or delete the Sandbox; a duplicate asks for its own token', async () => {
    expect(await failureOf(h.endpoints.update('sandbox', { name: 'Mine', baseUrl: 'http://x.example' }))).toMatchObject({ kind: 'conflict' });
    expect(await failureOf(h.endpoints.delete('sandbox'))).toMatchObject({ kind: 'conflict' });
    expect(await failureOf(h.endpoints.setSecret('sandbox', 'token', 'other'))).toMatchObject({ kind: 'conflict' });
    const copy = await h.endpoints.duplicate('sandbox');
    expect(copy.builtIn).toBeFalsy();
    expect(copy).toMatchObject({ name: 'Sandbox (copy)', baseUrl: 'http://127.0.0.1:1/scim/v2', secrets: [{ field: 'token', set: false }] });
    await h.endpoints.delete(copy.id);
  });

  it('keeps secret references in the file and values in the keychain', async () => {
    const id = await h.addEndpoint({ name: 'Basic', baseUrl: 'https://basic.example/scim', auth: { kind: 'basic', username: 'ana' } }, { password: 'file-canary-pw-123' });
    const saved = JSON.parse(file());
    expect(saved.version).toBe(1);
    expect(saved.endpoints[0].auth).toEqual({ kind: 'basic', username: 'ana', password: `${id}/password` });
    expect(file()).not.toContain('file-canary-pw-123');
    const view = await h.endpoints.get(id);
    expect(view.secrets).toEqual([{ field: 'password', label: 'Password', set: true }]);
    expect(JSON.stringify(view)).not.toContain('file-canary-pw-123');
    expect(changes).toContainEqual({ id, change: 'secrets' });

    await h.endpoints.clearSecret(id, 'password');
    expect((await h.endpoints.get(id)).secrets[0]?.set).toBe(false);
  });

  it('lists the secrets each kind of auth, client certificate and proxy needs', async () => {
    const id = await h.addEndpoint({
      name: 'All of it',
      baseUrl: 'https://all.example/scim',
      auth: { kind: 'oauth2-client-credentials', tokenUrl: 'https://login.example/token', clientId: 'c' },
      tls: { clientCert: { kind: 'pfx', pfxFile: '/tmp/c.pfx' } },
      proxy: { mode: 'manual', url: 'http://proxy.example:3128', username: 'u' },
    });
    expect((await h.endpoints.get(id)).secrets.map((s) => s.field)).toEqual(['clientSecret', 'passphrase', 'proxyPassword']);
  });

  it('updates settings and keeps the secrets; duplicates with secrets; deletes with secrets', async () => {
    const id = await h.addEndpoint({ name: 'Original', baseUrl: 'https://o.example/scim', auth: { kind: 'bearer' } }, { token: 'dup-token-abc' });
    const updated = await h.endpoints.update(id, { name: 'Renamed', baseUrl: 'https://o.example/scim/v2', auth: { kind: 'bearer' }, variables: { tenant: 'x' } });
    expect(updated).toMatchObject({ name: 'Renamed', variables: { tenant: 'x' }, secrets: [{ set: true }] });
    expect(updated.createdAt <= updated.updatedAt).toBe(true);

    const copy = await h.endpoints.duplicate(id, 'Copy');
    expect(copy.secrets).toEqual([{ field: 'token', label: 'Bearer token', set: true }]);
    expect(await h.endpoints.secret(copy.id, 'token')).toBe('dup-token-abc');

    expect(await h.endpoints.delete(copy.id)).toEqual({ id: copy.id, removedSecrets: 1 });
    expect(await h.vault.isSet(`${copy.id}/token`)).toBe(false);
    expect(await h.endpoints.secret(id, 'token')).toBe('dup-token-abc');
    expect(await failureOf(h.endpoints.get(copy.id))).toMatchObject({ kind: 'not-found' });
    expect(changes).toContainEqual({ id: copy.id, change: 'deleted' });
  });

  it('rejects bad input with what and where, and changes nothing', async () => {
    const before = (await h.endpoints.list()).endpoints.length;
    const bad = await failureOf(h.endpoints.create({ name: 'x', baseUrl: 'ftp://nope' }));
    expect(bad).toMatchObject({ kind: 'validation', issues: [{ path: 'baseUrl' }] });
    expect(bad.message).toMatch(/baseUrl: Base URL must be an absolute http/);
    const proxy = await failureOf(h.endpoints.create({ name: 'x', baseUrl: 'https://ok.example', proxy: { mode: 'manual' } }));
    expect(proxy).toMatchObject({ kind: 'validation', issues: [{ path: 'proxy.url' }] });
    expect((await h.endpoints.list()).endpoints.length).toBe(before);
  });

  it('sets a damaged file aside with a notice and keeps the readable endpoints of a partly damaged one', async () => {
    const id = await h.addEndpoint({ name: 'Survivor', baseUrl: 'https://survivor.example/scim' });
    const saved = JSON.parse(file());
    saved.endpoints.push({ ...saved.endpoints[0], id: 'broken', name: 'Broken one', baseUrl: 42 });
    writeFileSync(join(h.dir, 'endpoints.json'), JSON.stringify(saved));
    const reread = new EndpointsService({ path: join(h.dir, 'endpoints.json'), vault: h.vault, scrubber: h.scrubber, log: h.log });
    const notice = await reread.load();
    expect(notice).toContain('"Broken one"');
    expect((await reread.list()).endpoints.map((e) => e.id)).toEqual([id]);
    expect(readdirSync(h.dir).some((f) => f.startsWith('endpoints.json.partial-'))).toBe(true);

    writeFileSync(join(h.dir, 'endpoints.json'), '{ not json');
    const broken = new EndpointsService({ path: join(h.dir, 'endpoints.json'), vault: h.vault, scrubber: h.scrubber, log: h.log });
    expect(await broken.load()).toMatch(/not valid JSON.*kept as/);
    expect(readdirSync(h.dir).some((f) => f.startsWith('endpoints.json.broken-'))).toBe(true);

    writeFileSync(join(h.dir, 'endpoints.json'), JSON.stringify({ version: 99, endpoints: [] }));
    const newer = new EndpointsService({ path: join(h.dir, 'endpoints.json'), vault: h.vault, scrubber: h.scrubber, log: h.log });
    expect(await newer.load()).toMatch(/newer SCIM Inspector/);
  });
});
