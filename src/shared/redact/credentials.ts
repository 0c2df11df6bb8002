import type { BodyInfo, HeaderList, HttpExchange } from '../model/exchange';
import { CredentialRules } from './credential-rules';
import type { ExchangeRecord } from './exchanges';
import type { Replacement } from './options';
import type { SecretValues } from './redactor';
import { scrubStrings } from './scrub-value';
import { REDACTED, SecretScrubber } from './secret-scrubber';

export interface CredentialOptions {
  /** more header names whose value is a credential (the endpoints' API-key headers) */
  secretHeaders?: readonly string[];
  /**
   * credentials the engine met in this exchange and the vault does not hold (a token typed into an
   * Authorization header, an `access_token` in the URL): replaced wherever else they appear in it
   */
  exchangeSecrets?: readonly string[];
  /**
   * count what was replaced before this pass too (by the engine, as the exchange was received), so
   * the list says everything replaced: history does, and exports of exchanges that history did not see
   */
  countEarlier?: boolean;
}

export interface RedactedCredentials {
  record: ExchangeRecord;
  /** what was replaced: kind, name, where, how often (never a value) */
  replacements: Replacement[];
}

function countOf(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) n++;
  return n;
}

function contentTypeOf(info: BodyInfo | undefined, headers: HeaderList | undefined): string | undefined {
  if (info?.contentType) return info.contentType;
  return headers?.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
}

/**
 * Credentials out of one exchange, for history (at write time) and every export: secret headers by
 * name; URL parameters, form fields and JSON members named like secrets (in bodies that do not parse
 * too); every secret value the scrubber knows (vault entries, the exact values the engine sent);
 * and every credential found by those rules or met by the engine, wherever else it shows up in the
 * exchange (a server echoing the request). Personal data is left alone (exports pseudonymise it).
 */
export function redactCredentials(record: ExchangeRecord, scrubber: SecretValues, options: CredentialOptions = {}): RedactedCredentials {
  const rules = new CredentialRules(options.secretHeaders ?? [], options.countEarlier ?? false);
  const { exchange } = record;
  const { request, response } = exchange;
  const earlier = options.countEarlier ? markersByPlace(record) : undefined;

  // pass 1: by name and by place, learning each credential value found
  const url = rules.url(request.url, 'URL');
  const redirects = exchange.redirects.map((r) => ({ status: r.status, url: rules.url(r.url, 'redirects') }));
  const requestHeaders = rules.headers(request.headers, 'request headers');
  const requestType = contentTypeOf(request.body, request.headers);
  const requestBody = record.requestBody === undefined ? undefined : rules.body(record.requestBody, 'request body', requestType);
  const requestPreview = request.body && record.requestBody === undefined ? rules.body(request.body.preview, 'request body', requestType) : undefined;
  const responseHeaders = response && rules.headers(response.headers, 'response headers');
  const responseType = response && contentTypeOf(response.body, response.headers);
  const responseBody = record.responseBody === undefined ? undefined : rules.body(record.responseBody, 'response body', responseType);
  const responsePreview = response && record.responseBody === undefined ? rules.body(response.body.preview, 'response body', responseType) : undefined;

  // markers no named rule accounts for: secret values replaced as the exchange was received
  if (earlier) for (const [where, total] of earlier) rules.count('known-secret', undefined, where, total - rules.markersAttributed(where));

  // pass 2: known secret values, then the credentials this exchange carried, wherever they appear
  const learned = [...rules.found, ...(options.exchangeSecrets ?? [])];
  let echoes: SecretScrubber | undefined;
  if (learned.length > 0) {
    echoes = new SecretScrubber();
    echoes.hold('exchange', { secrets: learned });
    if (echoes.size === 0) echoes = undefined;
  }
  const scrub = (text: string, where: string): string => {
    if (text.length === 0) return text;
    let out = scrubber.scrub(text);
    if (out !== text) rules.count('known-secret', undefined, where, countOf(out, REDACTED) - countOf(text, REDACTED));
    if (echoes) {
      const again = echoes.scrub(out);
      if (again !== out) rules.count('echoed-credential', undefined, where, countOf(again, REDACTED) - countOf(out, REDACTED));
      out = again;
    }
    return out;
  };
  const scrubHeaders = (list: HeaderList, where: string): HeaderList => {
    let out: HeaderList | undefined;
    list.forEach(([name, value], i) => {
      const clean = scrub(value, where);
      if (clean !== value) (out ??= list.slice())[i] = [name, clean];
    });
    return out ?? list;
  };
  const body = (info: BodyInfo | undefined, whole: string | undefined, preview: string | undefined): BodyInfo | undefined => {
    if (!info) return undefined;
    const shown = whole !== undefined ? whole.slice(0, info.preview.length) : (preview ?? info.preview);
    return { ...info, preview: shown };
  };

  const cleanRequestBody = requestBody === undefined ? undefined : scrub(requestBody, 'request body');
  const cleanResponseBody = responseBody === undefined ? undefined : scrub(responseBody, 'response body');
  const requestInfo = body(request.body, cleanRequestBody, requestPreview === undefined ? undefined : scrub(requestPreview, 'request body'));
  const clean: HttpExchange = {
    ...exchange,
    request: {
      method: request.method,
      url: scrub(url, 'URL'),
      headers: scrubHeaders(requestHeaders, 'request headers'),
      ...(requestInfo ? { body: requestInfo } : {}),
    },
    redirects: redirects.map((r) => ({ status: r.status, url: scrub(r.url, 'redirects') })),
  };
  if (response) {
    clean.response = {
      ...response,
      headers: scrubHeaders(responseHeaders!, 'response headers'),
      body: body(response.body, cleanResponseBody, responsePreview === undefined ? undefined : scrub(responsePreview, 'response body'))!,
    };
  }
  // everything else a server or the network put into the exchange: status text, error texts, TLS names
  const others = { endpointName: clean.endpointName, statusText: clean.response?.statusText, error: clean.error, tls: clean.tls };
  const cleanOthers = scrubStrings(others, (text) => scrub(text, 'other fields'));
  if (cleanOthers !== others) {
    if (cleanOthers.endpointName !== undefined) clean.endpointName = cleanOthers.endpointName;
    if (clean.response && cleanOthers.statusText !== undefined) clean.response.statusText = cleanOthers.statusText;
    if (cleanOthers.error) clean.error = cleanOthers.error;
    if (cleanOthers.tls) clean.tls = cleanOthers.tls;
  }
  return { record: { exchange: clean, requestBody: cleanRequestBody, responseBody: cleanResponseBody }, replacements: rules.replacements() };
}

/** `[REDACTED]` markers already in each part of a record. */
function markersByPlace(record: ExchangeRecord): Map<string, number> {
  const { request, response } = record.exchange;
  const inAll = (texts: readonly string[]) => texts.reduce((n, text) => n + countOf(text, REDACTED), 0);
  const out = new Map<string, number>();
  const add = (where: string, n: number) => {
    if (n > 0) out.set(where, n);
  };
  add('URL', countOf(request.url, REDACTED));
  add('redirects', inAll(record.exchange.redirects.map((r) => r.url)));
  add('request headers', inAll(request.headers.map(([, v]) => v)));
  add('request body', countOf(record.requestBody ?? request.body?.preview ?? '', REDACTED));
  add('response headers', inAll((response?.headers ?? []).map(([, v]) => v)));
  add('response body', countOf(record.responseBody ?? response?.body.preview ?? '', REDACTED));
  return out;
}

/** Adds up replacement counts of several exchanges (same kind, name and place: one row). */
export function mergeReplacements(lists: readonly Replacement[][]): Replacement[] {
  const merged = new Map<string, Replacement>();
  for (const list of lists) {
    for (const r of list) {
      const key = `${r.kind}\u0000${r.name ?? ''}\u0000${r.where}`;
      const known = merged.get(key);
      if (known) known.count += r.count;
      else merged.set(key, { ...r });
    }
  }
  const order = ['secret-header', 'known-secret', 'user-info', 'url-parameter', 'form-field', 'json-member', 'text-field', 'echoed-credential'];
  return [...merged.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.name ?? '').localeCompare(b.name ?? '') || a.where.localeCompare(b.where));
}
