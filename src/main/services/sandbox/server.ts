import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, permits, type AuthOptions } from './auth';
import { BASE_PATH, REALM } from './constants';
import { ScimHttpError, errorBody } from './errors';
import type { Defects } from './defects';
import type { Faults } from './faults';
import { send, type Reply } from './http-io';
import type { Routes } from './routes';

export interface HttpServerOptions {
  host: string;
  port: number;
  auth: AuthOptions;
  faults: Faults;
  /** planted defects (conformance tests); none by default */
  defects?: Defects;
  /** resolved once the data is loaded; requests wait for it */
  ready: Promise<unknown>;
  routes: () => Routes;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

const ACCEPTABLE = /(^|,)\s*(\*\/\*|application\/\*|application\/scim\+json|application\/json)\s*(;|,|$)/i;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The sandbox's node:http server: faults, then auth, then the SCIM routes; every failure is a SCIM Error body. */
export async function listen(options: HttpServerOptions): Promise<{ server: Server; port: number }> {
  const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    void handle(req, res, options);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** The request target as a URL; one that is not a path (`//[`, `http://[`) is a 400, not a failure of the server. */
function requestUrl(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://sandbox');
  } catch {
    throw new ScimHttpError(400, `The request target ${JSON.stringify((target ?? '').slice(0, 200))} is not a valid path (RFC 9112 §3.2: origin-form, e.g. ${BASE_PATH}/Users).`, 'invalidSyntax');
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HttpServerOptions): Promise<void> {
  const view = { method: (req.method ?? 'GET').toUpperCase(), params: new URLSearchParams(), headers: req.headers };
  const answer = (reply: Reply) => send(res, options.defects ? options.defects.rewriteReply(reply, view) : reply);
  try {
    const fault = options.faults.next();
    if (options.faults.latencyMs > 0) await delay(options.faults.latencyMs);
    if (fault.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'fail') {
      const retry: Record<string, string> = fault.status === 429 || fault.status === 503 ? { 'retry-after': '1' } : {};
      throw new ScimHttpError(fault.status, `Injected fault: the sandbox was told to answer ${fault.status} to this request (fault knobs).`, undefined, retry);
    }
    await options.ready;
    const started = performance.now();
    const url = requestUrl(req.url);
    view.params = url.searchParams;
    options.defects?.rewriteRequest(view);
    const path = url.pathname;
    if (path !== BASE_PATH && !path.startsWith(`${BASE_PATH}/`)) {
      // RFC 7644 §3.13: another protocol version of the same service is refused as such
      const version = /^(.*)\/v(\d+)(\/|$)/.exec(path);
      if (version && `${version[1]}/v2` === BASE_PATH) throw new ScimHttpError(400, `SCIM protocol version ${version[2]} is not supported here; this service speaks version 2 at ${BASE_PATH}.`, 'invalidVers');
      throw new ScimHttpError(404, `The SCIM service is under ${BASE_PATH}; nothing is served at ${path}.`);
    }
    const accept = req.headers.accept;
    if (accept && !ACCEPTABLE.test(accept)) throw new ScimHttpError(406, `Accept "${accept}" excludes application/scim+json, the only representation served.`);
    const principal = authenticate(req.headers, options.auth);
    const segments = path
      .slice(BASE_PATH.length)
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
    const method = (req.method ?? 'GET').toUpperCase();
    if (!permits(principal, method, segments)) {
      if (options.defects?.has('forbidden-as-401')) throw new ScimHttpError(401, 'This token may not change anything.', undefined, { 'www-authenticate': `Bearer realm="${REALM}"` });
      throw new ScimHttpError(403, 'This token may read but not change anything: the operation is not permitted (RFC 7644 §3.12).');
    }
    const reply = await options.routes().handle({ req, method, segments, params: url.searchParams, principal });
    // how long the server itself took (RFC 9110 allows any header; Server-Timing is the W3C one for this)
    answer({ ...reply, headers: { ...reply.headers, 'server-timing': `scim;dur=${(performance.now() - started).toFixed(3)}` } });
  } catch (error) {
    if (res.headersSent || res.destroyed) return;
    if (error instanceof ScimHttpError) {
      answer({ status: error.status, body: error.body(), headers: error.headers });
      return;
    }
    if (error instanceof URIError) {
      answer({ status: 400, body: errorBody(400, `The request path is not valid percent-encoding: ${error.message}`, 'invalidSyntax') });
      return;
    }
    options.log?.('sandbox: unexpected error', { error: error instanceof Error ? (error.stack ?? error.message) : String(error), method: req.method, url: req.url });
    send(res, { status: 500, body: errorBody(500, 'The sandbox failed unexpectedly while handling this request; details are in the app log.') });
  }
}
