import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName, RequestInput, ResponseOf } from '@shared/api/contract';
import { contract } from '@shared/api/contract';
import type { WireResult } from '@shared/api/wire';
import { compose, type AppCore } from '../../../../src/main/compose';

/**
 * Issue 12, item 2: a Basic endpoint whose password is `password` (scimgateway's default) made the
 * scrubber replace that word everywhere in outgoing JSON, keys included: `endpoints.list` came back
 * with "[REDACTED]" field names and no endpoint loaded any more; clearing the secret did not help.
 */
describe('a common word as a secret', () => {
  let dir: string;
  let core: AppCore;
  const answers: { command: string; result: WireResult }[] = [];

  async function call<K extends CommandName>(command: K, payload: RequestInput<K>): Promise<ResponseOf<K>> {
    const result = await core.router.dispatch(command, payload, { origin: 'test' });
    answers.push({ command, result });
    if (!result.ok) throw new Error(`${command}: ${result.error.message}`);
    // what the renderer does with an answer: parse it with the contract's schema
    const parsed = contract[command].response.safeParse(result.value);
    if (!parsed.success) throw new Error(`${command} answer does not parse: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    return result.value as ResponseOf<K>;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scim-weak-'));
    core = await compose({ host: 'web', dataDir: dir, sandbox: { users: 3 } });
  });

  afterAll(async () => {
    await core.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves every answer whole: keys, structure and the values that merely contain the word', async () => {
    const created = await call('endpoints.create', { endpoint: { name: 'scimgateway', baseUrl: 'http://127.0.0.1:9/scim', auth: { kind: 'basic', username: 'gwadmin' } } });
    const set = await call('endpoints.setSecret', { endpointId: created.id, field: 'password', value: 'password' });
    expect(set.secrets).toMatchObject([{ field: 'password', set: true }]);

    const list = await call('endpoints.list', {});
    expect(list.endpoints.map((e) => e.name)).toEqual(['Sandbox', 'scimgateway']);
    expect(list.endpoints[1]!.auth).toEqual({ kind: 'basic', username: 'gwadmin', password: `${created.id}/password` });
    expect(list.endpoints[1]!.secrets).toMatchObject([{ field: 'password', label: 'Password', set: true }]);

    // the Sandbox's schemas have an attribute named "password": discovery shows it as it is
    const discovery = await call('discovery.get', { endpointId: 'sandbox' });
    const user = discovery.schemas.resources?.find((s) => (s as { id: string }).id === 'urn:ietf:params:scim:schemas:core:2.0:User') as { attributes: { name: string }[] };
    expect(user.attributes.map((a) => a.name)).toContain('password');
    expect(JSON.stringify(answers.map((a) => a.result))).not.toContain('[REDACTED]');
  });

  it('says when it is set that such a secret is weak, and not for a strong one', async () => {
    const created = await call('endpoints.create', { endpoint: { name: 'warned', baseUrl: 'http://127.0.0.1:9/scim', auth: { kind: 'basic', username: 'u' } } });
    const weak = await call('endpoints.setSecret', { endpointId: created.id, field: 'password', value: 'password' });
    expect(weak.secrets[0]!.warning).toMatch(/common/i);
    const short = await call('endpoints.setSecret', { endpointId: created.id, field: 'password', value: 'Xq7#p' });
    expect(short.secrets[0]!.warning).toMatch(/shorter than 8/i);
    const strong = await call('endpoints.setSecret', { endpointId: created.id, field: 'password', value: `strong-${randomUUID()}` });
    expect(strong.secrets[0]!.warning).toBeUndefined();
  });

  it('forgets a secret value once it is cleared or replaced, unless another entry still holds it', async () => {
    const first = `first-${randomUUID()}`;
    const second = `second-${randomUUID()}`;
    const a = await call('endpoints.create', { endpoint: { name: 'A', baseUrl: 'http://127.0.0.1:9/scim', auth: { kind: 'bearer' } } });
    await call('endpoints.setSecret', { endpointId: a.id, field: 'token', value: first });
    expect(core.scrubber.scrub(`x ${first} y`)).toBe('x [REDACTED] y');

    await call('endpoints.setSecret', { endpointId: a.id, field: 'token', value: second });
    expect(core.scrubber.scrub(`x ${first} y`)).toBe(`x ${first} y`);
    expect(core.scrubber.scrub(`x ${second} y`)).toBe('x [REDACTED] y');

    // a copy holds the same value: clearing it on one endpoint keeps it known
    const copy = await call('endpoints.duplicate', { id: a.id });
    await call('endpoints.clearSecret', { endpointId: a.id, field: 'token' });
    expect(core.scrubber.scrub(`x ${second} y`)).toBe('x [REDACTED] y');
    await call('endpoints.delete', { id: copy.id });
    expect(core.scrubber.scrub(`x ${second} y`)).toBe(`x ${second} y`);
  });
});
