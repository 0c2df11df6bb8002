import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { statusForError, type AppError } from '@shared/api/errors';
import type { WireResult } from '@shared/api/wire';
import { describeByteOffset, invalidUtf8At } from '@shared/util/utf8';
import type { AppCore } from '../../compose';
import { CONTENT_SECURITY_POLICY, CSP_HEADER_ONLY } from '../csp';
import { checkAccess, sessionCookie, type AccessPolicy } from './access';
import { serveBlob } from './blob-route';
import { BadRequest, decodePath, parseTarget } from './request-target';
import { serveStatic } from './static-files';
import { TOKEN_PAGE_CSP, tokenPage, type TokenProblem } from './token-page';
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

function sendTokenPage(res: ServerResponse, head: boolean, problem: TokenProblem): void {
  const html = tokenPage(problem);
  res.writeHead(401, {
    ...SECURITY_HEADERS,
    'content-security-policy': TOKEN_PAGE_CSP,
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    'cache-control': 'no-store',
  });
  res.end(head ? undefined : html);
}

/** The body, or `undefined` once it passes `limit` (what was read is dropped; the rest is not kept). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      req.off('data', onData);
      resolve(undefined);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** How long a refused body is still read (and dropped) so that the client sees the 413 rather than a reset. */
const DRAIN_MS = 5000;

/**
 * 413, said before the connection ends. Closing a socket with unread data resets it, and a client still
 * sending can then lose the answer; so the whole answer is written at once, the rest of the body is
 * read and dropped (for up to DRAIN_MS), and only then is the response ended, which closes the
 * connection (`connection: close`) with nothing left unread.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, limit: number, size: string, drain = true): void {
  const message = `The request body (${size}) is over the bridge's limit of ${limit} bytes`;
  const json = JSON.stringify({ ok: false, error: { kind: 'validation', message, issues: [{ path: '(body)', message: 'too large' }] } } satisfies WireResult);
  res.writeHead(413, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(json)),
    'cache-control': 'no-store',
    connection: 'close',
  });
  if (!drain || req.complete || req.destroyed) {
    res.end(json);
    return;
  }
  res.write(json);
  const finish = () => {
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(finish, DRAIN_MS);
  req.once('end', finish);
  req.once('error', finish);
  req.once('close', finish);
  req.resume();
}

/** The declared Content-Length when it is over the limit (the body is then refused before it is read). */
export function declaredOver(req: IncomingMessage, limit: number): number | undefined {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > limit ? declared : undefined;
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
  const declared = declaredOver(req, maxBody);
  if (declared !== undefined) return refuseBody(req, res, maxBody, `${declared} bytes`);
  const raw = await readBody(req, maxBody);
  if (raw === undefined) return refuseBody(req, res, maxBody, `over ${maxBody} bytes`);
  if (!isUtf8(raw)) {
    const at = invalidUtf8At(raw);
    sendError(res, { kind: 'validation', message: `Request body is not valid UTF-8 at ${describeByteOffset(raw, at)}`, issues: [{ path: '(body)', message: 'not UTF-8' }] });
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

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // every parse of the request (target, path, cookie, headers) happens in here, so a request the
    // bridge cannot read is answered 400 by `fail` and never reaches the process as an exception
    const url = parseTarget(req.url);
    const route = url.pathname;
    const api = route.startsWith('/api/');
    // the token in a URL is traded for the cookie on a page load only; on /api only the cookie counts
    const pageLoadToken = !api && req.method === 'GET' ? url.searchParams.get('token') : null;
    const verdict = checkAccess(req, policy, pageLoadToken);
    if (!verdict.ok) {
      if (verdict.status === 401 && !api && (req.method === 'GET' || req.method === 'HEAD') && /\btext\/html\b/i.test(req.headers.accept ?? '')) {
        return sendTokenPage(res, req.method === 'HEAD', pageLoadToken === null ? 'missing' : 'wrong');
      }
      sendError(res, { kind: verdict.status === 401 ? 'unauthorized' : 'forbidden', message: verdict.reason });
      return;
    }
    if (pageLoadToken !== null) {
      url.searchParams.delete('token');
      res.writeHead(303, { ...SECURITY_HEADERS, 'set-cookie': sessionCookie(policy), location: `${url.pathname}${url.search}`, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    if (api) {
      const name = decodePath(route.slice('/api/'.length));
      if (name === 'events' && req.method === 'GET') return handleEvents(core, req, res);
      if (name.startsWith('blobs/') && (req.method === 'GET' || req.method === 'HEAD')) return serveBlob(core, name.slice('blobs/'.length), req, res, SECURITY_HEADERS);
      return handleApi(core, name, req, res, maxBody);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' }).end();
      return;
    }
    return serveStatic(options.staticDir, route, res, SECURITY_HEADERS);
  };

  const fail = (req: IncomingMessage, res: ServerResponse, error: unknown) => {
    if (error instanceof BadRequest) {
      if (!res.headersSent) sendError(res, { kind: 'validation', message: error.message, issues: [{ path: error.where, message: 'unreadable' }] }, 400);
      return;
    }
    // the path only: a query can carry the page-load token, which the log's scrubber does not know
    core.log.error('web host request failed', { method: req.method, path: (req.url ?? '').split('?')[0]!.slice(0, 200), error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    if (!res.headersSent) sendError(res, { kind: 'internal', message: 'The bridge failed to answer this request; details are in the log' });
    else res.destroy();
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => fail(req, res, error));
  };

  const server = createServer(onRequest);
  // `Expect: 100-continue` (curl sends it for large bodies): refuse an oversized body before it is sent
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const declared = declaredOver(req, maxBody);
    // the client waits for "100 Continue" before it sends the body, so there is nothing to drain
    if (declared !== undefined) return refuseBody(req, res, maxBody, `${declared} bytes`, false);
    res.writeContinue();
    onRequest(req, res);
  });
  // what node:http itself cannot parse (a broken request line or header block) gets its default 400 or 431 and a close
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
