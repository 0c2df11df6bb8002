import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { AppError } from '@shared/api/errors';
import type { Endpoint } from '@shared/model/endpoint';
import type { HeaderList, HttpExchange, Timings, TlsInfo } from '@shared/model/exchange';
import { redactHeaders } from '@shared/redact/headers';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import type { BlobStore } from '../blobs/blob-store';
import { describeBody } from './body';
import type { RequestCapture } from './capture';
import type { ConnectionInfo } from './connector';
import type { SentHeads } from './sent-heads';
import { headerValue, receivedHeaders } from './wire-headers';

/** A response as undici's request API gives it, with the reason phrase of its status line. */
export interface ReceivedResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Dispatcher.ResponseData['body'];
}

export function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function headerList(headers: IncomingHttpHeaders): HeaderList {
  const out: HeaderList = [];
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const one of value) out.push([name, one]);
    else if (value !== undefined) out.push([name, value]);
  }
  return out;
}

export interface ExchangeParts {
  id: string;
  endpoint: Endpoint;
  startedAt: string;
  t0: number;
  end: number;
  url: string;
  method: string;
  headers: HeaderList;
  requestBody: Buffer | undefined;
  secretHeaders: string[];
  capture: RequestCapture | undefined;
  response: ReceivedResponse | undefined;
  read: { bytes: Buffer; capped: boolean } | undefined;
  error: AppError | undefined;
  redirects: { status: number; url: string }[];
  failedConnection: ConnectionInfo | undefined;
}

export interface ExchangeDeps {
  scrubber: SecretScrubber;
  blobs: BlobStore;
  previewBytes: number;
  capBytes: number;
  bodiesDir: string;
  /** the request heads seen lately, parsed and redacted */
  sentHeads: SentHeads;
}

export interface DescribedExchange {
  exchange: HttpExchange;
  /** for a response over the cap: writes its file (`exchange.response.body.savedTo`); await it before use */
  save?: () => Promise<void>;
}

const ms = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 100) / 100);

function headerValues(list: HeaderList | undefined, into: string[]): void {
  if (list) for (const [, value] of list) into.push(value);
}

/**
 * The exchange as the renderer and history see it: the headers as sent and received on the wire,
 * secret headers redacted, every known secret replaced by value in the URL, status text, header
 * values and bodies, large bodies as blobs.
 */
export function describeExchange(parts: ExchangeParts, deps: ExchangeDeps): DescribedExchange {
  const { scrubber, blobs } = deps;
  const { endpoint, capture, response, read } = parts;
  const limits = { previewBytes: deps.previewBytes, capBytes: deps.capBytes, scrubber, blobs };

  // a head from the wire comes redacted and scrubbed already; the headers as asked, if none was written
  const sentWire = capture?.rawHead !== undefined && capture.rawHead !== '' ? deps.sentHeads.describe(capture.rawHead, parts.secretHeaders, scrubber) : undefined;
  const sent = sentWire ?? redactHeaders(parts.headers, parts.secretHeaders);
  const raw = capture?.rawResponseHeaders;
  const fetched = response && !raw ? headerList(response.headers) : undefined;
  const { headers: received, contentType } = raw && response ? receivedHeaders(raw, parts.secretHeaders) : fetched ? { headers: redactHeaders(fetched, parts.secretHeaders), contentType: headerValue(fetched, 'content-type') } : { headers: undefined, contentType: undefined };
  // one search for every secret over all of the text; each piece is scrubbed only if one is there
  const requestType = parts.requestBody ? headerValue(parts.headers, 'content-type') : undefined;
  const texts = [parts.url, response?.statusText ?? '', requestType ?? ''];
  if (!sentWire) headerValues(sent, texts);
  headerValues(received, texts);
  const dirty = scrubber.containsAny(texts);
  const scrub = (text: string) => (dirty ? scrubber.scrub(text) : text);
  const scrubList = (list: HeaderList): HeaderList => (dirty ? list.map(([name, value]) => [name, scrubber.scrub(value)]) : list);

  const connection = capture?.connection ?? parts.failedConnection;
  const fresh = capture ? capture.newConnection : parts.failedConnection !== undefined;
  const timings: Timings = {
    dns: fresh ? ms(connection?.dnsMs) : undefined,
    connect: fresh ? ms(connection?.connectMs) : undefined,
    tls: fresh ? ms(connection?.tlsMs) : undefined,
    firstByte: capture?.responseStart !== undefined && capture.requestStart !== undefined ? ms(capture.responseStart - capture.requestStart) : undefined,
    download: capture?.responseStart !== undefined && read ? ms(parts.end - capture.responseStart) : undefined,
    total: ms(parts.end - parts.t0)!,
  };
  const tls: TlsInfo | undefined = connection?.tls ? { ...connection.tls, verificationDisabled: !endpoint.tls.verify } : parts.url.startsWith('https:') ? { verificationDisabled: !endpoint.tls.verify } : undefined;

  const exchange: HttpExchange = {
    id: parts.id,
    endpointId: endpoint.id,
    endpointName: endpoint.name,
    startedAt: parts.startedAt,
    request: {
      method: parts.method,
      url: scrub(parts.url),
      headers: sentWire ?? scrubList(sent),
      body: parts.requestBody ? describeBody(parts.requestBody, { ...limits, contentType: requestType === undefined ? undefined : scrub(requestType) }).info : undefined,
    },
    timings,
    tls,
    redirects: parts.redirects,
  };
  if (parts.error) exchange.error = parts.error;
  if (!response || !read || !received) return { exchange };
  const body = describeBody(read.bytes, { ...limits, contentType: contentType === undefined ? undefined : scrub(contentType), capped: read.capped, bodiesDir: deps.bodiesDir, exchangeId: parts.id });
  exchange.response = {
    status: response.status,
    statusText: scrub(response.statusText),
    httpVersion: '1.1',
    headers: scrubList(received),
    body: body.info,
    remoteAddress: connection?.remoteAddress ? `${connection.remoteAddress}${connection.via ? ` (proxy ${connection.via})` : ''}` : undefined,
  };
  return { exchange, save: body.save };
}
