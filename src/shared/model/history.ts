import { z } from 'zod';
import { HttpExchange, HttpMethod } from './exchange';

/** Version of the stored entry shape (the `meta` JSON of each row); the database schema has its own. */
export const HISTORY_ENTRY_VERSION = 1;

export const StatusClass = z.enum(['1xx', '2xx', '3xx', '4xx', '5xx']);
export type StatusClass = z.infer<typeof StatusClass>;

/**
 * Requests sent as one run (the pages of "Fetch all pages"): history lists them as one row that
 * expands to its pages. `id` is chosen by the sender, the same for every request of the run.
 */
export const HistoryGroup = z.object({
  id: z.string().min(1).max(100),
  /** what the run was, e.g. "All pages of GET /Users" */
  label: z.string().max(300),
});
export type HistoryGroup = z.infer<typeof HistoryGroup>;

/** Search and filters of the history list. Every field narrows; none given lists everything. */
export const HistoryQuery = z.object({
  /** full-text search over URL, method, status and bodies (words and word prefixes) */
  text: z.string().max(1000).optional(),
  endpointId: z.string().optional(),
  methods: z.array(HttpMethod).optional(),
  statusClasses: z.array(StatusClass).optional(),
  /** only failed sends (no response) and 4xx/5xx answers */
  errorsOnly: z.boolean().optional(),
  /** ISO 8601, inclusive */
  from: z.string().optional(),
  /** ISO 8601, exclusive */
  to: z.string().optional(),
  /** only the requests of this run, each on its own row (without it, a run is one row) */
  groupId: z.string().max(100).optional(),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const HistoryPageRequest = HistoryQuery.extend({
  /** `nextCursor` of the previous page; omitted for the newest page */
  cursor: z.number().int().optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type HistoryPageRequest = z.infer<typeof HistoryPageRequest>;

/** One row of the history list. */
export const HistorySummary = z.object({
  /** the entry's key in history (newer entries have larger ids) */
  id: z.number().int(),
  exchangeId: z.string(),
  /** ISO 8601 */
  startedAt: z.string(),
  endpointId: z.string().optional(),
  endpointName: z.string().optional(),
  method: z.string(),
  url: z.string(),
  status: z.number().int().optional(),
  /** set when the send failed before a response (AppError kind) */
  errorKind: z.string().optional(),
  durationMs: z.number(),
  requestBytes: z.number().int(),
  responseBytes: z.number().int(),
  /** the run this request belongs to; in a list without `groupId` the row stands for the whole run of `size` requests */
  group: HistoryGroup.extend({ size: z.number().int().optional() }).optional(),
  /**
   * with search text: where it matched, a short excerpt with each match between U+E000 and U+E001
   * (characters that do not occur in text a server sends)
   */
  snippet: z.string().optional(),
});
export type HistorySummary = z.infer<typeof HistorySummary>;

export const HistoryPage = z.object({
  entries: z.array(HistorySummary),
  /** pass back as `cursor` for the next (older) page; absent on the last page */
  nextCursor: z.number().int().optional(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

/** An entry opened: the whole exchange as recorded (secrets already replaced), bodies by preview + blob id. */
export const HistoryDetail = z.object({
  summary: HistorySummary,
  exchange: HttpExchange,
});
export type HistoryDetail = z.infer<typeof HistoryDetail>;

export const HistoryStats = z.object({
  count: z.number().int(),
  /** bytes of stored content (rows and body files) that retention counts */
  bytes: z.number().int(),
  oldest: z.string().optional(),
  newest: z.string().optional(),
});
export type HistoryStats = z.infer<typeof HistoryStats>;

export function statusClassOf(status: number | undefined): StatusClass | undefined {
  if (status === undefined || status < 100 || status > 599) return undefined;
  return `${Math.floor(status / 100)}xx` as StatusClass;
}
