import type { BodyInfo, HttpExchange } from '@shared/model/exchange';
import { HISTORY_ENTRY_VERSION } from '@shared/model/history';
import type { Replacement } from '@shared/redact/options';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import type { CompletedExchange } from '../exchange-sink';
import { redactForHistory } from './write-redaction';

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
  /** what was replaced when it was written (kind, name, place, count; never a value) */
  redactions?: Replacement[];
}

/** Redaction at write time (`write-redaction.ts`); personal data is kept, exports pseudonymise it. */
export class HistoryRedaction {
  constructor(private readonly scrubber: SecretScrubber) {}

  row(completed: CompletedExchange, inlineBodyBytes: number): EntryRow {
    const { exchange, requestText, responseText, replacements } = redactForHistory(completed, this.scrubber);
    const url = exchange.request.url;
    const stripBody = (info: BodyInfo | undefined): BodyInfo | undefined =>
      info && { size: info.size, contentType: info.contentType, preview: '', truncated: info.truncated, cappedAt: info.cappedAt, savedTo: info.savedTo };
    const requestBody = stripBody(exchange.request.body);
    const clean: HttpExchange = {
      ...exchange,
      request: { method: exchange.request.method, url, headers: exchange.request.headers, ...(requestBody ? { body: requestBody } : {}) },
      response: exchange.response && { ...exchange.response, body: stripBody(exchange.response.body)! },
    };
    const meta: EntryMeta = { v: HISTORY_ENTRY_VERSION, exchange: clean, ...(replacements.length > 0 ? { redactions: replacements } : {}) };
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
      // every string of the exchange went through the redaction already (error texts, TLS names…)
      meta: JSON.stringify(meta),
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
