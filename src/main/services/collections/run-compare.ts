import type { RunComparison, RunResult, StepChange } from '@shared/model/collection-run';

/**
 * This run against an earlier one of the same collection and item, request by request: newly
 * failing, newly passing, unchanged (passed or failed both times), added or removed since.
 */
export function compareRuns(previous: RunResult, current: RunResult): RunComparison {
  const before = new Map(previous.steps.map((s) => [s.requestId, s]));
  const seen = new Set<string>();
  const steps: RunComparison['steps'] = [];
  for (const step of current.steps) {
    if (seen.has(step.requestId)) continue;
    seen.add(step.requestId);
    const old = before.get(step.requestId);
    const change: StepChange = !old ? 'added' : old.ok === step.ok ? (step.ok ? 'still-passing' : 'still-failing') : step.ok ? 'newly-passing' : 'newly-failing';
    steps.push({ requestId: step.requestId, name: step.name, change });
  }
  for (const old of previous.steps) {
    if (!seen.has(old.requestId)) {
      seen.add(old.requestId);
      steps.push({ requestId: old.requestId, name: old.name, change: 'removed' });
    }
  }
  const count = (...changes: StepChange[]) => steps.filter((s) => changes.includes(s.change)).length;
  return {
    previousRunId: previous.runId,
    previousStartedAt: previous.startedAt,
    steps,
    newlyFailing: count('newly-failing'),
    newlyPassing: count('newly-passing'),
    unchanged: count('still-passing', 'still-failing'),
  };
}
