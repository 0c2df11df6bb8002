import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface TestProxy {
  url: string;
  port: number;
  /** `host:port` of every CONNECT, in order */
  tunnels: string[];
  /** Proxy-Authorization of every CONNECT */
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** maps a requested host to where it really is (so a name only the proxy can resolve proves the route) */
  resolve?: (host: string, port: number) => { host: string; port: number };
  /** answer CONNECT with 407 unless this Proxy-Authorization is sent */
  requireAuthorization?: string;
}

/** An HTTP CONNECT proxy on 127.0.0.1 (node:http 'connect'), recording every tunnel it opens. */
export async function startConnectProxy(options: ProxyOptions = {}): Promise<TestProxy> {
  const tunnels: string[] = [];
  const authorizations: (string | undefined)[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end('CONNECT only'));
  server.on('connect', (req, client: Socket, head: Buffer) => {
    sockets.add(client);
    tunnels.push(req.url ?? '');
    authorizations.push(req.headers['proxy-authorization']);
    if (options.requireAuthorization && req.headers['proxy-authorization'] !== options.requireAuthorization) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    const [host, port] = [(req.url ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, ''), Number(/:(\d+)$/.exec(req.url ?? '')?.[1] ?? 443)];
    const target = options.resolve ? options.resolve(host, port) : { host, port };
    const upstream = connect(target.port, target.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tunnels,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
