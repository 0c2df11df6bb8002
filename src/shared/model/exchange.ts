import { z } from 'zod';
import { AppError, CertificateSummary } from '../api/errors';

export const HttpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
export type HttpMethod = z.infer<typeof HttpMethod>;

/** Ordered header list as seen on the wire (names keep their case; duplicates allowed). */
export const HeaderList = z.array(z.tuple([z.string(), z.string()]));
export type HeaderList = z.infer<typeof HeaderList>;

/** A body as the renderer sees it: a bounded preview, the whole body addressed by id in main. */
export const BodyInfo = z.object({
  /** bytes of the whole body as received (after content decoding) */
  size: z.number().int().min(0),
  contentType: z.string().optional(),
  /** the first part of the body as UTF-8 text, secrets replaced */
  preview: z.string(),
  /** true when `preview` is shorter than the body */
  truncated: z.boolean(),
  /** the whole body in main's blob store (`blobs.read`, or GET /api/blobs/<id> on the web host) */
  blobId: z.string().optional(),
  /** the body went over the size cap: it was cut at the cap and written to this file */
  cappedAt: z.number().int().optional(),
  savedTo: z.string().optional(),
});
export type BodyInfo = z.infer<typeof BodyInfo>;

/** Milliseconds spent in each phase; a phase that did not happen (reused connection) is absent. */
export const Timings = z.object({
  dns: z.number().optional(),
  connect: z.number().optional(),
  tls: z.number().optional(),
  /** request sent → first response byte */
  firstByte: z.number().optional(),
  download: z.number().optional(),
  total: z.number(),
});
export type Timings = z.infer<typeof Timings>;

export const TlsInfo = z.object({
  protocol: z.string().optional(),
  cipher: z.string().optional(),
  peerCertificate: CertificateSummary.optional(),
  /** the endpoint has certificate verification turned off: show a warning wherever this is shown */
  verificationDisabled: z.boolean(),
});
export type TlsInfo = z.infer<typeof TlsInfo>;

export const ExchangeRequest = z.object({
  method: z.string(),
  url: z.string(),
  /** as sent, with secret values replaced by a marker */
  headers: HeaderList,
  body: BodyInfo.optional(),
});
export type ExchangeRequest = z.infer<typeof ExchangeRequest>;

export const ExchangeResponse = z.object({
  status: z.number().int(),
  statusText: z.string(),
  httpVersion: z.string().optional(),
  headers: HeaderList,
  body: BodyInfo,
  remoteAddress: z.string().optional(),
});
export type ExchangeResponse = z.infer<typeof ExchangeResponse>;

/** One request and what came of it: everything a person debugging needs, nothing secret. */
export const HttpExchange = z.object({
  id: z.string(),
  endpointId: z.string().optional(),
  endpointName: z.string().optional(),
  /** ISO 8601 */
  startedAt: z.string(),
  request: ExchangeRequest,
  response: ExchangeResponse.optional(),
  error: AppError.optional(),
  timings: Timings,
  tls: TlsInfo.optional(),
  /** redirects followed, in order */
  redirects: z.array(z.object({ status: z.number().int(), url: z.string() })).default([]),
});
export type HttpExchange = z.infer<typeof HttpExchange>;
