import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '@shared/scim/checks';
import { explain, startTargets, type ConformanceTargets } from './support/targets';

describe('a full conformance run', () => {
  let t: ConformanceTargets;
  beforeAll(async () => {
    t = await startTargets();
  });
  afterAll(() => t.close());

  it('against the strict sandbox: no failure, and the run removes everything it created', async () => {
    const run = await t.run(t.sandboxId);
    expect(run.checks.filter((c) => c.status === 'fail'), explain(run)).toEqual([]);
    const rfcChecks = CHECKS.filter((c) => !c.profiles || c.profiles.includes('rfc'));
    expect(run.checks).toHaveLength(rfcChecks.length);
    expect(run.summary.passed + run.summary.warned).toBeGreaterThanOrEqual(rfcChecks.length - 15);
    // a scenario check shows its own exchanges; an observation check that passed judged the whole run
    const observations = new Set(CHECKS.filter((c) => c.observe).map((c) => c.id));
    for (const check of run.checks) {
      expect(check.detail, check.id).not.toBe('');
      if (check.status !== 'skip' && (check.status !== 'pass' || !observations.has(check.id))) expect(check.exchanges.length, `${check.id} has no evidence`).toBeGreaterThan(0);
    }
    expect(run.leftovers).toEqual([]);
    const left = await fetch(`${t.sandbox.baseUrl}/Users?filter=${encodeURIComponent(`userName sw "${run.prefix}"`)}`, { headers: { authorization: `Bearer ${t.sandbox.token}` } });
    expect(((await left.json()) as { totalResults: number }).totalResults).toBe(0);
  });

  it('in read-only mode runs no mutating check and creates nothing', async () => {
    const before = t.sandbox.status().userCount;
    const run = await t.run(t.sandboxId, { readOnly: true });
    const mutating = CHECKS.filter((c) => c.run && c.mutates).map((c) => c.id);
    for (const check of run.checks.filter((c) => mutating.includes(c.id))) expect(check.status, check.id).toBe('skip');
    expect(run.checks.filter((c) => c.status === 'pass').length).toBeGreaterThan(30);
    expect(t.sandbox.status().userCount).toBe(before);
  });
});
