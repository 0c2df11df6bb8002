import type { HttpExchange } from '@shared/model/exchange';
import type { RequestSpec } from '@shared/model/request-spec';
import type { ApiClient } from '../../../transport/client';
import { loadBody } from '../body/load-body';
import type { BodyService } from '../worker/body-service';
import { collectionPath, withPaging } from './paging-spec';

export type PagingMode = 'index' | 'cursor';

/** One page fetched by "Fetch all pages". */
export interface FetchedPage {
  number: number;
  /** what was asked: the startIndex, or the cursor ('' for the first page) */
  startIndex?: number;
  cursor?: string;
  /** the body, still open in the body service (for other columns later) */
  doc: string;
  resources: number;
  status: number;
  ms: number;
}

export interface Duplicate {
  id: string;
  /** 0-based positions across all pages where it appeared first and again */
  first: number;
  again: number;
}

export interface FetchAllReport {
  state: 'running' | 'complete' | 'cancelled' | 'failed';
  mode: PagingMode;
  pages: FetchedPage[];
  /** resources fetched so far, over every page */
  fetched: number;
  /** the latest `totalResults` the server gave */
  totalResults?: number;
  /** every different `totalResults` seen, in order (more than one: the list changed while paging) */
  totalsSeen: number[];
  uniqueIds: number;
  duplicates: Duplicate[];
  /** how many more duplicates there were than `duplicates` lists */
  moreDuplicates: number;
  /** resources without a string `id` */
  withoutId: number;
  /** `totalResults` minus the distinct resources found, once complete (0 when none is missing) */
  missing?: number;
  /** other things noticed while paging, in words */
  problems: string[];
  error?: string;
}

export interface FetchAllOptions {
  client: ApiClient;
  service: BodyService;
  /** the request that produced the list; its paging parameters are replaced */
  spec: RequestSpec;
  mode: PagingMode;
  /** page size to ask for (absent: the server's default) */
  count?: number;
  signal: AbortSignal;
  onUpdate(report: FetchAllReport): void;
  /** pages to stop after, whatever the server says (a guard against a server that never ends) */
  maxPages?: number;
}

const LISTED_DUPLICATES = 200;

let nextRequest = 0;
const requestId = () => `fetch-all-${Date.now().toString(36)}-${++nextRequest}`;
let nextRun = 0;

/** The pages of one "Fetch all pages" are one run in history: one row that expands to them. */
function historyGroup(spec: RequestSpec): { id: string; label: string } {
  const id = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${++nextRun}`;
  return { id: `fetch-all-${id}`, label: `All pages of ${spec.method} ${collectionPath(spec)}` };
}

function describeFailure(exchange: HttpExchange, page: number): string {
  if (exchange.error) return `Page ${page} failed: ${exchange.error.message}`;
  const response = exchange.response!;
  let detail = '';
  try {
    const body = JSON.parse(response.body.preview) as { detail?: unknown };
    if (typeof body.detail === 'string') detail = `: ${body.detail}`;
  } catch {
    // not JSON: the status says enough
  }
  return `Page ${page} answered ${response.status} ${response.statusText}${detail}`;
}

/**
 * Fetches every page of a list, one request after another (index paging by `startIndex`, or RFC 9865
 * cursors), and checks as it goes that the order is stable: no resource served twice, none left out.
 * Reports after each page; on abort, cancels the request in flight and reports what it had.
 */
export async function fetchAllPages(options: FetchAllOptions): Promise<FetchAllReport> {
  const { client, service, spec, mode, count, signal, onUpdate } = options;
  const maxPages = options.maxPages ?? 100_000;
  const report: FetchAllReport = { state: 'running', mode, pages: [], fetched: 0, totalsSeen: [], uniqueIds: 0, duplicates: [], moreDuplicates: 0, withoutId: 0, problems: [] };
  const seen = new Map<string, number>();
  const cursorsSeen = new Set<string>();
  let inFlight: string | undefined;
  const onAbort = () => {
    if (inFlight) void client.call('http.cancel', { requestId: inFlight }).catch(() => undefined);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const publish = () => onUpdate({ ...report, pages: [...report.pages], duplicates: [...report.duplicates], problems: [...report.problems], totalsSeen: [...report.totalsSeen] });

  let startIndex = 1;
  let cursor: string | undefined = '';
  const group = historyGroup(spec);
  try {
    for (let number = 1; ; number++) {
      if (signal.aborted) break;
      if (number > maxPages) {
        report.problems.push(`Stopped after ${maxPages} pages without reaching the end.`);
        break;
      }
      const pageSpec = withPaging(spec, mode === 'index' ? { startIndex, count: count ?? undefined, cursor: null } : { cursor: cursor ?? '', count: count ?? undefined, startIndex: null });
      const started = performance.now();
      inFlight = requestId();
      const exchange = await client.call('http.send', { requestId: inFlight, spec: pageSpec, group });
      inFlight = undefined;
      if (signal.aborted || exchange.error?.kind === 'cancelled') break;
      if (exchange.error || !exchange.response || exchange.response.status < 200 || exchange.response.status > 299) {
        report.state = 'failed';
        report.error = describeFailure(exchange, number);
        break;
      }
      const body = await loadBody(client, service, exchange.response.body, { signal });
      if (signal.aborted) {
        void service.request({ op: 'close', doc: body.doc });
        break;
      }
      const list = body.analysis.list;
      if (body.analysis.kind !== 'list' || !list) {
        void service.request({ op: 'close', doc: body.doc });
        report.state = 'failed';
        report.error = `Page ${number} is not a ListResponse${body.analysis.syntaxError ? ` (not valid JSON: ${body.analysis.syntaxError.message})` : ''}`;
        break;
      }
      const ids = await service.request({ op: 'ids', doc: body.doc });
      const offset = report.fetched;
      ids.forEach((id, i) => {
        const at = offset + i;
        if (id === null) {
          report.withoutId++;
          return;
        }
        const first = seen.get(id);
        if (first === undefined) seen.set(id, at);
        else if (report.duplicates.length < LISTED_DUPLICATES) report.duplicates.push({ id, first, again: at });
        else report.moreDuplicates++;
      });
      report.fetched += ids.length;
      report.uniqueIds = seen.size;
      report.pages.push({
        number,
        ...(mode === 'index' ? { startIndex } : { cursor: cursor ?? '' }),
        doc: body.doc,
        resources: ids.length,
        status: exchange.response.status,
        ms: Math.round(performance.now() - started),
      });
      if (list.totalResults !== undefined) {
        if (report.totalsSeen.at(-1) !== list.totalResults) report.totalsSeen.push(list.totalResults);
        report.totalResults = list.totalResults;
      }
      if (mode === 'index' && list.startIndex !== undefined && list.startIndex !== startIndex) {
        report.problems.push(`Page ${number}: asked for startIndex ${startIndex}, the server answered startIndex ${list.startIndex}.`);
      }
      if (count !== undefined && ids.length > count) report.problems.push(`Page ${number}: ${ids.length} resources, more than the ${count} asked for.`);
      publish();

      if (mode === 'cursor') {
        const next = list.nextCursor;
        if (!next) break;
        if (cursorsSeen.has(next)) {
          report.problems.push(`Page ${number}: the server sent a nextCursor it had already sent, which would page forever; stopped.`);
          break;
        }
        cursorsSeen.add(next);
        cursor = next;
        continue;
      }
      if (ids.length === 0) {
        if (report.totalResults !== undefined && startIndex <= report.totalResults) {
          report.problems.push(`Page ${number} (startIndex ${startIndex}) came back empty although totalResults is ${report.totalResults}.`);
        }
        break;
      }
      startIndex += ids.length;
      if (report.totalResults !== undefined ? startIndex > report.totalResults : count !== undefined && ids.length < count) break;
    }
    if (report.state === 'running') report.state = signal.aborted ? 'cancelled' : 'complete';
  } catch (error) {
    if (signal.aborted || (error instanceof DOMException && error.name === 'AbortError')) report.state = 'cancelled';
    else {
      report.state = 'failed';
      report.error = error instanceof Error ? error.message : String(error);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }

  if (report.state === 'complete' && report.totalResults !== undefined) {
    const found = report.uniqueIds + report.withoutId;
    report.missing = Math.max(0, report.totalResults - found);
    if (found > report.totalResults) report.problems.push(`${found} distinct resources were served, more than totalResults (${report.totalResults}).`);
  }
  if (report.totalsSeen.length > 1) {
    report.problems.push(`totalResults changed while paging (${report.totalsSeen.join(' → ')}): the list changed underneath, so duplicates or gaps may come from that rather than from unstable ordering.`);
  }
  publish();
  return report;
}
