import type { BodyInfo, HeaderList, HttpExchange } from '@shared/model/exchange';
import { HISTORY_ENTRY_VERSION } from '@shared/model/history';
import { redactHeaders } from '@shared/redact/headers';
import { Redactor } from '@shared/redact/redactor';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import type { CompletedExchange } from '../exchange-sink';

/** A body as stored: the first part inline (searchable), the whole of a large one in a file. */
export interface StoredBody {
  inline: string | null;
  /** the whole redacted text, to be written to a file (absent when it fits inline) */
  whole?: string;
}

/** One history row ready to insert: everything in it is redacted already. */
export interface EntryRow {
  uid: string;
  startedAt: number;
  endpointId: string | null;
  endpointName: string | null;
  method: string;
  url: string;
  status: number | null;
  errorKind: string | null;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
  request: StoredBody;
  response: StoredBody;
  meta: string;
  groupId: string | null;
  groupLabel: string | null;
}

/** What the `meta` column holds: the exchange without body texts (they have columns and files). */
export interface EntryMeta {
  v: number;
  exchange: HttpExchange;
}

const decoder = new TextDecoder('utf-8');
const PASSWORD_IN_JSON = /"password"/i;

function bodyText(bytes: Uint8Array | undefined, info: BodyInfo | undefined): string | undefined {
  if (bytes) return decoder.decode(bytes);
  return info?.preview || undefined;
}

/**
 * Redaction at write time: secret headers by name, every known secret value anywhere (URL,
 * headers, bodies, error texts), and `password` attribute values. Personal data is kept:
 * history is the user's own record; exports pseudonymise it.
 */
export class HistoryRedaction {
  constructor(private readonly scrubber: SecretScrubber) {}

  /**
   * One exchange's bodies: a known secret by value; `password` attributes through the redactor,
   * which then also replaces those passwords wherever else they appear (a server echoing the
   * request inside a string). The redactor is made only when needed (most exchanges need none).
   */
  bodies(texts: (string | undefined)[]): (string | undefined)[] {
    let redactor: Redactor | undefined;
    return texts.map((text) => {
      if (text === undefined) return undefined;
      if (!redactor && !PASSWORD_IN_JSON.test(text)) return this.scrubber.scrub(text);
      redactor ??= new Redactor(this.scrubber, { personalData: [] });
      return redactor.redactBody(text);
    });
  }

  url(url: string): string {
    return this.scrubber.contains(url) || /^[a-z]+:\/\/[^/]*@/i.test(url) || url.includes('%') ? new Redactor(this.scrubber, { personalData: [] }).redactUrl(url) : url;
  }

  headers(headers: HeaderList): HeaderList {
    return redactHeaders(headers).map(([name, value]) => [name, this.scrubber.scrub(value)]);
  }

  row(completed: CompletedExchange, inlineBodyBytes: number): EntryRow {
    const { exchange } = completed;
    const [requestText, responseText] = this.bodies([
      bodyText(completed.requestBody, exchange.request.body),
      bodyText(completed.responseBody, exchange.response?.body),
    ]);
    const url = this.url(exchange.request.url);
    const stripBody = (info: BodyInfo | undefined): BodyInfo | undefined =>
      info && { size: info.size, contentType: info.contentType, preview: '', truncated: info.truncated, cappedAt: info.cappedAt, savedTo: info.savedTo };
    const requestBody = stripBody(exchange.request.body);
    const clean: HttpExchange = {
      ...exchange,
      request: { method: exchange.request.method, url, headers: this.headers(exchange.request.headers), ...(requestBody ? { body: requestBody } : {}) },
      response: exchange.response && { ...exchange.response, headers: this.headers(exchange.response.headers), body: stripBody(exchange.response.body)! },
      redirects: exchange.redirects.map((r) => ({ status: r.status, url: this.url(r.url) })),
    };
    const meta: EntryMeta = { v: HISTORY_ENTRY_VERSION, exchange: clean };
    const started = Date.parse(exchange.startedAt);
    return {
      uid: exchange.id,
      startedAt: Number.isFinite(started) ? started : Date.now(),
      endpointId: exchange.endpointId ?? null,
      endpointName: exchange.endpointName ?? null,
      method: exchange.request.method,
      url,
      status: exchange.response?.status ?? null,
      errorKind: exchange.error?.kind ?? null,
      durationMs: exchange.timings.total,
      requestBytes: completed.requestBody?.byteLength ?? exchange.request.body?.size ?? 0,
      responseBytes: completed.responseBody?.byteLength ?? exchange.response?.body.size ?? 0,
      request: store(requestText, inlineBodyBytes),
      response: store(responseText, inlineBodyBytes),
      // known secrets anywhere else the exchange carries them (error texts, TLS names…)
      meta: this.scrubber.scrub(JSON.stringify(meta)),
      groupId: completed.group?.id ?? null,
      groupLabel: completed.group ? this.scrubber.scrub(completed.group.label) : null,
    };
  }
}

/** Cuts a body at `inlineBytes` (UTF-8) for the row; the whole text goes to a file past that. */
function store(text: string | undefined, inlineBytes: number): StoredBody {
  if (text === undefined) return { inline: null };
  // a UTF-8 character is at most 3 bytes per UTF-16 unit: short strings need no measuring
  if (text.length * 3 <= inlineBytes || Buffer.byteLength(text) <= inlineBytes) return { inline: text };
  let inline = Buffer.from(text).subarray(0, inlineBytes).toString('utf8');
  if (inline.endsWith('\uFFFD')) inline = inline.slice(0, -1);
  return { inline, whole: text };
}
