import { z } from 'zod';
import { ProfileId } from './types';

export const RunMode = z.enum(['on-demand', 'full', 'incremental', 'deprovision']);
export type RunMode = z.infer<typeof RunMode>;

const Provenance = z.enum(['documented', 'secondary', 'assumed']);
const StepStatus = z.enum(['pass', 'fail', 'warn', 'skip', 'info']);
export type StepStatus = z.infer<typeof StepStatus>;

export const StepRequest = z.object({
  method: z.string(),
  /** the full URL as sent */
  url: z.string(),
  /** as sent, secret values replaced */
  headers: z.array(z.tuple([z.string(), z.string()])),
  body: z.string().optional(),
  source: z.object({ provenance: Provenance, cite: z.string() }),
  checks: z.array(z.string()),
  /** the history entry of the exchange */
  exchangeId: z.string().optional(),
});
export type StepRequest = z.infer<typeof StepRequest>;

export const StepResponse = z.object({
  status: z.number().int().optional(),
  headers: z.array(z.tuple([z.string(), z.string()])),
  body: z.string().optional(),
  /** the body was longer than what is kept here */
  truncated: z.boolean().default(false),
  durationMs: z.number(),
  error: z.string().optional(),
});
export type StepResponse = z.infer<typeof StepResponse>;

export const StepVerdict = z.object({
  log: z.string(),
  next: z.string(),
  why: z.string().optional(),
  fix: z.string().optional(),
  departures: z.array(z.object({ code: z.string(), what: z.string(), fix: z.string() })).default([]),
  notes: z.array(z.string()).default([]),
});
export type StepVerdict = z.infer<typeof StepVerdict>;

/** One line of an object's log: a phase of the IdP's processing, with its request and verdict when it sent one. */
export const StepRecord = z.object({
  phase: z.enum(['import', 'scope', 'match', 'action', 'export']),
  /** the step kind (`create-user`…) for HTTP steps; the phase name otherwise */
  kind: z.string(),
  title: z.string(),
  status: StepStatus,
  detail: z.string().optional(),
  /** import: source attributes; action: modified properties */
  rows: z.array(z.object({ name: z.string(), value: z.string(), old: z.string().optional() })).optional(),
  request: StepRequest.optional(),
  response: StepResponse.optional(),
  verdict: StepVerdict.optional(),
  /** 0 for the first send, 1… for retries after 429 */
  attempt: z.number().int().default(0),
});
export type StepRecord = z.infer<typeof StepRecord>;

export const ObjectAction = z.enum(['Create', 'Update', 'Disable', 'Enable', 'Delete', 'Skip', 'Test', 'None']);
export type ObjectAction = z.infer<typeof ObjectAction>;

/** One object of a run as a provisioning log lists it (the steps come with `simulator.object`). */
export const ObjectSummary = z.object({
  index: z.number().int(),
  type: z.enum(['user', 'group', 'connection']),
  sourceId: z.string(),
  label: z.string(),
  action: ObjectAction,
  status: StepStatus,
  /** one line: what happened, or why it failed */
  summary: z.string(),
  targetId: z.string().optional(),
  stepCount: z.number().int(),
});
export type ObjectSummary = z.infer<typeof ObjectSummary>;

export const ObjectLog = ObjectSummary.extend({ steps: z.array(StepRecord) });
export type ObjectLog = z.infer<typeof ObjectLog>;

export const CheckResult = z.object({
  id: z.string(),
  status: z.enum(['pass', 'fail', 'warn']),
  /** steps (or cycle measures) that exercised it */
  count: z.number().int(),
  failed: z.number().int(),
  detail: z.string(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const SeriesPoint = z.object({
  /** seconds since the run started */
  second: z.number().int(),
  requests: z.number().int(),
  errors: z.number().int(),
  p50: z.number(),
  max: z.number(),
});

export const RunStats = z.object({
  requests: z.number().int(),
  /** answers that were not 2xx, and sends that got no answer */
  errors: z.number().int(),
  retries: z.number().int(),
  statusCounts: z.record(z.string(), z.number().int()),
  latency: z.object({ p50: z.number(), p90: z.number(), p95: z.number(), p99: z.number(), max: z.number(), mean: z.number() }),
  durationMs: z.number(),
  /** requests per second between the first and the last send */
  achievedRate: z.number(),
  /** 0: unpaced */
  targetRate: z.number(),
  series: z.array(SeriesPoint),
});
export type RunStats = z.infer<typeof RunStats>;

export const RunSettings = z.object({
  /** requests per second; 0 sends as fast as the server answers */
  rate: z.number().min(0).max(10_000),
  concurrency: z.number().int().min(1).max(64),
  membersPerRequest: z.number().int().min(1).max(10_000),
});
export type RunSettings = z.infer<typeof RunSettings>;

export const RunReport = z.object({
  runId: z.string(),
  profile: ProfileId,
  mode: RunMode,
  endpointId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  cancelled: z.boolean(),
  settings: RunSettings,
  objects: z.array(ObjectSummary),
  counts: z.object({ created: z.number().int(), updated: z.number().int(), disabled: z.number().int(), enabled: z.number().int(), deleted: z.number().int(), skipped: z.number().int(), failed: z.number().int(), warned: z.number().int() }),
  stats: RunStats,
  checks: z.array(CheckResult),
  notes: z.array(z.string()),
});
export type RunReport = z.infer<typeof RunReport>;

export const RunProgress = z.object({
  runId: z.string(),
  stage: z.enum(['connection', 'users', 'references', 'groups', 'done']),
  done: z.number().int(),
  total: z.number().int(),
  requests: z.number().int(),
  errors: z.number().int(),
  elapsedMs: z.number(),
  /** objects finished since the last event */
  finished: z.array(ObjectSummary),
});
export type RunProgress = z.infer<typeof RunProgress>;
