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

  it('dropNext: dropped connections are failures that say no answer came, never a crash of the run', async () => {
    t.sandbox.configure({ faults: { dropNext: 3 } });
    try {
      const run = await t.run(t.sandboxId, { only: ['D01', 'D05', 'D10'] });
      for (const id of ['D01', 'D05', 'D10']) expect(run.checks.find((c) => c.id === id), explain(run)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/answered nothing/) });
      expect(run.leftovers).toEqual([]);
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
