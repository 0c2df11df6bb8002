import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newUser, patchOp, startTestSandbox, type Json } from './helpers';

describe('sandbox persistence (--persist)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-persist-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps data, versions and passwords (hashed) across restarts, and never writes the token', async () => {
    const dir = tempDir();
    const first = await startTestSandbox({ users: 5, persistDir: dir, token: 'canary-token-1234' });
    const created = (await first.call('POST', '/Users', newUser('persisted.user', { password: 'Plain-Text-Pw' }))).body;
    const group = (await first.get('/Groups?count=1')).body.Resources[0] as Json;
    await first.call('PATCH', `/Groups/${group.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: created.id }] }));
    const before = (await first.get(`/Users/${created.id}`)).body;
    await first.close();

    const file = readFileSync(join(dir, 'store.json'), 'utf8');
    expect(file).not.toContain('canary-token-1234');
    expect(file).not.toContain('Plain-Text-Pw');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const second = await startTestSandbox({ persistDir: dir });
    try {
      const after = await second.get(`/Users/${created.id}`);
      expect(after.status).toBe(200);
      expect({ ...after.body, meta: { ...after.body.meta, location: '' } }).toEqual({
        ...before,
        groups: before.groups.map((g: Json) => ({ ...g, $ref: g.$ref.replace(first.sandbox.baseUrl, second.sandbox.baseUrl) })),
        meta: { ...before.meta, location: '' },
      });
      expect(after.body.meta.location).toBe(`${second.sandbox.baseUrl}/Users/${created.id}`);
      expect((await second.get('/Users?count=0')).body.totalResults).toBe(6);
      const basic = `Basic ${Buffer.from('persisted.user:Plain-Text-Pw').toString('base64')}`;
      expect((await fetch(`${second.sandbox.baseUrl}/Me`, { headers: { authorization: basic } })).status).toBe(200);
      // a new write gets a version never used before
      const patched = await second.call('PATCH', `/Users/${created.id}`, patchOp({ op: 'replace', path: 'title', value: 'new' }));
      expect(patched.body.meta.version).not.toBe(before.meta.version);
    } finally {
      await second.close();
    }
  });

  it('moves a damaged data file aside, says so, and starts from the seed', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'store.json'), '{"seq": 1, "revision": 1, "users": "oops"');
    const t = await startTestSandbox({ users: 4, persistDir: dir });
    try {
      expect(t.sandbox.notice).toMatch(/could not be read/);
      expect((await t.get('/Users?count=0')).body.totalResults).toBe(4);
      expect(readdirSync(dir).some((f) => f.startsWith('store.json.damaged-'))).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('sets aside a file that parses but does not hold together (a group that contains itself)', async () => {
    const dir = tempDir();
    const group = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: 'g1', displayName: 'Loop', members: [{ value: 'g1' }], meta: { created: '2024-01-01T00:00:00Z' } };
    writeFileSync(join(dir, 'store.json'), JSON.stringify({ seq: 1, revision: 1, users: [], groups: [{ seq: 1, revision: 1, resource: group }] }));
    const t = await startTestSandbox({ users: 2, persistDir: dir });
    try {
      expect(t.sandbox.notice).toMatch(/moved to .*damaged/);
      expect(t.sandbox.status()).toMatchObject({ userCount: 2, groupCount: 8 });
    } finally {
      await t.close();
    }
  });

  it('reset goes back to the seed and is persisted', async () => {
    const dir = tempDir();
    const t = await startTestSandbox({ users: 3, persistDir: dir });
    const seeded = (await t.get('/Users')).body.Resources.map((u: Json) => u.id);
    await t.call('POST', '/Users', newUser('temporary'));
    await t.call('DELETE', `/Users/${seeded[0]}`);
    const status = await t.sandbox.reset();
    expect(status).toMatchObject({ userCount: 3, groupCount: 8 });
    expect((await t.get('/Users')).body.Resources.map((u: Json) => u.id)).toEqual(seeded);
    await t.close();
    const again = await startTestSandbox({ persistDir: dir });
    try {
      expect((await again.get('/Users')).body.Resources.map((u: Json) => u.id)).toEqual(seeded);
    } finally {
      await again.close();
    }
  });
});
