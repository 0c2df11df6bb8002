import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import { createServer as createNetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  url: string;
  port: number;
  /** every request the server saw: method, url and headers */
  seen: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

function track(server: Server | ReturnType<typeof createNetServer>): () => Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
}

async function listen(server: Server | ReturnType<typeof createNetServer>, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

/** A real HTTP server on 127.0.0.1 that records what it receives. */
export async function startHttpServer(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<TestServer> {
  const seen: TestServer['seen'] = [];
  const listener: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      handler(req, res, Buffer.concat(chunks).toString('utf8'));
    });
  };
  const server = createHttpServer(listener);
  const close = track(server);
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, port, seen, close };
}

/** The same over TLS with the given certificate options. */
export async function startHttpsServer(tls: ServerOptions, handler: (req: IncomingMessage, res: ServerResponse) => void, host = '127.0.0.1'): Promise<TestServer> {
  const seen: TestServer['seen'] = [];
  const server = createHttpsServer(tls, (req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => handler(req, res));
  });
  const close = track(server as unknown as Server);
  const port = await listen(server as unknown as Server, host);
  return { url: `https://${host}:${port}`, port, seen, close };
}

/** Accepts TCP connections and never says a word (a stalled TLS handshake, a dead proxy). */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const server = createNetServer(() => {});
  const close = track(server);
  return { port: await listen(server), close };
}

/** A port nothing listens on (bound, read, released). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  const port = await listen(server);
  await new Promise((r) => server.close(r));
  return port;
}

export const SCIM_JSON = 'application/scim+json';

export function listResponse(resources: unknown[]): string {
  return JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, Resources: resources });
}
