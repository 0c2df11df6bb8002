import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsyncEntry } from '@napi-rs/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointList } from '@shared/api/commands/endpoints';
import type { HttpExchange } from '@shared/model/exchange';
import { KEYCHAIN_SERVICE } from '../../../../src/main/services/vault/keyring-store';
import { lastJson, runTs } from '../../../support/run-ts';
import { startHttpServer, type TestServer } from '../http/support/servers';

const CHILD = join(import.meta.dirname, 'support', 'app.child.ts');

describe('a secret set through the app', () => {
  const token = `restart-${randomUUID()}`;
  let dir: string;
  let server: TestServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scim-restart-'));
    server = await startHttpServer((req, res) => {
      const ok = req.headers.authorization === `Bearer ${token}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/scim+json' }).end(JSON.stringify({ ok }));
    });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** one run of the app in its own process: the commands in order, their answers */
  const app = async (...commands: string[][]) => {
    const result = await runTs(CHILD, [dir, JSON.stringify(commands)]);
    if (result.code !== 0) throw new Error(`app child failed: ${result.stderr}`);
    return lastJson<unknown[]>(result);
  };

  it('survives a restart of the host process, and is gone once the endpoint is deleted', async () => {
    const [created] = await app(['create', `${server.url}/scim`, token]);
    const { id } = created as { id: string };
    const entry = new AsyncEntry(KEYCHAIN_SERVICE, `${id}/token`, { linux: { store: 'secret-service' } });
    expect(await entry.getPassword()).toBe(token);
    // the endpoint file holds a reference, not the value
    const file = readFileSync(join(dir, 'endpoints.json'), 'utf8');
    expect(file).toContain(`"token": "${id}/token"`);
    expect(file).not.toContain(token);

    // a new process over the same data directory: the secret is set and is sent; then delete
    const [list, exchange, deleted, after] = (await app(['list'], ['send', id], ['delete', id], ['list'])) as [EndpointList, HttpExchange, unknown, EndpointList];
    expect(list.endpoints.find((e) => e.id === id)?.secrets).toEqual([{ field: 'token', label: 'Bearer token', set: true }]);
    expect(exchange.response?.status).toBe(200);
    expect(server.seen.at(-1)?.headers.authorization).toBe(`Bearer ${token}`);
    expect(deleted).toEqual({ id, removedSecrets: 1 });
    expect(after.endpoints.find((e) => e.id === id)).toBeUndefined();
    expect(await entry.getPassword()).toBeNull();
  });
});
