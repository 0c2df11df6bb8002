import { fetch as undiciFetch, FormData as UndiciFormData, Headers as UndiciHeaders, Request as UndiciRequest, Response as UndiciResponse } from 'undici';
import { compose, type AppCore } from '../../../src/main/compose';
import { createClient, type ApiClient } from '../../../src/renderer/transport/client';
import type { Transport } from '../../../src/renderer/transport/transport';
import { startScimmyServer, type ScimmyServer } from '../../peers/scimmy-server';
import { tempDir } from '../../support/temp-dir';
import { inProcessTransport } from './in-process-transport';

export interface CoreWithEndpoint {
  core: AppCore;
  client: ApiClient;
  transport: ReturnType<typeof inProcessTransport> & GatedTransport;
  endpointId: string;
  close(): Promise<void>;
}

export interface GatedTransport {
  /** holds every later call of `command` until `release()` (timing only: the call itself is real) */
  hold(command: string, afterCalls: number): { reached: Promise<void>; release(): void };
}

function gated(inner: ReturnType<typeof inProcessTransport>): ReturnType<typeof inProcessTransport> & GatedTransport {
  let gate: { command: string; after: number; seen: number; open: Promise<void>; release(): void; reach(): void } | undefined;
  const transport: Transport = {
    ...inner,
    async call(command, payload) {
      if (gate && command === gate.command && ++gate.seen > gate.after) {
        gate.reach();
        await gate.open;
      }
      return inner.call(command, payload);
    },
  };
  return Object.assign(transport, {
    calls: inner.calls,
    hold(command: string, afterCalls: number) {
      let release!: () => void;
      let reach!: () => void;
      const open = new Promise<void>((r) => (release = r));
      const reached = new Promise<void>((r) => (reach = r));
      gate = { command, after: afterCalls, seen: 0, open, release, reach };
      return {
        reached,
        release: () => {
          gate = undefined;
          release();
        },
      };
    },
  });
}

/**
 * happy-dom puts a browser `fetch` (with CORS) and its own Request/Response/Headers in the globals; main's
 * OAuth token request (ky over fetch), running in this same process, needs Node's (undici's) as in main.
 */
function installNodeFetch(): void {
  Object.assign(globalThis, { fetch: undiciFetch, Request: UndiciRequest, Response: UndiciResponse, Headers: UndiciHeaders, FormData: UndiciFormData });
}

/**
 * A real composed core with one endpoint (built in, so its token stays in memory) for a real SCIM server
 * on 127.0.0.1, and a renderer client wired to it in process.
 */
export async function composeWithEndpoint(server: { baseUrl: string; token: string }, name = 'Test server'): Promise<CoreWithEndpoint> {
  installNodeFetch();
  const dir = tempDir();
  const endpointId = 'under-test';
  const core = await compose({
    host: 'web',
    dataDir: dir.path,
    builtInEndpoints: () => [{ id: endpointId, name, baseUrl: server.baseUrl, token: server.token }],
  });
  const transport = gated(inProcessTransport(core));
  return {
    core,
    client: createClient(transport),
    transport,
    endpointId,
    async close() {
      await core.dispose();
      dir.cleanup();
    },
  };
}

/** A SCIMMY server with `users` generated users behind a composed core. */
export async function startScimmyCore(users: number): Promise<CoreWithEndpoint & { server: ScimmyServer }> {
  const server = await startScimmyServer({ users });
  const withEndpoint = await composeWithEndpoint(server, 'SCIMMY');
  return {
    ...withEndpoint,
    server,
    async close() {
      await withEndpoint.close();
      await server.close();
    },
  };
}
