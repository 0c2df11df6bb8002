import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  /** path and query as they arrived on the wire (percent-encoding kept) */
  url: string;
  headers: IncomingHttpHeaders;
  /** the body as sent, parsed when JSON */
  body: unknown;
  rawBody: string;
  status: number;
  /** the answer's body (for tests that want to see what the IdP read) */
  responseBody: string;
  /** set by the test's `answer` hook when the proxy answered instead of the target */
  answeredByProxy?: boolean;
}

export interface RecordingProxy {
  /** e.g. http://127.0.0.1:PORT (the same paths as the target's origin) */
  origin: string;
  recorded: Recorded[];
  /** answer a request instead of forwarding it (for fault tests); return undefined to forward */
  answer?: (request: { method: string; url: string; body: string }) => { status: number; headers?: Record<string, string>; body?: string } | undefined;
  clear(): void;
  close(): Promise<void>;
}

/**
 * A reverse proxy on 127.0.0.1 that forwards every request to `target` (an origin) and records exactly
 * what arrived over the socket: method, URL as encoded, headers and body. Tests read what a client
 * really sent, not what it meant to send.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const proxy: RecordingProxy = {
    origin: '',
    recorded: [],
    clear: () => (proxy.recorded.length = 0),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        body = rawBody;
      }
      const entry: Recorded = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, rawBody, status: 0, responseBody: '' };
      proxy.recorded.push(entry);
      const own = proxy.answer?.({ method: entry.method, url: entry.url, body: rawBody });
      if (own) {
        entry.status = own.status;
        entry.responseBody = own.body ?? '';
        entry.answeredByProxy = true;
        res.writeHead(own.status, { 'content-type': 'application/scim+json', ...own.headers });
        res.end(own.body ?? '');
        return;
      }
      const headers = { ...req.headers, host: upstream.host };
      const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
        const out: Buffer[] = [];
        answer.on('data', (c: Buffer) => out.push(c));
        answer.on('end', () => {
          const text = Buffer.concat(out);
          entry.status = answer.statusCode ?? 0;
          entry.responseBody = text.toString('utf8');
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(text);
        });
      });
      forward.on('error', (error) => {
        entry.status = 502;
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
      forward.end(rawBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
