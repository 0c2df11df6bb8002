import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain, startTargets, type ConformanceTargets } from './support/targets';

/** The sandbox's fault knobs (latency, failing and dropped answers) against the checks that judge them. */
describe('the conformance runner against the sandbox\'s fault knobs', () => {
  let t: ConformanceTargets;
  beforeAll(async () => {
    t = await startTargets();
  });
  afterAll(() => t.close());

  it('failNext: a ServiceProviderConfig answered 500 fails D01, and the run goes on', async () => {
    t.sandbox.configure({ faults: { failNext: { status: 500, count: 3 } } });
    try {
      const run = await t.run(t.sandboxId, { only: ['D01', 'G02'] });
      expect(run.checks.find((c) => c.id === 'D01'), explain(run)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/answered 500/) });
      expect(t.statuses(run).G02, explain(run)).toBe('pass');
    } finally {
      t.sandbox.configure({ faults: { failNext: null } });
    }
  });

  it('dropNext: a server that answers nothing is reported as unreachable before any check runs', async () => {
    t.sandbox.configure({ faults: { dropNext: 4 } });
    try {
      await expect(t.run(t.sandboxId, { only: ['D01', 'D05', 'D10'] })).rejects.toMatchObject({ error: { kind: 'network', message: expect.stringMatching(/could not be reached/) } });
    } finally {
      t.sandbox.configure({ faults: { dropNext: 0 } });
    }
    // and a dropped discovery read among answers is a failure of that check, the run goes on
    t.sandbox.configure({ faults: { dropNext: 1 } });
    try {
      const run = await t.run(t.sandboxId, { only: ['D01', 'D05', 'D10'] });
      expect(run.checks.filter((c) => c.status === 'fail').length, explain(run)).toBeLessThanOrEqual(1);
      expect(run.checks.filter((c) => c.status === 'fail').every((c) => /answered nothing/.test(c.detail)), explain(run)).toBe(true);
    } finally {
      t.sandbox.configure({ faults: { dropNext: 0 } });
    }
  });

  it('latencyMs: a slow server warns in the lookup latency check (Pf03)', async () => {
    t.sandbox.configure({ faults: { latencyMs: 700 } });
    try {
      const run = await t.run(t.sandboxId, { only: ['Pf03'] });
      expect(run.checks.find((c) => c.id === 'Pf03'), explain(run, ['pass', 'warn', 'fail'])).toMatchObject({ status: 'warn', detail: expect.stringMatching(/p95 \d{3,} ms/) });
    } finally {
      t.sandbox.configure({ faults: { latencyMs: 0 } });
    }
    const fast = await t.run(t.sandboxId, { only: ['Pf03'] });
    expect(t.statuses(fast).Pf03).toBe('pass');
  });
});
