import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import { contract, isCommandName, type CommandName, type RequestOf, type ResponseOf } from '@shared/api/contract';
import { AppFailure, type AppError } from '@shared/api/errors';
import type { WireResult } from '@shared/api/wire';
import { scrubStrings } from '@shared/redact/scrub-value';
import type { Logger } from '../services/log/logger';

export interface CallContext {
  /** which host and, for desktop, which window made the call */
  origin: string;
}

export type Handler<K extends CommandName> = (request: RequestOf<K>, context: CallContext) => Promise<ResponseOf<K>> | ResponseOf<K>;

/** One handler per command: a command missing here is a compile error in the composition root. */
export type Handlers = { [K in CommandName]: Handler<K> };

export interface RouterOptions {
  log: Logger;
  /** replaces known secret values in anything leaving main */
  scrub: (text: string) => string;
}

export interface Router {
  dispatch(command: string, payload: unknown, context: CallContext): Promise<WireResult>;
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.').replace(/\.\[/g, '[');
}

export function validationError(error: ZodError, what: string): AppError {
  const issues = error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
  const first = issues[0];
  return {
    kind: 'validation',
    message: first ? `${what}: ${first.path}: ${first.message}` : `${what} is invalid`,
    issues,
  };
}

/** Maps anything a service throws to the error union, without stacks or secrets. */
export function toAppError(thrown: unknown, log: Logger, command: string): AppError {
  if (thrown instanceof AppFailure) return thrown.error;
  if (thrown instanceof ZodError) return validationError(thrown, `Invalid data in ${command}`);
  if (thrown instanceof Error && thrown.name === 'AbortError') return { kind: 'cancelled', message: 'The operation was cancelled' };
  const ref = randomUUID().slice(0, 8);
  log.error('unexpected error', { command, ref, error: thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown) });
  return { kind: 'internal', message: `Unexpected error while running ${command} (ref ${ref}; details are in the log)`, ref };
}

/**
 * The second line of defence: what leaves main is typed data in which a secret appears only as a
 * reference (`set` / `not set`); should a known secret value still be in a string (a server echoing
 * one back), it is replaced there. Only string values are touched, never keys or structure.
 */
export function scrubValue<T>(value: T, scrub: (text: string) => string): T {
  if (value === undefined) return value;
  // one pass over the whole answer first: most hold no secret, and then nothing is walked or copied
  // (a secret's JSON-escaped spelling is one of those the scrubber knows, so none is missed)
  const json = JSON.stringify(value);
  if (json === undefined || scrub(json) === json) return value;
  return scrubStrings(value, scrub);
}

export function createRouter(handlers: Handlers, options: RouterOptions): Router {
  return {
    async dispatch(command, payload, context) {
      if (!isCommandName(command)) {
        return { ok: false, error: { kind: 'not-found', message: `Unknown command "${command}"`, what: 'command' } };
      }
      const spec = contract[command];
      const parsed = spec.request.safeParse(payload ?? {});
      if (!parsed.success) {
        return { ok: false, error: validationError(parsed.error, `Invalid request for ${command}`) };
      }
      try {
        const handler = handlers[command] as Handler<typeof command>;
        const result = await handler(parsed.data as never, context);
        const checked = spec.response.safeParse(result);
        if (!checked.success) {
          const ref = randomUUID().slice(0, 8);
          options.log.error('response does not match the contract', { command, ref, issues: checked.error.issues.slice(0, 5) });
          return { ok: false, error: { kind: 'internal', message: `The answer to ${command} did not match the contract (ref ${ref})`, ref } };
        }
        return { ok: true, value: scrubValue(checked.data, options.scrub) };
      } catch (thrown) {
        return { ok: false, error: scrubValue(toAppError(thrown, options.log, command), options.scrub) };
      }
    },
  };
}
