import { z } from 'zod';

export const CheckStatus = z.enum(['pass', 'fail', 'warn', 'skip']);
export type CheckStatus = z.infer<typeof CheckStatus>;

/**
 * Whose expectations a run holds the server to: `rfc` strictly RFC 7643/7644/9865; `entra` and `okta`
 * the request shapes and tolerances of those clients.
 */
export const ConformanceProfile = z.enum(['rfc', 'entra', 'okta']);
export type ConformanceProfile = z.infer<typeof ConformanceProfile>;

/** One check of a run: the catalogue's wording, the outcome and its evidence. */
export const CheckResult = z.object({
  /** the catalogue id (D01, F12 …) */
  id: z.string(),
  /** the group's report name (Discovery, Filter …) */
  group: z.string(),
  title: z.string(),
  /** e.g. `RFC 7644 §3.4.2.2` */
  rfc: z.string(),
  status: CheckStatus,
  /** one line: what was found */
  detail: z.string(),
  expected: z.string().optional(),
  actual: z.string().optional(),
  /** what the server developer should change */
  fix: z.string().optional(),
  /** history ids of the exchanges that show it */
  exchanges: z.array(z.string()),
  durationMs: z.number(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const RunSummary = z.object({
  passed: z.number().int(),
  failed: z.number().int(),
  warned: z.number().int(),
  skipped: z.number().int(),
});
export type RunSummary = z.infer<typeof RunSummary>;

/** What a run was asked to do. */
export const ConformanceOptions = z.object({
  endpointId: z.string().min(1),
  profile: ConformanceProfile.default('rfc'),
  /** only non-mutating checks: for servers holding real data */
  readOnly: z.boolean().default(false),
  /** group keys (discovery, filter …) or check ids (F12); empty: everything */
  only: z.array(z.string()).default([]),
  /** requests in flight at once against the endpoint */
  concurrency: z.number().int().min(1).max(32).default(4),
  /**
   * a second saved endpoint for the same server, whose credential the server accepts but does not let
   * write (a read-only token): check Sec04 (403 for an authenticated caller who is not permitted) uses it
   */
  limitedEndpointId: z.string().min(1).optional(),
});
export type ConformanceOptions = z.infer<typeof ConformanceOptions>;

/** Whether two endpoints point at the same server (base URLs equal, trailing slashes and case aside): what a limited credential must share with the endpoint under test. */
export function sameServer(baseUrl: string, other: string): boolean {
  const base = (url: string) => url.replace(/\/+$/, '').toLowerCase();
  return base(baseUrl) === base(other);
}

/** A resource the run created and could not remove. */
export const Leftover = z.object({ endpoint: z.string(), id: z.string(), reason: z.string() });
export type Leftover = z.infer<typeof Leftover>;

/** One finished (or cancelled) run: what the reports are made of and what is kept to compare. */
export const ConformanceRun = z.object({
  runId: z.string(),
  tool: z.literal('scim-inspector'),
  version: z.string(),
  target: z.object({ url: z.string(), endpointId: z.string().optional(), endpointName: z.string().optional() }),
  profile: ConformanceProfile,
  readOnly: z.boolean(),
  only: z.array(z.string()),
  /** the prefix of every name the run gave to what it created */
  prefix: z.string(),
  /** ISO 8601 */
  startedAt: z.string(),
  finishedAt: z.string(),
  cancelled: z.boolean(),
  summary: RunSummary,
  checks: z.array(CheckResult),
  leftovers: z.array(Leftover),
});
export type ConformanceRun = z.infer<typeof ConformanceRun>;

export function summarize(checks: readonly Pick<CheckResult, 'status'>[]): RunSummary {
  const summary = { passed: 0, failed: 0, warned: 0, skipped: 0 };
  for (const check of checks) {
    if (check.status === 'pass') summary.passed++;
    else if (check.status === 'fail') summary.failed++;
    else if (check.status === 'warn') summary.warned++;
    else summary.skipped++;
  }
  return summary;
}

/** A kept run as the run list shows it (no results). */
export const RunListItem = ConformanceRun.pick({
  runId: true,
  version: true,
  target: true,
  profile: true,
  readOnly: true,
  only: true,
  startedAt: true,
  finishedAt: true,
  cancelled: true,
  summary: true,
}).extend({ checkCount: z.number().int() });
export type RunListItem = z.infer<typeof RunListItem>;

export function runListItem(run: ConformanceRun): RunListItem {
  const { runId, version, target, profile, readOnly, only, startedAt, finishedAt, cancelled, summary } = run;
  return { runId, version, target, profile, readOnly, only, startedAt, finishedAt, cancelled, summary, checkCount: run.checks.length };
}

/** One check's outcome in each of two runs. */
export const ComparedCheck = z.object({
  id: z.string(),
  group: z.string(),
  title: z.string(),
  base: CheckResult.pick({ status: true, detail: true }).optional(),
  head: CheckResult.pick({ status: true, detail: true }).optional(),
});
export type ComparedCheck = z.infer<typeof ComparedCheck>;

/**
 * Two runs side by side, `base` the earlier one: what started failing, what passes now, what stayed
 * the same, what changed otherwise (pass → warn, anything ↔ skip, fail → warn), and the checks only
 * one of them has.
 */
export const RunComparison = z.object({
  base: RunListItem,
  head: RunListItem,
  /** fail in head, something else in base (checks in both runs) */
  newlyFailing: z.array(ComparedCheck),
  /** pass in head, fail or warn in base */
  newlyPassing: z.array(ComparedCheck),
  /** the same status in both */
  unchanged: z.array(ComparedCheck),
  /** a different status that is neither of the above */
  otherChanges: z.array(ComparedCheck),
  onlyInBase: z.array(ComparedCheck),
  onlyInHead: z.array(ComparedCheck),
});
export type RunComparison = z.infer<typeof RunComparison>;

/** The four report files a run can be exported as. */
export const ReportFormat = z.enum(['html', 'markdown', 'junit', 'json']);
export type ReportFormat = z.infer<typeof ReportFormat>;
