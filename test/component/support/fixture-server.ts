import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface FixtureAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** a string or Buffer as is; anything else as JSON */
  body?: unknown;
}

export type FixtureRoute = (request: { method: string; path: string; query: URLSearchParams; headers: IncomingMessage['headers']; body: string }) => FixtureAnswer | undefined;

export interface FixtureServer {
  baseUrl: string;
  token: string;
  /** every request, in order: method and path with query */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A real HTTP(S) server on 127.0.0.1 answering with exactly what a test says: for SCIM servers that
 * misbehave in a known way (broken paging, non-SCIM errors, huge bodies) that no real product does on cue.
 * Unrouted paths answer 404 with a SCIM error.
 */
export async function startFixtureServer(route: FixtureRoute, tls?: { cert: Buffer; key: Buffer }): Promise<FixtureServer> {
  const requests: string[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fixture');
      const path = url.pathname.replace(/^\/scim/, '') || '/';
      requests.push(`${req.method} ${path}${url.search}`);
      const answer = route({ method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }) ?? {
        status: 404,
        body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: `No fixture for ${path}` },
      };
      const body = answer.body === undefined ? '' : typeof answer.body === 'string' || Buffer.isBuffer(answer.body) ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/scim+json', ...answer.headers });
      res.end(body);
    });
  };
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/scim`,
    token: 'fixture-token',
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
