import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EchoServer {
  url: string;
  /** every request seen, in order */
  seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

export type EchoHandler = (req: { method: string; url: string; headers: IncomingMessage['headers']; body: string }) =>
  | { status?: number; headers?: Record<string, string>; body?: unknown }
  | undefined;

/**
 * A real HTTP server on 127.0.0.1 that answers JSON echoing what it got (headers included,
 * so a credential sent comes back in the body), unless `handler` answers.
 */
export async function startEchoServer(handler?: EchoHandler): Promise<EchoServer> {
  const seen: EchoServer['seen'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      const answer = handler?.(request) ?? { body: { echo: request } };
      const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/scim+json', ...answer.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
