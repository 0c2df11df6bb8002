import { z } from 'zod';
import { AppError } from '../api/errors';
import { AssertionResult } from './assertion';

/** One finding of the shared SCIM response checks (`src/shared/scim/checks/response`). */
export const ScimFinding = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  /** JSON Pointer into the body, or `header:Name` */
  path: z.string(),
  code: z.string(),
  message: z.string(),
  rfc: z.string(),
  checkId: z.string().optional(),
});
export type ScimFinding = z.infer<typeof ScimFinding>;

/** The SCIM checks of one response: counts of all findings, the most severe ones listed. */
export const StepChecks = z.object({
  /** what was checked, in words ("ListResponse with 3 resources of type User") */
  scope: z.string(),
  counts: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  /** most severe first, at most `MAX_STEP_FINDINGS` */
  findings: z.array(ScimFinding),
});
export type StepChecks = z.infer<typeof StepChecks>;

export const MAX_STEP_FINDINGS = 100;

export const RunStep = z.object({
  requestId: z.string(),
  name: z.string(),
  method: z.string(),
  /** the path as sent, variables filled in */
  path: z.string(),
  status: z.number().int().optional(),
  /** every assertion passed (and the request got an answer) */
  ok: z.boolean(),
  durationMs: z.number(),
  exchangeId: z.string().optional(),
  error: AppError.optional(),
  /** variables this step set from its response */
  captured: z.record(z.string(), z.string()),
  /** captures that found nothing, each saying why */
  captureProblems: z.array(z.string()),
  /** each enabled assertion with what came back; the default (`status < 400`, `implicit`) when there is none */
  assertions: z.array(AssertionResult).default([]),
  /** the shared SCIM response checks on the answer; absent when no answer came */
  checks: StepChecks.optional(),
});
export type RunStep = z.infer<typeof RunStep>;

export const StepChange = z.enum(['newly-failing', 'newly-passing', 'still-passing', 'still-failing', 'added', 'removed']);
export type StepChange = z.infer<typeof StepChange>;

/** This run against the previous run of the same collection and folder (or request). */
export const RunComparison = z.object({
  previousRunId: z.string(),
  previousStartedAt: z.string(),
  /** one row per request of either run, in this run's order (removed ones last) */
  steps: z.array(z.object({ requestId: z.string(), name: z.string(), change: StepChange })),
  newlyFailing: z.number().int(),
  newlyPassing: z.number().int(),
  /** passed both times or failed both times */
  unchanged: z.number().int(),
});
export type RunComparison = z.infer<typeof RunComparison>;

export const RunSummary = z.object({
  steps: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  assertionsPassed: z.number().int(),
  assertionsFailed: z.number().int(),
  /** SCIM check errors over all answers */
  checkErrors: z.number().int(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunResult = z.object({
  runId: z.string(),
  collectionId: z.string(),
  collectionName: z.string().optional(),
  itemId: z.string(),
  /** the request's or folder's name ('' for the whole collection) */
  itemName: z.string().optional(),
  endpointId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  steps: z.array(RunStep),
  /** the variables after the last step */
  variables: z.record(z.string(), z.string()),
  cancelled: z.boolean(),
  summary: RunSummary.optional(),
  /** against the previous run of the same collection and item, when there was one */
  comparison: RunComparison.optional(),
});
export type RunResult = z.infer<typeof RunResult>;

export function summarizeRun(steps: readonly RunStep[]): RunSummary {
  let assertionsPassed = 0;
  let assertionsFailed = 0;
  let checkErrors = 0;
  for (const step of steps) {
    for (const a of step.assertions) if (a.passed) assertionsPassed++;
    else assertionsFailed++;
    checkErrors += step.checks?.counts.error ?? 0;
  }
  const passed = steps.filter((s) => s.ok).length;
  return { steps: steps.length, passed, failed: steps.length - passed, assertionsPassed, assertionsFailed, checkErrors };
}
