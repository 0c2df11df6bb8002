import type { EventEmitter } from 'node:events';
import type { Logger } from '../../services/log/logger';

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * The web host's last net: an exception or rejection nobody caught is logged (through the scrubbing
 * logger) and the process keeps serving. It is not how requests are handled: each one is answered
 * inside its own error handling (server.ts), so reaching this is a bug, and the log says so.
 * Returns a function that takes the net down again.
 */
export function keepServingOnUncaught(log: Logger, target: EventEmitter = process): () => void {
  const onException = (error: unknown) => {
    log.error('uncaught exception: the web host keeps serving; this is a bug, please report it with this log', { error: describe(error) });
  };
  const onRejection = (reason: unknown) => {
    log.error('unhandled promise rejection: the web host keeps serving; this is a bug, please report it with this log', { error: describe(reason) });
  };
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
