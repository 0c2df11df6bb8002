import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { statusForError, type AppError } from '@shared/api/errors';
import type { WireResult } from '@shared/api/wire';
import type { AppCore } from '../../compose';
import { CONTENT_SECURITY_POLICY, CSP_HEADER_ONLY } from '../csp';
import { checkAccess, sessionCookie, type AccessPolicy } from './access';
import { serveBlob } from './blob-route';
import { serveStatic } from './static-files';
import { scrubValue } from '../../rpc/router';

export interface WebHostOptions {
  core: AppCore;
  /** the built renderer (out/renderer) */
  staticDir: string;
  /** 0 = a free port */
  port?: number;
  token?: string;
  /** largest accepted API request body */
  maxBodyBytes?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy': `${CONTENT_SECURITY_POLICY}; ${CSP_HEADER_ONLY}`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

function sendJson(res: ServerResponse, status: number, body: WireResult): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(json);
}

function sendError(res: ServerResponse, error: AppError, status = statusForError(error)): void {
  sendJson(res, status, { ok: false, error });
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new RangeError(`Request body is over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Turns a JSON.parse message into "line L, column C" when it names a position. */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) return message;
  const offset = Number(position);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

async function handleApi(core: AppCore, command: string, req: IncomingMessage, res: ServerResponse, maxBody: number): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    sendError(res, { kind: 'validation', message: `Use POST for /api/${command}`, issues: [{ path: '(method)', message: `${req.method} is not allowed` }] }, 405);
    return;
  }
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    sendError(res, { kind: 'validation', message: `Content-Type must be application/json, not "${type || '(none)'}"`, issues: [{ path: '(content-type)', message: 'expected application/json' }] }, 415);
    return;
  }
  let raw: Buffer;
  try {
    raw = await readBody(req, maxBody);
  } catch (error) {
    sendError(res, { kind: 'validation', message: error instanceof Error ? error.message : 'Unreadable request body', issues: [{ path: '(body)', message: 'too large' }] }, 413);
    return;
  }
  let payload: unknown = {};
  const text = raw.toString('utf8');
  if (text.trim() !== '') {
    try {
      payload = JSON.parse(text);
    } catch (error) {
      sendError(res, { kind: 'validation', message: `Request body is not valid JSON: ${describeJsonError(text, error)}`, issues: [{ path: '(body)', message: 'malformed JSON' }] });
      return;
    }
  }
  const result = await core.router.dispatch(command, payload, { origin: 'web' });
  sendJson(res, result.ok ? 200 : statusForError(result.error), result);
}

function handleEvents(core: AppCore, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const unsubscribe = core.events.subscribe((event) => {
    res.write(`event: ${event.name}\ndata: ${JSON.stringify(scrubValue(event.payload, (text) => core.scrubber.scrub(text)))}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

/** The loopback HTTP bridge: serves the built renderer and the API to a browser on this machine. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const policy: AccessPolicy = { port: 0, token };
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const queryToken = url.searchParams.get('token');
    const verdict = checkAccess(req, policy, queryToken);
    if (!verdict.ok) {
      sendError(res, { kind: verdict.status === 401 ? 'unauthorized' : 'forbidden', message: verdict.reason });
      return;
    }
    if (queryToken !== null && req.method === 'GET') {
      url.searchParams.delete('token');
      res.writeHead(303, { ...SECURITY_HEADERS, 'set-cookie': sessionCookie(policy), location: `${url.pathname}${url.search}`, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    const route = url.pathname;
    const done = (promise: Promise<void>) =>
      promise.catch((error: unknown) => {
        core.log.error('web host request failed', { route, error: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent) sendError(res, { kind: 'internal', message: 'The bridge failed to answer this request; details are in the log' });
        else res.destroy();
      });
    if (route.startsWith('/api/')) {
      const name = decodeURIComponent(route.slice('/api/'.length));
      if (name === 'events' && req.method === 'GET') return handleEvents(core, req, res);
      if (name.startsWith('blobs/') && req.method === 'GET') return void done(serveBlob(core, name.slice('blobs/'.length), req, res, SECURITY_HEADERS));
      return void done(handleApi(core, name, req, res, maxBody));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' }).end();
      return;
    }
    void done(serveStatic(options.staticDir, route, res, SECURITY_HEADERS));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  policy.port = port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
