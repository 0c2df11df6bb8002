import { subscribe } from 'node:diagnostics_channel';
import { Dispatcher1Wrapper, type Dispatcher } from 'undici';
import { connections, type ConnectionInfo } from './connector';

/** What one request learns about itself on the way through the dispatcher. */
export class RequestCapture {
  /** the request as written on the socket: request line and headers */
  rawHead?: string;
  connection?: ConnectionInfo;
  /** this request opened the connection (so the connection's phases are its own) */
  newConnection = false;
  requestStart?: number;
  responseStart?: number;
  /** response headers as received (name, value, … in wire order and case) */
  rawResponseHeaders?: readonly (Buffer | string)[];
  /** the reason phrase of the status line */
  statusText = '';
  /** set by the dispatcher: abort the request at the undici level */
  abort?: (reason: Error) => void;

  constructor(
    readonly hooks: { onRequestStart?(): void; onResponseStart?(): void; onEnd?(): void } = {},
  ) {}
}

/**
 * undici publishes `undici:client:sendHeaders` (request, header block, socket) synchronously right
 * after it calls the handler's onRequestStart for the same request: the capture waiting here is that
 * request's. Sockets not opened by our connectors are ignored.
 */
let waiting: RequestCapture | undefined;
let subscribed = false;

function ensureSubscribed(): void {
  if (subscribed) return;
  subscribed = true;
  subscribe('undici:client:sendHeaders', (message) => {
    const capture = waiting;
    if (!capture) return;
    waiting = undefined;
    const { headers, socket } = message as { headers: string; socket: object };
    const info = connections.get(socket);
    if (!info) return;
    capture.rawHead = headers;
    capture.connection = info;
    capture.newConnection = info.requests === 0;
    info.requests++;
  });
}

type Handler = Dispatcher.DispatchHandler;
type Controller = Parameters<NonNullable<Handler['onRequestStart']>>[0];

class CaptureHandler implements Handler {
  constructor(
    private readonly inner: Handler,
    private readonly capture: RequestCapture,
  ) {}

  onRequestStart(controller: Controller, context: unknown): void {
    waiting = this.capture;
    this.capture.requestStart = performance.now();
    this.capture.abort = (reason) => controller.abort(reason);
    this.capture.hooks.onRequestStart?.();
    this.inner.onRequestStart?.(controller, context);
  }

  onRequestUpgrade(...args: Parameters<NonNullable<Handler['onRequestUpgrade']>>): void {
    this.inner.onRequestUpgrade?.(...args);
  }

  onResponseStart(...args: Parameters<NonNullable<Handler['onResponseStart']>>): void {
    this.capture.responseStart = performance.now();
    this.capture.rawResponseHeaders = (args[0] as { rawHeaders?: (Buffer | string)[] }).rawHeaders;
    this.capture.statusText = args[3] ?? '';
    this.capture.hooks.onResponseStart?.();
    this.inner.onResponseStart?.(...args);
  }

  onResponseData(...args: Parameters<NonNullable<Handler['onResponseData']>>): void {
    this.inner.onResponseData?.(...args);
  }

  onResponseEnd(...args: Parameters<NonNullable<Handler['onResponseEnd']>>): void {
    this.capture.hooks.onEnd?.();
    this.inner.onResponseEnd?.(...args);
  }

  onResponseError(...args: Parameters<NonNullable<Handler['onResponseError']>>): void {
    this.capture.hooks.onEnd?.();
    this.inner.onResponseError?.(...args);
  }
}

/** Node's own fetch may hand over a handler in undici's older callback style; this adapts it. */
const wrapHandler = (Dispatcher1Wrapper as unknown as { wrapHandler(handler: unknown): Handler }).wrapHandler;

/**
 * A dispatcher for one request: a thin object in front of the endpoint's shared agent (its pool and
 * connections are reused), so that request's capture sees its socket and timings.
 */
export function capturingDispatcher(agent: Dispatcher, capture: RequestCapture): Dispatcher {
  ensureSubscribed();
  return {
    dispatch(options: Dispatcher.DispatchOptions, handler: Handler) {
      return agent.dispatch(options, new CaptureHandler(wrapHandler(handler), capture));
    },
  } as unknown as Dispatcher;
}
