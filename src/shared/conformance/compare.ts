import { runListItem, type CheckResult, type ComparedCheck, type ConformanceRun, type RunComparison } from '../model/conformance';

const outcome = (check: CheckResult) => ({ status: check.status, detail: check.detail });

/**
 * Compares two runs check by check (by catalogue id). `base` is the earlier run; the order of each
 * list follows `head` (then `base` for the checks only it has).
 */
export function compareRuns(base: ConformanceRun, head: ConformanceRun): RunComparison {
  const before = new Map(base.checks.map((c) => [c.id, c]));
  const after = new Map(head.checks.map((c) => [c.id, c]));
  const comparison: RunComparison = {
    base: runListItem(base),
    head: runListItem(head),
    newlyFailing: [],
    newlyPassing: [],
    unchanged: [],
    otherChanges: [],
    onlyInBase: [],
    onlyInHead: [],
  };
  for (const now of head.checks) {
    const was = before.get(now.id);
    const entry: ComparedCheck = { id: now.id, group: now.group, title: now.title, head: outcome(now), ...(was ? { base: outcome(was) } : {}) };
    if (!was) comparison.onlyInHead.push(entry);
    else if (was.status === now.status) comparison.unchanged.push(entry);
    else if (now.status === 'fail') comparison.newlyFailing.push(entry);
    else if (now.status === 'pass' && (was.status === 'fail' || was.status === 'warn')) comparison.newlyPassing.push(entry);
    else comparison.otherChanges.push(entry);
  }
  for (const was of base.checks) {
    if (!after.has(was.id)) comparison.onlyInBase.push({ id: was.id, group: was.group, title: was.title, base: outcome(was) });
  }
  return comparison;
}
