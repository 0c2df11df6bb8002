import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AsyncEntry } from '@napi-rs/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Discovery } from '@shared/api/commands/discovery';
import type { EndpointList } from '@shared/api/commands/endpoints';
import type { HttpExchange } from '@shared/model/exchange';
import type { EndpointView } from '@shared/model/endpoint';
import { compose, type AppCore } from '../../../../src/main/compose';
import { KEYCHAIN_SERVICE } from '../../../../src/main/services/vault/keyring-store';
import { tempDir } from '../../../support/temp-dir';

describe('the built-in Sandbox endpoint', () => {
  const dir = tempDir();
  let core: AppCore;

  beforeAll(async () => {
    core = await compose({ host: 'web', dataDir: dir.path, sandbox: { users: 5 } });
  });

  afterAll(async () => {
    await core.dispose();
    dir.cleanup();
  });

  const call = async <T>(command: string, payload: unknown): Promise<T> => {
    const result = await core.router.dispatch(command, payload, { origin: 'test' });
    if (!result.ok) throw new Error(`${command}: ${result.error.message}`);
    return result.value as T;
  };

  it('comes first, is the default, and is answered with its in-memory token', async () => {
    const list = await call<EndpointList>('endpoints.list', {});
    expect(list.endpoints[0]).toMatchObject({ id: 'sandbox', name: 'Sandbox', builtIn: true, baseUrl: core.sandbox!.baseUrl, secrets: [{ field: 'token', set: true }] });
    expect(list.defaultId).toBe('sandbox');

    const exchange = await call<HttpExchange>('http.send', { requestId: 'sbx', spec: { endpointId: 'sandbox', method: 'GET', path: '/Users?count=2' } });
    expect(exchange.response?.status).toBe(200);
    expect(JSON.parse(exchange.response!.body.preview).totalResults).toBe(5);

    const discovery = await call<Discovery>('discovery.get', { endpointId: 'sandbox' });
    expect(discovery.usesCoreSchemas).toBe(false);
    expect(discovery.resourceTypes.resources?.length).toBeGreaterThanOrEqual(2);

    // the token lives in memory only: not in the keychain, not in a file
    expect(await new AsyncEntry(KEYCHAIN_SERVICE, 'builtin:sandbox/token', { linux: { store: 'secret-service' } }).getPassword()).toBeNull();
    const file = join(dir.path, 'endpoints.json');
    if (existsSync(file)) expect(readFileSync(file, 'utf8')).not.toContain(core.sandbox!.token);
  });

  it('cannot be edited or deleted; a copy asks for its own token', async () => {
    const refused = await core.router.dispatch('endpoints.delete', { id: 'sandbox' }, { origin: 'test' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const copy = await call<EndpointView>('endpoints.duplicate', { id: 'sandbox' });
    expect(copy).toMatchObject({ name: 'Sandbox (copy)', secrets: [{ field: 'token', set: false }] });
    const unsent = await core.router.dispatch('http.send', { requestId: 'copy', spec: { endpointId: copy.id, method: 'GET', path: '/Users' } }, { origin: 'test' });
    expect(unsent).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringMatching(/no bearer token set/) } });
    await call('endpoints.delete', { id: copy.id });
  });
});
