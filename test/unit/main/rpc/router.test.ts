import { describe, expect, it } from 'vitest';
import { commandNames } from '@shared/api/contract';
import { fail } from '@shared/api/errors';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { createRouter, type Handlers } from '../../../../src/main/rpc/router';
import { createMemoryLogger } from '../../../../src/main/services/log/logger';
import { compose } from '../../../../src/main/compose';
import { tempDir } from '../../../support/temp-dir';

async function composedRouter() {
  const dir = tempDir();
  const core = await compose({ host: 'web', dataDir: dir.path, sandbox: false } as Parameters<typeof compose>[0]);
  return { core, dispose: async () => (await core.dispose(), dir.cleanup()) };
}

describe('the router', () => {
  it('rejects a request that fails its schema with a validation error naming the field', async () => {
    const { core, dispose } = await composedRouter();
    const result = await core.router.dispatch('blobs.read', { id: 42 }, { origin: 'test' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('validation');
    expect(result.error.message).toContain('id');
    expect(result.error.kind === 'validation' && result.error.issues[0]?.path).toBe('id');
    await dispose();
  });

  it('names nested fields with their full path', async () => {
    const { core, dispose } = await composedRouter();
    const result = await core.router.dispatch('settings.update', { http: { bodyCapBytes: 'big' } }, { origin: 'test' });
    expect(!result.ok && result.error.kind === 'validation' && result.error.issues[0]?.path).toBe('http.bodyCapBytes');
    await dispose();
  });

  it('answers an unknown command with not-found', async () => {
    const { core, dispose } = await composedRouter();
    const result = await core.router.dispatch('no.such.command', {}, { origin: 'test' });
    expect(!result.ok && result.error).toMatchObject({ kind: 'not-found', what: 'command' });
    await dispose();
  });

  it('answers app.info through the composed app', async () => {
    const { core, dispose } = await composedRouter();
    const result = await core.router.dispatch('app.info', {}, { origin: 'test' });
    expect(result.ok && result.value).toMatchObject({ name: 'SCIM Inspector', host: 'web' });
    await dispose();
  });

  describe('error mapping', () => {
    const log = createMemoryLogger();
    const scrubber = new SecretScrubber();
    scrubber.add('canary-secret-0123456789');
    const base = {} as Handlers;
    const handlersWith = (handler: () => unknown): Handlers =>
      Object.fromEntries(commandNames.map((name) => [name, name === 'app.info' ? handler : base[name]])) as unknown as Handlers;

    it('passes a typed failure through as it is', async () => {
      const router = createRouter(handlersWith(() => Promise.reject(fail('storage', 'Disk full', { path: '/x' }))), { log, scrub: (t) => scrubber.scrub(t) });
      const result = await router.dispatch('app.info', {}, { origin: 'test' });
      expect(!result.ok && result.error).toEqual({ kind: 'storage', message: 'Disk full', path: '/x' });
    });

    it('turns an unexpected throw into internal with a reference, and never leaks its stack', async () => {
      const router = createRouter(
        handlersWith(() => {
          throw new TypeError('cannot read properties of undefined at /home/me/src/secret/path.ts:12');
        }),
        { log, scrub: (t) => scrubber.scrub(t) },
      );
      const result = await router.dispatch('app.info', {}, { origin: 'test' });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.kind).toBe('internal');
      expect(JSON.stringify(result.error)).not.toMatch(/path\.ts|TypeError|at \//);
      const ref = result.error.kind === 'internal' ? result.error.ref : undefined;
      expect(ref).toMatch(/^[0-9a-f]{8}$/);
      expect(log.lines.some((line) => line.includes(ref!) && line.includes('TypeError'))).toBe(true);
    });

    it('scrubs a secret value out of an error message and out of an answer', async () => {
      const leaky = createRouter(handlersWith(() => Promise.reject(fail('http', 'server said: bad token canary-secret-0123456789', { status: 401 }))), { log, scrub: (t) => scrubber.scrub(t) });
      const failed = await leaky.dispatch('app.info', {}, { origin: 'test' });
      expect(JSON.stringify(failed)).not.toContain('canary-secret-0123456789');
      expect(JSON.stringify(failed)).toContain('[REDACTED]');
    });

    it('replaces secrets in string values only, never in keys or structure (a secret spelled like a field name)', async () => {
      const answer = { name: 'password', version: '1', host: 'web', note: 'the password is password', nested: { password: ['password'] } };
      const { scrubValue } = await import('../../../../src/main/rpc/router');
      const clean = scrubValue(answer, (t) => t.replaceAll('password', '[REDACTED]'));
      expect(clean).toEqual({ name: '[REDACTED]', version: '1', host: 'web', note: 'the [REDACTED] is [REDACTED]', nested: { password: ['[REDACTED]'] } });
      // the input is not changed in place, and a part without a secret is handed back as it is
      expect(answer.nested.password).toEqual(['password']);
      const untouched = { a: { b: 'x' } };
      expect(scrubValue(untouched, (t) => t.replaceAll('password', '[REDACTED]'))).toBe(untouched);
    });

    it('refuses an answer that does not match the contract', async () => {
      const router = createRouter(handlersWith(() => ({ name: 'x' })), { log, scrub: (t) => t });
      const result = await router.dispatch('app.info', {}, { origin: 'test' });
      expect(!result.ok && result.error.kind).toBe('internal');
    });
  });
});
