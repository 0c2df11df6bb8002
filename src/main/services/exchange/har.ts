import type { HeaderList } from '@shared/model/exchange';
import type { ExchangeRecord } from '@shared/redact/exchanges';
import type { RedactionPreview } from '@shared/redact/options';
import type { ExportEnvironment } from './environment';
import { redactionSummary } from './replacements';

/** HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), as Chromium's DevTools imports it. */
export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    browser?: { name: string; version: string };
    pages: unknown[];
    entries: HarEntry[];
    comment?: string;
  };
}

interface NameValue {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: NameValue[];
    headers: NameValue[];
    queryString: NameValue[];
    postData?: { mimeType: string; text: string; params: NameValue[] };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: NameValue[];
    headers: NameValue[];
    content: { size: number; mimeType: string; text?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
    _error?: string;
  };
  cache: Record<string, never>;
  timings: { blocked: number; dns: number; connect: number; ssl: number; send: number; wait: number; receive: number };
  serverIPAddress?: string;
  _error?: string;
}

const headers = (list: HeaderList): NameValue[] => list.map(([name, value]) => ({ name, value }));
const header = (list: HeaderList, name: string) => list.find(([n]) => n.toLowerCase() === name)?.[1];
const utf8Length = (text: string | undefined) => (text === undefined ? 0 : new TextEncoder().encode(text).byteLength);

function queryString(url: string): NameValue[] {
  const query = url.split('#')[0]!.split('?').slice(1).join('?');
  if (!query) return [];
  return query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    return eq < 0 ? { name: decode(pair), value: '' } : { name: decode(pair.slice(0, eq)), value: decode(pair.slice(eq + 1)) };
  });
}

/** One HAR entry per record; records must have been redacted first (`preview` says how: the log's comment). */
export function toHar(records: readonly ExchangeRecord[], env: ExportEnvironment, preview?: RedactionPreview): Har {
  const entries = records.map(({ exchange, requestBody, responseBody }): HarEntry => {
    const { request, response, timings } = exchange;
    const httpVersion = response?.httpVersion ? `HTTP/${response.httpVersion.replace(/^HTTP\//i, '')}` : 'HTTP/1.1';
    const wait = timings.firstByte ?? Math.max(0, timings.total - (timings.download ?? 0) - (timings.connect ?? 0) - (timings.dns ?? 0) - (timings.tls ?? 0));
    const error = exchange.error ? `${exchange.error.kind}: ${exchange.error.message}` : undefined;
    const requestType = request.body?.contentType ?? header(request.headers, 'content-type') ?? 'application/octet-stream';
    const responseType = response?.body.contentType ?? (response ? header(response.headers, 'content-type') : undefined) ?? 'x-unknown';
    return {
      startedDateTime: exchange.startedAt,
      time: timings.total,
      request: {
        method: request.method,
        url: request.url,
        httpVersion,
        cookies: [],
        headers: headers(request.headers),
        queryString: queryString(request.url),
        ...(requestBody !== undefined ? { postData: { mimeType: requestType, text: requestBody, params: [] } } : {}),
        headersSize: -1,
        bodySize: requestBody === undefined ? 0 : utf8Length(requestBody),
      },
      response: {
        status: response?.status ?? 0,
        statusText: response?.statusText ?? '',
        httpVersion,
        cookies: [],
        headers: response ? headers(response.headers) : [],
        content: { size: response?.body.size ?? 0, mimeType: responseType, ...(responseBody !== undefined ? { text: responseBody } : {}) },
        redirectURL: (response && header(response.headers, 'location')) ?? '',
        headersSize: -1,
        bodySize: response ? (response.body.size ?? utf8Length(responseBody)) : -1,
        ...(error ? { _error: error } : {}),
      },
      cache: {},
      timings: {
        blocked: -1,
        dns: timings.dns ?? -1,
        connect: timings.connect ?? -1,
        ssl: timings.tls ?? -1,
        send: 0,
        wait,
        receive: timings.download ?? 0,
      },
      ...(response?.remoteAddress ? { serverIPAddress: response.remoteAddress } : {}),
      ...(error ? { _error: error } : {}),
    };
  });
  return {
    log: {
      version: '1.2',
      creator: { name: env.app.name, version: env.app.version },
      pages: [],
      entries,
      comment: preview ? redactionSummary(preview) : 'Secrets and the selected personal data were replaced before export.',
    },
  };
}
