import type { BodyInfo, HttpExchange } from '../model/exchange';
import type { RedactionOptions, RedactionPreview, Replacement } from './options';
import { normalizeName } from './credential-names';
import { mergeReplacements, redactCredentials } from './credentials';
import { Redactor, type SecretValues } from './redactor';

/** An exchange with its whole bodies as text: what every export format is built from. */
export interface ExchangeRecord {
  exchange: HttpExchange;
  requestBody?: string | undefined;
  responseBody?: string | undefined;
  /** what was replaced before (history redacts at write time): an export lists it with its own */
  redactions?: Replacement[] | undefined;
}

function redactBodyInfo(redactor: Redactor, info: BodyInfo | undefined, whole: string | undefined): BodyInfo | undefined {
  if (!info) return undefined;
  const preview = whole !== undefined ? whole.slice(0, Math.max(info.preview.length, 0)) : redactor.redactText(info.preview);
  // local file paths and blob ids mean nothing outside this machine
  return { size: info.size, contentType: info.contentType, preview, truncated: info.truncated, ...(info.cappedAt !== undefined ? { cappedAt: info.cappedAt } : {}) };
}

export function redactExchange(redactor: Redactor, record: ExchangeRecord): ExchangeRecord {
  const { exchange } = record;
  const requestBody = record.requestBody === undefined ? undefined : redactor.redactBody(record.requestBody);
  const responseBody = record.responseBody === undefined ? undefined : redactor.redactBody(record.responseBody);
  const requestBodyInfo = redactBodyInfo(redactor, exchange.request.body, requestBody);
  const redacted: HttpExchange = {
    ...exchange,
    endpointName: exchange.endpointName === undefined ? undefined : redactor.redactText(exchange.endpointName),
    request: {
      method: exchange.request.method,
      url: redactor.redactUrl(exchange.request.url),
      headers: redactor.redactHeaders(exchange.request.headers),
      ...(requestBodyInfo ? { body: requestBodyInfo } : {}),
    },
    response: exchange.response && {
      ...exchange.response,
      statusText: redactor.redactText(exchange.response.statusText),
      headers: redactor.redactHeaders(exchange.response.headers),
      body: redactBodyInfo(redactor, exchange.response.body, responseBody)!,
    },
    error: exchange.error && redactor.redactStrings(exchange.error),
    redirects: exchange.redirects.map((r) => ({ status: r.status, url: redactor.redactUrl(r.url) })),
  };
  return { exchange: redacted, requestBody, responseBody };
}

/** Learns every personal value in the records, so the first mention is replaced like the last. */
export function observeExchanges(redactor: Redactor, records: readonly ExchangeRecord[]): void {
  for (const { exchange, requestBody, responseBody } of records) {
    redactor.observeUrl(exchange.request.url);
    for (const r of exchange.redirects) redactor.observeUrl(r.url);
    redactor.observeBody(requestBody ?? exchange.request.body?.preview);
    redactor.observeBody(responseBody ?? exchange.response?.body.preview);
  }
}

/**
 * One export's worth of exchanges: first the credentials of each (the same rule set history applies
 * at write time: entries written before a rule existed get it here), then one redactor for all, so
 * pseudonyms are consistent across them. The preview lists every replacement by kind and place.
 */
export function redactExchanges(
  records: readonly ExchangeRecord[],
  secrets: SecretValues,
  options: Partial<RedactionOptions> = {},
): { records: ExchangeRecord[]; preview: RedactionPreview; redactor: Redactor } {
  // an entry from history lists what was replaced when it was written; any other exchange is counted here, whole
  const credentials = records.map((record) => redactCredentials(record, secrets, { secretHeaders: options.secretHeaders ?? [], countEarlier: record.redactions === undefined }));
  const redactor = new Redactor(secrets, options);
  const clean = credentials.map((c) => c.record);
  observeExchanges(redactor, clean);
  const out = clean.map((record) => redactExchange(redactor, record));
  const replacements = mergeReplacements([...records.map((r) => r.redactions ?? []), ...credentials.map((c) => c.replacements)]);
  const preview = redactor.preview();
  const known = replacements.filter((r) => r.kind === 'known-secret' || r.kind === 'echoed-credential').reduce((sum, r) => sum + r.count, 0);
  // `password` attributes are credentials now: replaced by the rules, counted where the redactor used to count them
  const passwords = replacements.filter((r) => r.kind === 'json-member' && r.name !== undefined && normalizeName(r.name) === 'password').reduce((sum, r) => sum + r.count, 0);
  return { records: out, preview: { ...preview, secretValues: preview.secretValues + known, alwaysRedacted: preview.alwaysRedacted + passwords, replacements }, redactor };
}
