import type { CheckResult, ConformanceRun } from '../model/conformance';
import type { HeaderList } from '../model/exchange';
import { observeExchanges, redactExchange, type ExchangeRecord } from '../redact/exchanges';
import type { RedactionOptions, RedactionPreview } from '../redact/options';
import { Redactor, type SecretValues } from '../redact/redactor';

/** What a report shows of one exchange: already redacted, bodies cut to the report's limit. */
export interface ExchangeEvidence {
  id: string;
  method: string;
  url: string;
  /** absent when no answer came */
  status?: number;
  statusText?: string;
  /** why no answer came */
  error?: string;
  durationMs: number;
  requestHeaders: HeaderList;
  requestBody?: string;
  responseHeaders: HeaderList;
  responseBody?: string;
  /** characters left out of a body cut at the limit */
  requestBodyCut?: number;
  responseBodyCut?: number;
}

/**
 * What the report builders read of a run: a conformance run, or a run of the IdP simulator shaped like
 * one (`simulate` on the command line: each step a check, its profile a client profile such as `entra-flag`).
 */
export type ReportRun = Omit<ConformanceRun, 'profile'> & {
  profile: string;
  /** the command that made it (default `conformance`) */
  command?: 'conformance' | 'simulate';
};

/** Everything a report builder reads. Nothing in it is secret or personal beyond what the user chose. */
export interface ReportInput {
  run: ReportRun;
  /** by exchange id; an id a check cites may be missing (history off, or pruned) */
  exchanges: Readonly<Record<string, ExchangeEvidence>>;
  /** ISO 8601 */
  generatedAt: string;
  /** what was redacted, for the report's closing note */
  redaction: RedactionPreview;
}

export interface PrepareOptions {
  redaction: Partial<RedactionOptions>;
  /** characters of each body kept in the report */
  bodyLimit: number;
  generatedAt: string;
}

function cut(text: string | undefined, limit: number): { text?: string; cut?: number } {
  if (text === undefined || text === '') return {};
  if (text.length <= limit) return { text };
  return { text: text.slice(0, limit), cut: text.length - limit };
}

function evidence(record: ExchangeRecord, limit: number): ExchangeEvidence {
  const { exchange } = record;
  const request = cut(record.requestBody ?? exchange.request.body?.preview, limit);
  const response = cut(record.responseBody ?? exchange.response?.body.preview, limit);
  return {
    id: exchange.id,
    method: exchange.request.method,
    url: exchange.request.url,
    ...(exchange.response ? { status: exchange.response.status, statusText: exchange.response.statusText } : {}),
    ...(exchange.error ? { error: `${exchange.error.kind}: ${exchange.error.message}` } : {}),
    durationMs: exchange.timings.total,
    requestHeaders: exchange.request.headers,
    ...(request.text !== undefined ? { requestBody: request.text } : {}),
    ...(request.cut ? { requestBodyCut: request.cut } : {}),
    responseHeaders: exchange.response?.headers ?? [],
    ...(response.text !== undefined ? { responseBody: response.text } : {}),
    ...(response.cut ? { responseBodyCut: response.cut } : {}),
  };
}

/** The findings; titles and sections are the catalogue's own words and stay as they are. */
function redactCheck(redactor: Redactor, check: CheckResult): CheckResult {
  const text = (value: string | undefined) => (value === undefined ? undefined : redactor.redactText(value));
  return {
    ...check,
    detail: redactor.redactText(check.detail),
    ...(check.expected !== undefined ? { expected: text(check.expected) } : {}),
    ...(check.actual !== undefined ? { actual: text(check.actual) } : {}),
    ...(check.fix !== undefined ? { fix: text(check.fix) } : {}),
  };
}

/**
 * A run and the exchanges its checks cite through ONE redactor (the export's options): secrets
 * always go, the ticked personal data gets the same placeholder in the findings as in the bodies.
 */
export function prepareReport(run: ReportRun, records: readonly ExchangeRecord[], secrets: SecretValues, options: PrepareOptions): ReportInput {
  const redactor = new Redactor(secrets, options.redaction);
  // discovery documents describe the server, not people: their `name` ("User") is not a person's name
  const discoveryRedactor = new Redactor(secrets, { personalData: [], secretHeaders: options.redaction.secretHeaders ?? [] });
  const people = records.filter((r) => !isDiscoveryDocument(r));
  observeExchanges(redactor, people);
  redactor.observeUrl(run.target.url);
  const exchanges: Record<string, ExchangeEvidence> = {};
  for (const record of records) {
    const redacted = redactExchange(isDiscoveryDocument(record) ? discoveryRedactor : redactor, record);
    exchanges[record.exchange.id] = evidence(redacted, options.bodyLimit);
  }
  const redactedRun: ReportRun = {
    ...run,
    target: {
      url: redactor.redactUrl(run.target.url),
      ...(run.target.endpointId !== undefined ? { endpointId: run.target.endpointId } : {}),
      ...(run.target.endpointName !== undefined ? { endpointName: redactor.redactText(run.target.endpointName) } : {}),
    },
    checks: run.checks.map((check) => redactCheck(redactor, check)),
    leftovers: run.leftovers.map((l) => ({ endpoint: redactor.redactText(l.endpoint), id: redactor.redactText(l.id), reason: redactor.redactText(l.reason) })),
  };
  return { run: redactedRun, exchanges, generatedAt: options.generatedAt, redaction: mergePreviews(redactor.preview(), discoveryRedactor.preview()) };
}

const DISCOVERY_PATH = /\/(ServiceProviderConfigs?|ResourceTypes|Schemas)(\/[^?#]*)?([?#]|$)/i;

/** A GET of /ServiceProviderConfig, /ResourceTypes or /Schemas (or one of their entries). */
function isDiscoveryDocument(record: ExchangeRecord): boolean {
  return record.exchange.request.method.toUpperCase() === 'GET' && DISCOVERY_PATH.test(record.exchange.request.url);
}

function mergePreviews(people: RedactionPreview, discovery: RedactionPreview): RedactionPreview {
  const headers = new Map(people.secretHeaders.map((h) => [h.name, h.count]));
  for (const h of discovery.secretHeaders) headers.set(h.name, (headers.get(h.name) ?? 0) + h.count);
  return {
    ...people,
    secretHeaders: [...headers].map(([name, count]) => ({ name, count })).sort((a, b) => a.name.localeCompare(b.name)),
    secretValues: people.secretValues + discovery.secretValues,
    alwaysRedacted: people.alwaysRedacted + discovery.alwaysRedacted,
  };
}

export const STATUS_LABEL = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' } as const;

/** `GET /scim/v2/Users?count=1 → 200 OK (12 ms)` */
export function exchangeLine(e: ExchangeEvidence): string {
  const outcome = e.status !== undefined ? `${e.status}${e.statusText ? ` ${e.statusText}` : ''}` : `no answer${e.error ? ` (${e.error})` : ''}`;
  return `${e.method} ${e.url} → ${outcome} (${e.durationMs < 10 ? e.durationMs.toFixed(1) : Math.round(e.durationMs)} ms)`;
}

/** Checks grouped in the order they first appear (the catalogue's order). */
export function byGroup(checks: readonly CheckResult[]): { group: string; checks: CheckResult[] }[] {
  const groups = new Map<string, CheckResult[]>();
  for (const check of checks) {
    const list = groups.get(check.group);
    if (list) list.push(check);
    else groups.set(check.group, [check]);
  }
  return [...groups].map(([group, list]) => ({ group, checks: list }));
}

/** `scim-conformance-2026-01-31T10-00-00.<ext>` */
export function reportFileName(run: ReportRun, extension: string): string {
  return `scim-${run.command === 'simulate' ? 'simulation' : 'conformance'}-${run.startedAt.slice(0, 19).replace(/:/g, '-')}.${extension}`;
}
