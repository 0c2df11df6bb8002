import type { CheckVerdict } from './types';

interface Evidence {
  expected?: string;
  actual?: string;
  fix?: string;
}

export const pass = (detail: string, evidence: Evidence = {}): CheckVerdict => ({ status: 'pass', detail, ...evidence });
export const fail = (detail: string, evidence: Evidence = {}): CheckVerdict => ({ status: 'fail', detail, ...evidence });
export const warn = (detail: string, evidence: Evidence = {}): CheckVerdict => ({ status: 'warn', detail, ...evidence });
export const skip = (detail: string): CheckVerdict => ({ status: 'skip', detail });

/**
 * Thrown by fixtures (and by checks) when what a check needs could not be set up: the check ends as
 * `skip` with this reason, and the check that tests the failing step itself reports the failure.
 */
export class FixtureFailure extends Error {
  override readonly name = 'FixtureFailure';
}

/**
 * Thrown by a check's own assertion helpers to end the check with a verdict from deep inside
 * (the runner turns it into the result).
 */
export class VerdictThrown extends Error {
  override readonly name = 'VerdictThrown';
  constructor(readonly verdict: CheckVerdict) {
    super(verdict.detail);
  }
}

/** Ends the check with this verdict (see `VerdictThrown`). */
export function stop(verdict: CheckVerdict): never {
  throw new VerdictThrown(verdict);
}

/** The worst of several verdicts (fail > warn > pass; skip only when all skipped), details joined. */
export function worst(verdicts: readonly CheckVerdict[]): CheckVerdict {
  const rank = { fail: 3, warn: 2, pass: 1, skip: 0 } as const;
  const sorted = [...verdicts].sort((a, b) => rank[b.status] - rank[a.status]);
  const top = sorted[0];
  if (!top) return skip('nothing to check');
  const same = sorted.filter((v) => v.status === top.status);
  if (same.length === 1) return top;
  return {
    status: top.status,
    detail: same.map((v) => v.detail).join('; '),
    ...(top.expected !== undefined ? { expected: same.map((v) => v.expected).filter(Boolean).join('; ') } : {}),
    ...(top.actual !== undefined ? { actual: same.map((v) => v.actual).filter(Boolean).join('; ') } : {}),
    ...(top.fix !== undefined ? { fix: [...new Set(same.map((v) => v.fix).filter(Boolean))].join(' ') } : {}),
  };
}
