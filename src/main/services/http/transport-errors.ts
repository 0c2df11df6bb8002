import type { AppError, TimeoutPhase } from '@shared/api/errors';
import { BodyDecodeFailure } from './body';
import { ConnectFailure } from './connector';
import { socketFailure } from './network-errors';
import { tlsFailure } from './tls-errors';

/** Aborts a request when one of its phases runs out of time. */
export class PhaseTimeout extends Error {
  constructor(
    readonly phase: TimeoutPhase,
    readonly afterMs: number,
  ) {
    super(`${phase} timeout after ${afterMs} ms`);
    this.name = 'PhaseTimeout';
  }
}

/** The user pressed Cancel. */
export class Cancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'Cancelled';
  }
}

const PHASE_WORDS: Record<TimeoutPhase, string> = {
  connect: 'connecting',
  tls: 'in the TLS handshake',
  headers: 'waiting for the response headers',
  body: 'receiving the response body',
  total: 'in total',
};

export function timeoutError(phase: TimeoutPhase, afterMs: number, host: string): AppError {
  return {
    kind: 'timeout',
    phase,
    afterMs,
    message: `Timed out after ${afterMs} ms ${PHASE_WORDS[phase]} (${host}).`,
    hint: phase === 'headers' ? 'The server accepted the request but did not answer in time; raise the response-headers timeout of this endpoint if it is just slow.' : phase === 'body' ? 'The server started answering but did not finish in time; raise the body timeout of this endpoint for large answers.' : 'Raise the connect timeout of this endpoint if the server is just slow.',
  };
}

function* causes(error: unknown): Generator<unknown> {
  let current = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

/** Whatever undici, ky or the body decoder threw, as the app's error. */
export function transportError(thrown: unknown, context: { host: string; authority: string; hasClientCert: boolean }): AppError {
  for (const error of causes(thrown)) {
    if (error instanceof PhaseTimeout) return timeoutError(error.phase, error.afterMs, context.host);
    if (error instanceof Cancelled) return { kind: 'cancelled', message: 'The request was cancelled.' };
    if (error instanceof ConnectFailure) return error.error;
    if (error instanceof BodyDecodeFailure) {
      return { kind: 'network', message: `The response from ${context.authority} says Content-Encoding: ${error.encoding}, but its body could not be decoded (${error.message}).`, hint: 'The server sent a body that is not in the coding it names. Add the header "Accept-Encoding: identity" to the request to ask for the body uncoded.' };
    }
  }
  for (const error of causes(thrown)) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') continue;
    const tls = tlsFailure(error as NodeJS.ErrnoException, context.host, context.hasClientCert);
    if (tls) return tls;
    if (code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') {
      return { kind: 'network', code, message: `${context.authority} closed the connection before the answer was complete.`, hint: 'The server, or a proxy or load balancer in between, dropped the connection; its logs say why.' };
    }
    if (code === 'UND_ERR_HEADERS_OVERFLOW') return { kind: 'network', code, message: `The response headers from ${context.authority} are too large.` };
    if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) return { kind: 'network', code, message: `${context.authority} did not answer with valid HTTP (${code}).`, hint: 'Is this port an HTTP server? For a TLS port, use https://.' };
    if (/^E[A-Z]+$/.test(code)) return socketFailure(error as NodeJS.ErrnoException, context.host, context.authority);
  }
  const last = [...causes(thrown)].pop();
  const message = last instanceof Error ? last.message : String(last);
  if (thrown instanceof Error && thrown.name === 'AbortError') return { kind: 'cancelled', message: 'The request was cancelled.' };
  return { kind: 'network', message: `The request to ${context.authority} failed: ${message}` };
}
