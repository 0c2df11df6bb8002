import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compose, type AppCore } from '../../../../src/main/compose';
import type { AnyEvent } from '../../../../src/main/services/events/event-bus';

const ctx = { origin: 'test' };

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the sandbox in the composition root', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const start = async (options: Parameters<typeof compose>[0]['sandbox']): Promise<{ core: AppCore; dir: string }> => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-sandbox-'));
    const core = await compose({ host: 'web', dataDir: dir, sandbox: options });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanups.push(() => core.dispose());
    return { core, dir };
  };

  it('starts the sandbox on 127.0.0.1, exposes baseUrl and token to main only, and scrubs the token', async () => {
    const { core, dir } = await start({ users: 7 });
    expect(core.sandbox?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    const token = core.sandbox!.token;
    const res = await fetch(`${core.sandbox!.baseUrl}/Users?count=0`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await res.json()) as { totalResults: number }).totalResults).toBe(7);
    expect(core.scrubber.scrub(`Bearer ${token}`)).not.toContain(token);

    const status = await core.router.dispatch('sandbox.status', {}, ctx);
    expect(status).toEqual({
      ok: true,
      value: { running: true, baseUrl: core.sandbox!.baseUrl, userCount: 7, groupCount: 8, lenient: false, faults: { latencyMs: 0, failNext: null, dropNext: 0 }, defects: [] },
    });
    expect(JSON.stringify(status)).not.toContain(token);
    expect(JSON.stringify(core.info())).not.toContain(token);
    await core.dispose();
    cleanups.pop();
    for (const file of filesUnder(dir)) expect(readFileSync(file, 'utf8'), file).not.toContain(token);
  });

  it('configures lenient mode and faults, and resets to the seed, through commands with events', async () => {
    const { core } = await start({ users: 3 });
    const events: AnyEvent[] = [];
    core.events.subscribe((e) => events.push(e));
    const configured = await core.router.dispatch('sandbox.configure', { lenient: true, faults: { failNext: { status: 500, count: 1 }, latencyMs: 5 } }, ctx);
    expect(configured).toMatchObject({ ok: true, value: { lenient: true, faults: { latencyMs: 5, failNext: { status: 500, count: 1 }, dropNext: 0 } } });
    const auth = { authorization: `Bearer ${core.sandbox!.token}` };
    expect((await fetch(`${core.sandbox!.baseUrl}/Users`, { headers: auth })).status).toBe(500);
    await core.router.dispatch('sandbox.configure', { faults: { latencyMs: 0 } }, ctx);

    const created = await fetch(`${core.sandbox!.baseUrl}/Users`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'temp.user' }),
    });
    expect(created.status).toBe(201);
    const reset = await core.router.dispatch('sandbox.reset', {}, ctx);
    expect(reset).toMatchObject({ ok: true, value: { userCount: 3 } });
    await new Promise((r) => setTimeout(r, 300));
    const changed = events.filter((e) => e.name === 'sandbox.changed');
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.at(-1)!.payload).toMatchObject({ userCount: 3, lenient: true });
    const bad = await core.router.dispatch('sandbox.configure', { faults: { failNext: { status: 200, count: 1 } } }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('stays off with sandbox: false, or when the host lacks the capability', async () => {
    const { core } = await start(false);
    expect(core.sandbox).toBeUndefined();
    expect(await core.router.dispatch('sandbox.status', {}, ctx)).toMatchObject({ ok: true, value: { running: false, baseUrl: null } });
    expect(await core.router.dispatch('sandbox.reset', {}, ctx)).toMatchObject({ ok: false, error: { kind: 'unsupported' } });
    const dir = mkdtempSync(join(tmpdir(), 'compose-nocap-'));
    const other = await compose({ host: 'web', dataDir: dir, capabilities: { sandbox: false } });
    try {
      expect(other.sandbox).toBeUndefined();
    } finally {
      await other.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a sandbox that cannot start as a notice, and the app still starts', async () => {
    const { core: first } = await start({ users: 0 });
    const port = Number(new URL(first.sandbox!.baseUrl).port);
    const { core } = await start({ users: 0, port });
    expect(core.sandbox).toBeUndefined();
    expect(core.notices.join('\n')).toMatch(/sandbox SCIM server could not start/);
  });
});
