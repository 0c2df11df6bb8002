import type { RunResult, ScimFinding } from '@shared/model/collection-run';
import type { AssertionResult } from '@shared/model/assertion';
import type { HeaderList } from '@shared/model/exchange';
import type { ExchangeRecord } from '@shared/redact/exchanges';
import type { RedactionPreview } from '@shared/redact/options';
import type { ExportEnvironment } from './environment';
import type { ExchangeNotes } from './notes';
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
    /** a collection run's steps (also those that got no answer), summary and comparison with the run before */
    _run?: unknown;
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
  /** SCIM Inspector's findings on the answer (RFC 7643/7644 checks), most severe first */
  _scimFindings?: ScimFinding[];
  /** what the checks read the answer as, and how many findings of each severity */
  _scimChecks?: { scope: string; errors: number; warnings: number; info: number; listed: number };
  /** the collection run step that sent this request, and its assertions (expected `value`, `actual`) */
  _step?: { name: string; passed: boolean };
  _assertions?: AssertionResult[];
}

export interface HarExtras {
  notes?: readonly ExchangeNotes[];
  run?: RunResult | undefined;
}

function noteFields(note: ExchangeNotes | undefined): Partial<HarEntry> {
  if (!note) return {};
  const out: Partial<HarEntry> = {};
  if (note.checks) {
    out._scimChecks = { scope: note.checks.scope, errors: note.checks.counts.error, warnings: note.checks.counts.warning, info: note.checks.counts.info, listed: note.checks.findings.length };
    out._scimFindings = note.checks.findings;
  }
  if (note.step) {
    out._step = { name: note.step.name, passed: note.step.ok };
    out._assertions = note.step.assertions;
  }
  return out;
}

/** The run as a HAR log's custom field. */
export function runField(run: RunResult): unknown {
  return {
    collection: run.collectionName,
    item: run.itemName || '(whole collection)',
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    cancelled: run.cancelled,
    ...(run.summary ? { summary: run.summary } : {}),
    ...(run.comparison ? { comparison: run.comparison } : {}),
    steps: run.steps.map((s) => ({
      name: s.name,
      method: s.method,
      path: s.path,
      status: s.status ?? null,
      passed: s.ok,
      ...(s.error ? { error: `${s.error.kind}: ${s.error.message}` } : {}),
      assertions: s.assertions,
      ...(s.exchangeId ? { exchange: s.exchangeId } : {}),
    })),
  };
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
export function toHar(records: readonly ExchangeRecord[], env: ExportEnvironment, preview?: RedactionPreview, extras: HarExtras = {}): Har {
  const entries = records.map(({ exchange, requestBody, responseBody }, index): HarEntry => {
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
      ...noteFields(extras.notes?.[index]),
    };
  });
  return {
    log: {
      version: '1.2',
      creator: { name: env.app.name, version: env.app.version },
      pages: [],
      entries,
      comment: preview ? redactionSummary(preview) : 'Secrets and the selected personal data were replaced before export.',
      ...(extras.run ? { _run: runField(extras.run) } : {}),
    },
  };
}
