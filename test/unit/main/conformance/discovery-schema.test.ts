import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DefectName } from '../../../../src/main/services/sandbox/defects';
import { explain, startTargets, type ConformanceTargets } from './support/targets';

const GROUPS = ['discovery', 'schema', 'errors', 'auth', 'http'];

describe('discovery, schema, errors, auth and HTTP checks', () => {
  let t: ConformanceTargets;
  beforeAll(async () => {
    t = await startTargets();
  });
  afterAll(() => t.close());

  it('pass against the strict sandbox; what does not apply is skipped with the reason', async () => {
    const run = await t.run(t.sandboxId, { only: GROUPS });
    expect(run.checks.filter((c) => c.status === 'fail' || c.status === 'warn'), explain(run)).toEqual([]);
    const skipped = run.checks.filter((c) => c.status === 'skip');
    // plain http on loopback; no unique attribute but userName; no throttling; no negative case in these groups;
    // Bulk and PATCH both claimed (nothing to answer 501); no limited credential given (Sec04)
    expect(skipped.map((c) => c.id).sort()).toEqual(['D24', 'Er05', 'Er09', 'Sec04', 'Sec06', 'Sec07', 'Sec10']);
    expect(skipped.find((c) => c.id === 'Sec04')!.detail).toMatch(/No limited credential was given/);
    expect(skipped.find((c) => c.id === 'Sec06')!.detail).toMatch(/plain http on this machine/);
    // another protocol version under the same base is refused as one (RFC 7644 §3.13)
    expect(run.checks.find((c) => c.id === 'Er06')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/invalidVers/) });
  });

  it.each<[DefectName, string[]]>([
    ['json-content-type', ['H01', 'Er03']],
    ['error-status-number', ['Er01']],
    ['html-errors', ['Er10']],
    ['no-www-authenticate', ['Sec03']],
    // booleans as strings in /Schemas and the ServiceProviderConfig too
    ['string-booleans', ['R09', 'D23', 'D02', 'D13']],
    ['no-etag', ['R03', 'D27']],
  ])('with the planted defect %s, %s fail or warn', async (defect, ids) => {
    t.sandbox.configure({ defects: [defect] });
    try {
      const run = await t.run(t.sandboxId, { only: GROUPS });
      for (const id of ids) expect(['fail', 'warn'], `${id}\n${explain(run)}`).toContain(t.statuses(run)[id]);
    } finally {
      t.sandbox.configure({ defects: [] });
    }
  });

  it('judge the scimType of every refusal in a full run (Er05), and catch a server that leaves it out', async () => {
    const clean = await t.run(t.sandboxId, { only: [...GROUPS, 'create', 'patch'] });
    expect(t.statuses(clean).Er05, explain(clean)).toBe('pass');
    t.sandbox.configure({ defects: ['no-scim-type'] });
    try {
      const run = await t.run(t.sandboxId, { only: [...GROUPS, 'create', 'patch'] });
      expect(t.statuses(run).Er05, explain(run)).toBe('warn');
    } finally {
      t.sandbox.configure({ defects: [] });
    }
  });

  it('report SCIMMY\'s departures, and pass what it does right', async () => {
    const run = await t.run(t.scimmyId, { only: GROUPS });
    expect(t.statuses(run)).toMatchObject({
      Sec03: 'fail', // RFC 9110 §11.6.1: its 401 has no WWW-Authenticate
      D25: 'fail', // RFC 7644 §3.4.2.2: caseExact:false attributes compared case-sensitively
      R05: 'warn', // relative meta.location
      D17: 'warn', // writes to discovery endpoints answer 404, not 405
      D11: 'warn',
      D04: 'skip', // no RFC 9865 pagination member
      Er06: 'skip', // its base URL (/scim) has no version segment
    });
    for (const id of ['D01', 'D02', 'D03', 'D05', 'D06', 'D07', 'D08', 'D09', 'D10', 'D12', 'D13', 'D14', 'D15', 'D16', 'D20', 'D21', 'D28', 'R01', 'R02', 'R08', 'R09', 'R13', 'Er01', 'Er02', 'Er07', 'Sec01', 'Sec02', 'Sec05', 'Sec08', 'Sec09', 'H02', 'H03']) {
      expect(t.statuses(run)[id], `${id}\n${explain(run)}`).toBe('pass');
    }
  });
});
