import { z } from 'zod';

/** Which part of a request ran out of time. */
export const TimeoutPhase = z.enum(['connect', 'tls', 'headers', 'body', 'total']);
export type TimeoutPhase = z.infer<typeof TimeoutPhase>;

export const CertificateSummary = z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string().optional(),
  validTo: z.string().optional(),
  fingerprint256: z.string().optional(),
});
export type CertificateSummary = z.infer<typeof CertificateSummary>;

export const ValidationIssue = z.object({ path: z.string(), message: z.string() });
export type ValidationIssue = z.infer<typeof ValidationIssue>;

const base = { message: z.string(), hint: z.string().optional() };

/** Every error that crosses the API boundary is one of these. */
export const AppError = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('validation'), ...base, issues: z.array(ValidationIssue) }),
  z.object({ kind: z.literal('not-found'), ...base, what: z.string().optional() }),
  z.object({ kind: z.literal('conflict'), ...base }),
  z.object({ kind: z.literal('network'), ...base, code: z.string().optional() }),
  z.object({ kind: z.literal('dns'), ...base, host: z.string() }),
  z.object({ kind: z.literal('connect'), ...base, address: z.string().optional(), code: z.string().optional() }),
  z.object({ kind: z.literal('timeout'), ...base, phase: TimeoutPhase, afterMs: z.number() }),
  z.object({
    kind: z.literal('tls'),
    ...base,
    reason: z.string(),
    certificate: CertificateSummary.optional(),
  }),
  z.object({ kind: z.literal('http'), ...base, status: z.number().int() }),
  z.object({ kind: z.literal('cancelled'), ...base }),
  z.object({ kind: z.literal('keychain-unavailable'), ...base, platform: z.string() }),
  z.object({ kind: z.literal('storage'), ...base, path: z.string().optional() }),
  z.object({ kind: z.literal('unsupported'), ...base }),
  z.object({ kind: z.literal('unauthorized'), ...base }),
  z.object({ kind: z.literal('forbidden'), ...base }),
  z.object({ kind: z.literal('internal'), ...base, ref: z.string().optional() }),
]);
export type AppError = z.infer<typeof AppError>;
export type AppErrorKind = AppError['kind'];
export type AppErrorOf<K extends AppErrorKind> = Extract<AppError, { kind: K }>;

/** Thrown by services; the router turns it into an `AppError` answer. */
export class AppFailure extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
    this.error = error;
  }
}

type Fields<K extends AppErrorKind> = Omit<AppErrorOf<K>, 'kind' | 'message'>;

/** `throw fail('not-found', 'No endpoint with id "x"', { what: 'endpoint' })` */
export function fail<K extends AppErrorKind>(kind: K, message: string, ...fields: {} extends Fields<K> ? [Fields<K>?] : [Fields<K>]): AppFailure {
  return new AppFailure({ kind, message, ...(fields[0] ?? {}) } as AppError);
}

export function isAppFailure(value: unknown): value is AppFailure {
  return value instanceof AppFailure;
}

/** HTTP status the web bridge answers with for each kind of error. */
export function statusForError(error: AppError): number {
  switch (error.kind) {
    case 'validation':
      return 400;
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'unsupported':
      return 501;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'cancelled':
      return 499;
    case 'keychain-unavailable':
    case 'storage':
    case 'internal':
      return 500;
    default:
      return 502;
  }
}
