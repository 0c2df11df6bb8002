import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DefectName } from '../../../../src/main/services/sandbox/defects';
import { explain, startTargets, type ConformanceTargets } from './support/targets';

describe('PATCH checks', () => {
  let t: ConformanceTargets;
  beforeAll(async () => {
    t = await startTargets();
  });
  afterAll(() => t.close());

  it('pass against the strict sandbox, each judged by a PATCH and a read-back', async () => {
    const run = await t.run(t.sandboxId, { only: ['patch'] });
    expect(run.checks.filter((c) => c.status === 'fail' || c.status === 'warn'), explain(run)).toEqual([]);
    const statuses = t.statuses(run);
    // the sandbox declares no immutable User attribute, and claims PATCH
    expect(statuses).toMatchObject({ X20: 'skip', X33: 'skip' });
    expect(Object.entries(statuses).filter(([, s]) => s === 'pass')).toHaveLength(32);
    expect(run.checks.find((c) => c.id === 'X07')!.exchanges.length).toBeGreaterThanOrEqual(4);
    expect(run.leftovers).toEqual([]);
  });

  it.each<[DefectName, string[]]>([
    ['patch-not-atomic', ['X23']],
    ['patch-replace-complex-whole', ['X11']],
    ['patch-200-empty', ['X01', 'X07', 'X24']],
  ])('with the planted defect %s, %s fail', async (defect, ids) => {
    t.sandbox.configure({ defects: [defect] });
    try {
      const run = await t.run(t.sandboxId, { only: ids });
      for (const id of ids) expect(t.statuses(run)[id], explain(run)).toBe('fail');
    } finally {
      t.sandbox.configure({ defects: [] });
    }
  });

  it('report SCIMMY\'s PATCH departures, and only those', async () => {
    const run = await t.run(t.scimmyId, { only: ['patch'] });
    const statuses = t.statuses(run);
    // RFC 7644 §3.5.2.3: sub-attributes a replace does not name stay; SCIMMY drops them
    // RFC 7644 §3.5.2 / RFC 7643 §2.4: one primary; SCIMMY keeps two
    // RFC 7643 §4.2: members reference resources; SCIMMY stores an unknown id
    expect(statuses).toMatchObject({ X11: 'fail', X25: 'fail', X29: 'fail', X03: 'warn' });
    const others = run.checks.filter((c) => !['X11', 'X25', 'X29', 'X03'].includes(c.id));
    expect(others.filter((c) => c.status === 'fail' || c.status === 'warn'), explain(run)).toEqual([]);
  });
});

describe('performance checks', () => {
  let t: ConformanceTargets;
  beforeAll(async () => {
    t = await startTargets();
  });
  afterAll(() => t.close());

  it('pass against the sandbox and measure what they report', async () => {
    const run = await t.run(t.sandboxId, { only: ['performance'] });
    expect(run.checks.filter((c) => c.status !== 'pass'), explain(run, ['fail', 'warn', 'skip'])).toEqual([]);
    expect(run.checks.find((c) => c.id === 'Pf01')!.detail).toMatch(/p50 \d+ ms, p95 \d+ ms/);
    expect(run.checks.find((c) => c.id === 'Pf04')!.detail).toMatch(/^75 requests at 25\/s/);
  });

  it('find SCIMMY\'s race on concurrent creates of one userName', async () => {
    const run = await t.run(t.scimmyId, { only: ['Pf06'] });
    expect(t.statuses(run).Pf06, explain(run)).toBe('fail');
  });

  it('fail under injected 503s at the gallery rate', async () => {
    t.sandbox.configure({ faults: { failNext: { status: 503, count: 5 } } });
    try {
      const run = await t.run(t.sandboxId, { only: ['Pf04'] });
      expect(t.statuses(run).Pf04, explain(run)).toBe('fail');
    } finally {
      t.sandbox.configure({ faults: { failNext: null } });
    }
  });
});
