import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DefectName } from '../../../../src/main/services/sandbox/defects';
import { explain, startTargets, type ConformanceTargets } from './support/targets';

const GROUPS = ['create', 'read', 'put', 'delete', 'etag', 'bulk'];

describe('create, read, PUT, DELETE, ETag and Bulk checks', () => {
  let t: ConformanceTargets;
  beforeAll(async () => {
    t = await startTargets();
  });
  afterAll(() => t.close());

  it('pass against the strict sandbox; what does not apply is skipped with the reason', async () => {
    const run = await t.run(t.sandboxId, { only: GROUPS });
    expect(run.checks.filter((c) => c.status === 'fail'), explain(run)).toEqual([]);
    const statuses = t.statuses(run);
    // what the sandbox does not claim or declare
    expect(statuses).toMatchObject({ U05: 'skip', E10: 'skip', B11: 'skip' });
    expect(statuses.G06).toBe('pass');
    // Entra's duplicate-displayName rule is not part of the RFC profile
    expect(statuses.C16).toBeUndefined();
    expect(run.checks.filter((c) => c.status === 'pass').length).toBeGreaterThanOrEqual(58);
    expect(run.leftovers).toEqual([]);
  });

  it.each<[DefectName, string[]]>([
    ['no-location', ['C02']],
    ['no-uniqueness', ['C06', 'C07', 'Pf06']],
    ['readonly-rejected', ['C05', 'U04']],
    ['no-etag', ['E01', 'E02', 'G05']],
    ['conditional-headers-ignored', ['E03', 'E04', 'E07', 'E09']],
    ['delete-200', ['L01']],
    ['bulk-status-number', ['B09']],
    ['html-errors', ['G02']],
  ])('with the planted defect %s, %s fail', async (defect, ids) => {
    t.sandbox.configure({ defects: [defect] });
    try {
      const run = await t.run(t.sandboxId, { only: ids });
      for (const id of ids) expect(t.statuses(run)[id], `${id}\n${explain(run)}`).toBe('fail');
    } finally {
      t.sandbox.configure({ defects: [] });
    }
  });

  it('in the entra profile, hold a server to Entra\'s duplicate-group rule', async () => {
    t.sandbox.configure({ defects: ['no-uniqueness'] });
    try {
      const run = await t.run(t.sandboxId, { only: ['C16'], profile: 'entra' });
      expect(t.statuses(run).C16, explain(run)).toBe('fail');
    } finally {
      t.sandbox.configure({ defects: [] });
    }
    const clean = await t.run(t.sandboxId, { only: ['C16'], profile: 'entra' });
    expect(t.statuses(clean).C16, explain(clean)).toBe('pass');
  });

  it('report SCIMMY\'s departures, and pass what it does right', async () => {
    const run = await t.run(t.scimmyId, { only: GROUPS });
    const statuses = t.statuses(run);
    expect(statuses).toMatchObject({
      C02: 'fail', // RFC 7644 §3.3: no Location header on 201
      C06: 'fail', // RFC 7643 §4.1.1: userName is unique; SCIMMY creates duplicates
      C07: 'fail',
      C09: 'warn', // 400 without scimType invalidSyntax
      C13: 'warn', // accepts a create without schemas
      L06: 'warn', // a deleted user stays in its groups
      G06: 'warn', // no Content-Location (no RFC basis for SCIM: a warning only)
      E10: 'warn', // sends ETag headers while its SPC says etag is unsupported
      E01: 'skip',
    });
    for (const id of ['C01', 'C03', 'C05', 'C08', 'C14', 'C15', 'C19', 'C21', 'G01', 'G02', 'G03', 'G09', 'U01', 'U06', 'U08', 'U09', 'L01', 'L02', 'L03', 'L04', 'B01', 'B02', 'B03']) {
      expect(statuses[id], `${id}\n${explain(run)}`).toBe('pass');
    }
  });
});
