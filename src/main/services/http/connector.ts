import * as net from 'node:net';
import * as tls from 'node:tls';
import type { AppError, CertificateSummary } from '@shared/api/errors';
import { socketFailure } from './network-errors';
import type { ProxyResolver, ProxyRoute } from './proxy';
import { certificateRejected, summarizeCertificate, tlsFailure } from './tls-errors';

/** What happened while a connection was opened; kept per socket and reported with its first request. */
export interface ConnectionInfo {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  remoteAddress?: string;
  via?: string;
  tls?: { protocol?: string; cipher?: string; peerCertificate?: CertificateSummary };
  /** requests sent on this connection so far */
  requests: number;
  /** a socket error after the connection was handed over (a TLS alert can arrive only then) */
  lastError?: NodeJS.ErrnoException;
}

/** Sockets opened by our connectors (sockets of other HTTP clients in the process are not in here). */
export const connections = new WeakMap<object, ConnectionInfo>();

/** A connection could not be opened; `error` says why in the app's terms. */
export class ConnectFailure extends Error {
  constructor(
    readonly error: AppError,
    readonly info: ConnectionInfo,
  ) {
    super(error.message);
    this.name = 'ConnectFailure';
  }
}

export interface ConnectorOptions {
  secureContext: tls.SecureContext;
  /** verify the server's certificate (the check runs before a byte of the request is written) */
  verify: boolean;
  hasClientCert: boolean;
  /** limit for DNS + TCP (+ proxy tunnel) + TLS handshake */
  connectTimeoutMs: number;
  proxy: ProxyResolver;
}

export interface ConnectParams {
  hostname: string;
  protocol: string;
  port: string | number;
}

type Callback = (...args: [null, net.Socket] | [Error, null]) => void;

const MAX_PROXY_HEAD = 16 * 1024;

/**
 * One connect function for every path (direct, through a proxy, TLS or not), so the CA, the client
 * certificate, verification and timeouts apply the same everywhere, and each phase is timed.
 */
export function createConnector(options: ConnectorOptions) {
  return function connect(params: ConnectParams, callback: Callback): void {
    const protocol = params.protocol;
    const hostname = params.hostname.replace(/^\[|\]$/g, '');
    const port = Number(params.port) || (protocol === 'https:' ? 443 : 80);
    const authority = `${net.isIPv6(hostname) ? `[${hostname}]` : hostname}:${port}`;
    const route = options.proxy(protocol, hostname, port);
    const started = performance.now();
    const info: ConnectionInfo = { requests: 0, via: route?.display };
    let stage: 'connect' | 'tls' = 'connect';
    let settled = false;
    let current: net.Socket | undefined;

    const settle = (error: AppError | undefined, socket?: net.Socket) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error || !socket) {
        current?.destroy();
        callback(new ConnectFailure(error ?? { kind: 'internal', message: 'connection lost' }, info), null);
        return;
      }
      connections.set(socket, info);
      callback(null, socket);
    };
    const timer = setTimeout(() => {
      const what = stage === 'tls' ? `the TLS handshake with ${authority}` : route ? `connecting to ${authority} through the proxy ${route.display}` : `connecting to ${authority}`;
      settle({ kind: 'timeout', phase: stage, afterMs: options.connectTimeoutMs, message: `Timed out after ${options.connectTimeoutMs} ms ${what}.`, hint: 'The server (or the network on the way) does not answer; raise the connect timeout of this endpoint if it is just slow.' });
    }, options.connectTimeoutMs);

    const startTls = (socket: net.Socket) => {
      stage = 'tls';
      const tlsStarted = performance.now();
      const secure = tls.connect({
        socket,
        host: hostname,
        servername: net.isIP(hostname) ? undefined : hostname,
        secureContext: options.secureContext,
        // verified below, once the certificate can be reported; nothing is written before that
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
      });
      current = secure;
      secure.once('secureConnect', () => {
        info.tlsMs = performance.now() - tlsStarted;
        const certificate = secure.getPeerCertificate();
        info.tls = { protocol: secure.getProtocol() ?? undefined, cipher: secure.getCipher()?.name, peerCertificate: summarizeCertificate(certificate) };
        if (options.verify && !secure.authorized) {
          settle(certificateRejected(String(secure.authorizationError ?? 'UNKNOWN'), hostname, certificate));
          return;
        }
        settle(undefined, secure);
      });
      secure.on('error', (error: NodeJS.ErrnoException) => {
        if (settled) info.lastError ??= error;
        else settle(tlsFailure(error, hostname, options.hasClientCert) ?? socketFailure(error, hostname, authority));
      });
    };

    const afterTcp = (socket: net.Socket) => (protocol === 'https:' ? startTls(socket) : settle(undefined, socket));

    const through = route ? `${route.hostname}:${route.port}` : authority;
    const raw = net.connect({ host: route ? route.hostname : hostname, port: route ? route.port : port, noDelay: true, keepAlive: true, keepAliveInitialDelay: 60_000 });
    current = raw;
    raw.once('lookup', (error) => {
      if (!error) info.dnsMs = performance.now() - started;
    });
    raw.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) {
        info.lastError ??= error;
        return;
      }
      const failure = socketFailure(error, route ? route.hostname : hostname, through, route ? `The proxy ${route.display}` : authority);
      settle(failure);
    });
    raw.once('connect', () => {
      info.remoteAddress = `${raw.remoteAddress}:${raw.remotePort}`;
      if (!route) {
        info.connectMs = performance.now() - started - (info.dnsMs ?? 0);
        afterTcp(raw);
        return;
      }
      const openTunnel = (socket: net.Socket) =>
        tunnel(socket, authority, route, (error) => {
          info.connectMs = performance.now() - started - (info.dnsMs ?? 0);
          if (error) settle(error);
          else afterTcp(socket);
        });
      if (route.protocol === 'https:') {
        const toProxy = tls.connect({ socket: raw, host: route.hostname, servername: net.isIP(route.hostname) ? undefined : route.hostname, secureContext: options.secureContext, rejectUnauthorized: options.verify });
        current = toProxy;
        toProxy.once('secureConnect', () => openTunnel(toProxy));
        toProxy.on('error', (error: NodeJS.ErrnoException) => settle(tlsFailure(error, route.hostname, false) ?? socketFailure(error, route.hostname, through, `The proxy ${route.display}`)));
      } else {
        openTunnel(raw);
      }
    });
  };
}

/** Asks the proxy for a tunnel (HTTP CONNECT) and hands the socket on once it is open. */
function tunnel(socket: net.Socket, authority: string, route: ProxyRoute, done: (error?: AppError) => void): void {
  const auth = route.authorization ? `Proxy-Authorization: ${route.authorization}\r\n` : '';
  socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth}\r\n`);
  let head: Buffer = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end === -1) {
      if (head.length > MAX_PROXY_HEAD) {
        socket.off('data', onData);
        done({ kind: 'connect', address: route.display, code: 'PROXY_BAD_RESPONSE', message: `The proxy ${route.display} sent an answer to CONNECT that is not HTTP.` });
      }
      return;
    }
    socket.off('data', onData);
    socket.pause();
    const rest = head.subarray(end + 4);
    if (rest.length > 0) socket.unshift(rest);
    const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
    const status = Number(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine)?.[1]);
    if (status >= 200 && status < 300) {
      done();
    } else if (status === 407) {
      done({ kind: 'connect', address: route.display, code: 'PROXY_AUTH_REQUIRED', message: `The proxy ${route.display} requires authentication (407).`, hint: 'Set the proxy user name and password in the endpoint\'s proxy settings.' });
    } else {
      done({ kind: 'connect', address: route.display, code: `PROXY_${status || 'ERROR'}`, message: `The proxy ${route.display} refused to open a tunnel to ${authority}: ${statusLine || 'no status line'}.`, hint: 'The proxy may block this host or port; ask its administrator, or add the host to the endpoint\'s no-proxy list.' });
    }
  };
  socket.on('data', onData);
}
