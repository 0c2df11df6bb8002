import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  /** the `x-check` header the test checks send */
  check: string | undefined;
  start: number;
  end: number;
}

export interface CountingProxy {
  /** the target's base URL with the proxy's origin */
  baseUrl: string;
  /** requests being answered now */
  readonly inFlight: number;
  /** the most requests ever in flight at once */
  readonly maxInFlight: number;
  /** every finished request, in the order they finished */
  readonly requests: ProxiedRequest[];
  configure(options: ProxyOptions): void;
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** waits this long before forwarding each request (so requests overlap) */
  latencyMs?: number;
  /** answers every DELETE with 405 instead of forwarding it: a server that refuses deletes */
  refuseDelete?: boolean;
}

/**
 * A loopback HTTP proxy in front of a SCIM server that counts the requests in flight, records when
 * each was answered, and can refuse DELETE: what the conformance runner's limits are judged by.
 */
export async function startCountingProxy(targetBaseUrl: string, initial: ProxyOptions = {}): Promise<CountingProxy> {
  const target = new URL(targetBaseUrl);
  let options = { ...initial };
  let inFlight = 0;
  let maxInFlight = 0;
  const requests: ProxiedRequest[] = [];
  const server: Server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const start = performance.now();
    const check = req.headers['x-check'] as string | undefined;
    let finished = false;
    // once: when the answer was sent, or when the client went away first
    const done = () => {
      if (finished) return;
      finished = true;
      inFlight--;
      requests.push({ method: req.method ?? '', path: req.url ?? '', check, start, end: performance.now() });
    };
    res.on('finish', done);
    res.on('close', done);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    const forward = () => {
      if (res.destroyed) return done();
      if (options.refuseDelete && req.method === 'DELETE') {
        res.writeHead(405, { 'content-type': 'application/scim+json' });
        res.end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '405', detail: 'DELETE is not allowed here' }));
        return;
      }
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (answer: IncomingMessage) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      upstream.end(Buffer.concat(chunks));
    };
    req.on('end', () => (options.latencyMs ? setTimeout(forward, options.latencyMs) : forward()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    requests,
    configure(next) {
      options = { ...options, ...next };
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
