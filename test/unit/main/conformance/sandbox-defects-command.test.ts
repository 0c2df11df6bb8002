import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type AppCore } from '../../../../src/main/compose';
import { tempDir } from '../../../support/temp-dir';

describe('sandbox.configure plants defects in the embedded sandbox (what the Conformance e2e uses)', () => {
  const dir = tempDir();
  let core: AppCore;
  const ctx = { origin: 'test' };

  beforeAll(async () => {
    core = await compose({ host: 'web', dataDir: dir.path, sandbox: { users: 3 } });
  });
  afterAll(async () => {
    await core.dispose();
    dir.cleanup();
  });

  const contentType = async () => {
    const answer = await fetch(`${core.sandbox!.baseUrl}/ServiceProviderConfig`, { headers: { authorization: `Bearer ${core.sandbox!.token}` } });
    await answer.text();
    return answer.headers.get('content-type');
  };

  it('switches defects on and off, and the status lists them', async () => {
    expect(await core.router.dispatch('sandbox.status', {}, ctx)).toMatchObject({ ok: true, value: { defects: [] } });
    expect(await core.router.dispatch('sandbox.configure', { defects: ['json-content-type', 'no-location'] }, ctx)).toMatchObject({ ok: true, value: { defects: ['json-content-type', 'no-location'] } });
    expect(await contentType()).toBe('application/json');
    expect(await core.router.dispatch('sandbox.configure', { defects: [] }, ctx)).toMatchObject({ ok: true, value: { defects: [] } });
    expect(await contentType()).toMatch(/^application\/scim\+json/);
  });

  it('refuses an unknown defect by name, listing the known ones, and changes nothing', async () => {
    await core.router.dispatch('sandbox.configure', { defects: ['no-etag'] }, ctx);
    const answer = await core.router.dispatch('sandbox.configure', { defects: ['no-etag', 'slow-everything'] }, ctx);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringMatching(/Unknown sandbox defect slow-everything; known: .*json-content-type/) } });
    expect(await core.router.dispatch('sandbox.status', {}, ctx)).toMatchObject({ ok: true, value: { defects: ['no-etag'] } });
  });
});
