import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, RunResult } from '@shared/model/collection';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { compose, type AppCore } from '../../../../src/main/compose';
import { CollectionSecrets, collectionSecretRef } from '../../../../src/main/services/collections/collection-secrets';
import { createMemoryLogger } from '../../../../src/main/services/log/logger';
import type { SecretStore } from '../../../../src/main/services/vault/secret-store';
import { Vault } from '../../../../src/main/services/vault/vault';
import { startEchoServer, type EchoServer } from '../../../support/echo-server';
import { collectionsIn } from './helpers';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.imported-bearer-7c1d';
const ACCESS = 'url-access-token-5b9e02a4';
const PASSWORD = 'Body-Passw0rd-3f81';

/** Every file under `dir`, as text. */
function files(dir: string): { path: string; text: string }[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path).toString('latin1') }));
}

describe('credentials found on import or typed into a saved request go to the keychain as secret variables', () => {
  let core: AppCore;
  let dir: string;
  let server: EchoServer;
  let endpointId: string;
  const call = async <T>(command: string, payload: unknown): Promise<T> => {
    const answer = (await core.router.dispatch(command as never, payload as never, { origin: 'test' })) as { ok: boolean; value?: T; error?: { message: string } };
    if (!answer.ok) throw new Error(answer.error!.message);
    return answer.value!;
  };

  beforeAll(async () => {
    server = await startEchoServer();
    dir = mkdtempSync(join(tmpdir(), 'credential-import-'));
    core = await compose({ host: 'web', dataDir: dir, sandbox: false });
    endpointId = (await call<{ id: string }>('endpoints.create', { endpoint: { name: 'Echo', baseUrl: `${server.url}/scim`, auth: { kind: 'none' } } })).id;
  });
  afterAll(async () => {
    await core.dispose();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('curl: a bearer header, an access_token in the URL and a password in the body become {{variables}}; the run sends the real values; no file holds them', async () => {
    const imported = await call<{ collectionId: string; itemIds: string[]; warnings: string[]; secrets: { variable: string; where: string }[] }>('exchange.import', {
      format: 'curl',
      text: `curl -X POST 'https://scim.example.com/scim/v2/Users?access_token=${ACCESS}' -H 'Authorization: Bearer ${TOKEN}' -H 'Content-Type: application/scim+json' --data-raw '{"userName":"ingrid","password":"${PASSWORD}"}'`,
      baseUrl: 'https://scim.example.com/scim/v2',
      target: { kind: 'new', name: 'Moved' },
    });
    expect(imported.secrets).toEqual([
      { variable: 'authorization', where: 'the Authorization header of the curl command' },
      { variable: 'access_token', where: 'the access_token URL parameter of "POST /Users"' },
      { variable: 'password', where: 'the password member in the body of "POST /Users"' },
    ]);
    expect(imported.warnings).toContain('the Authorization header of the curl command: moved into the OS keychain as the collection variable {{authorization}}; the file keeps {{authorization}}.');
    const collection = await call<Collection>('collections.get', { collectionId: imported.collectionId });
    expect(collection.secrets).toEqual(['access_token', 'authorization', 'password']);
    expect(collection.variables).toEqual({});
    const request = collection.items.find((i) => i.kind === 'request')!.request!;
    expect(request.path).toBe('/Users?access_token={{access_token}}');
    expect(request.headers).toContainEqual({ name: 'Authorization', value: 'Bearer {{authorization}}', enabled: false });
    expect(JSON.parse(request.body!)).toEqual({ userName: 'ingrid', password: '{{password}}' });
    // the values are in the keychain, under the collection
    expect(await core.vault.get(collectionSecretRef(collection.id, 'authorization'))).toBe(TOKEN);
    expect(await core.vault.get(collectionSecretRef(collection.id, 'password'))).toBe(PASSWORD);
    expect(await call('collections.secrets', { collectionId: collection.id })).toEqual({
      secrets: [
        { name: 'access_token', set: true },
        { name: 'authorization', set: true },
        { name: 'password', set: true },
      ],
    });

    // a run fills them in from the keychain: the server gets the real ones
    const run = await call<RunResult>('collections.run', { collectionId: collection.id, endpointId });
    expect(run.steps[0]!.status).toBe(200);
    const seen = server.seen.at(-1)!;
    expect(seen.url).toBe(`/scim/Users?access_token=${ACCESS}`);
    expect(JSON.parse(seen.body)).toEqual({ userName: 'ingrid', password: PASSWORD });
    // the header stays off: auth comes from the endpoint unless it is turned on
    expect(seen.headers.authorization).toBeUndefined();
    // what the renderer gets shows none of them
    expect(run.steps[0]!.path).toBe('/Users?access_token={{access_token}}');
    expect(Object.keys(run.variables)).not.toContain('password');
    expect(JSON.stringify(run)).not.toMatch(new RegExp(`${ACCESS}|${PASSWORD}|${TOKEN}`));
    core.history.flush();
    for (const file of files(dir)) expect(file.text, file.path).not.toMatch(new RegExp(`${ACCESS}|${PASSWORD}|imported-bearer-7c1d`));
  });

  it('HAR and Postman: the same token in every entry is one variable; a variable named like a credential becomes a secret one', async () => {
    const entry = (path: string) => ({
      startedDateTime: '2025-01-01T00:00:00Z',
      time: 1,
      request: { method: 'GET', url: `https://h/scim/v2${path}`, httpVersion: 'HTTP/1.1', cookies: [], headers: [{ name: 'Authorization', value: `Bearer ${TOKEN}` }], queryString: [], headersSize: -1, bodySize: 0 },
      response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers: [], content: { size: 0, mimeType: 'application/scim+json' }, redirectURL: '', headersSize: -1, bodySize: 0 },
      cache: {},
      timings: { send: 0, wait: 1, receive: 0 },
    });
    const har = await call<{ collectionId: string; secrets: { variable: string }[] }>('exchange.import', {
      format: 'har',
      text: JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [entry('/Users'), entry('/Groups')] } }),
      baseUrl: 'https://h/scim/v2',
      target: { kind: 'new', name: 'From HAR' },
    });
    expect(har.secrets.map((s) => s.variable)).toEqual(['authorization', 'authorization']);
    expect((await call<Collection>('collections.get', { collectionId: har.collectionId })).secrets).toEqual(['authorization']);

    const postman = {
      info: { name: 'PM', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      variable: [
        { key: 'baseUrl', value: 'https://h/scim/v2' },
        { key: 'client_secret', value: 'pm-client-secret-91c2' },
      ],
      item: [{ name: 'Users', request: { method: 'GET', url: '{{baseUrl}}/Users', header: [{ key: 'X-API-Key', value: 'pm-api-key-0d7e44' }] } }],
    };
    const imported = await call<{ collectionId: string; secrets: { variable: string; where: string }[] }>('exchange.import', { format: 'postman', text: JSON.stringify(postman), target: { kind: 'new' } });
    expect(imported.secrets).toEqual([
      { variable: 'x-api-key', where: 'the X-API-Key header of "Users"' },
      { variable: 'client_secret', where: 'the collection variable client_secret' },
    ]);
    const collection = await call<Collection>('collections.get', { collectionId: imported.collectionId });
    expect(collection.variables).toEqual({ baseUrl: 'https://h/scim/v2' });
    expect(collection.secrets).toEqual(['client_secret', 'x-api-key']);
    expect(readFileSync(join(collection.folder, 'collection.json'), 'utf8')).not.toContain('pm-client-secret-91c2');
  });

  it('saving a request with a credential typed in moves it the same way, and says so', async () => {
    const c = await call<Collection>('collections.create', { name: 'Typed' });
    const saved = await call<{ itemId: string; warnings: string[] }>('collections.saveRequest', {
      collectionId: c.id,
      parentId: '',
      request: {
        name: 'Set password',
        method: 'PATCH',
        path: '/Users/1',
        headers: [{ name: 'Authorization', value: `Bearer ${TOKEN}`, enabled: true }],
        body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'password', value: PASSWORD }] }),
      },
    });
    expect(saved.warnings).toEqual([
      'the Authorization header of "Set password": moved into the OS keychain as the collection variable {{authorization}}; the file keeps {{authorization}}.',
      'the password member in the body of "Set password": moved into the OS keychain as the collection variable {{password}}; the file keeps {{password}}.',
    ]);
    const text = readFileSync(join(c.folder, saved.itemId), 'utf8');
    expect(JSON.parse(text).body.Operations[0].value).toBe('{{password}}');
    expect(JSON.parse(text).headers).toEqual([{ name: 'Authorization', value: 'Bearer {{authorization}}', enabled: true }]);
    expect(text).not.toContain(PASSWORD);
    // typed again, the same value: the variable it has already
    const again = await call<{ warnings: string[] }>('collections.saveRequest', { collectionId: c.id, parentId: '', request: { name: 'Again', method: 'GET', path: `/Users?password=${PASSWORD}` } });
    expect(again.warnings).toEqual(['the password URL parameter of "Again": moved into the OS keychain as the collection variable {{password}}; the file keeps {{password}}.']);
    // replaced and removed by the user
    await call('collections.setSecret', { collectionId: c.id, name: 'password', value: 'Another-Passw0rd-77' });
    expect(await core.vault.get(collectionSecretRef(c.id, 'password'))).toBe('Another-Passw0rd-77');
    expect(await call('collections.setSecret', { collectionId: c.id, name: 'authorization', value: '' })).toEqual({ secrets: [{ name: 'password', set: true }] });
  });

  it('without a usable keychain the credentials are replaced by [REDACTED], and the answer says why', async () => {
    const broken: SecretStore = {
      kind: 'keychain',
      probe: () => Promise.reject(new Error('org.freedesktop.DBus.Error.ServiceUnknown')),
      get: () => Promise.reject(new Error('no keychain')),
      set: () => Promise.reject(new Error('no keychain')),
      delete: () => Promise.reject(new Error('no keychain')),
    };
    const scrubber = new SecretScrubber();
    const vault = new Vault({ keychain: broken, scrubber, log: createMemoryLogger() });
    const tmp = mkdtempSync(join(tmpdir(), 'no-keychain-'));
    const { service } = collectionsIn(tmp, { scrubber, secrets: new CollectionSecrets(vault) });
    await service.init();
    const c = await service.create({ name: 'No keychain' });
    const saved = await service.saveRequest(c.id, { request: { name: 'Get', method: 'GET', path: `/Users?access_token=${ACCESS}` } });
    expect(saved.warnings[0]).toMatch(/1 credential\(s\) were replaced by \[REDACTED\]: the OS keychain cannot be used/);
    expect(readFileSync(join(c.folder, saved.itemId), 'utf8')).toContain('"path": "/Users?access_token=[REDACTED]"');
    rmSync(tmp, { recursive: true, force: true });
  });
});
