import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DefectName } from '../../../../src/main/services/sandbox/defects';
import type { SandboxServer } from '../../../../src/main/services/sandbox/sandbox';
import { harness, idsWith, statusOf, summary, type Harness } from './harness';

const ALL = Array.from({ length: 35 }, (_, i) => `F${String(i + 1).padStart(2, '0')}`);

describe('Filter checks (F01–F35)', () => {
  let h: Harness;
  let sandbox: { server: SandboxServer; id: string };

  beforeAll(async () => {
    h = await harness();
    sandbox = await h.sandbox();
  });
  afterAll(() => h.close());

  it('the strict sandbox passes all 35, and the run removes what it created', async () => {
    const run = await h.run(sandbox.id, ['filter']);
    expect(idsWith(run, 'pass'), summary(run)).toEqual(ALL);
    expect(run.leftovers).toEqual([]);
    const left = await fetch(`${sandbox.server.baseUrl}/Users?filter=${encodeURIComponent(`userName sw "${run.prefix}"`)}`, { headers: { authorization: `Bearer ${sandbox.server.token}` } });
    expect(((await left.json()) as { totalResults: number }).totalResults).toBe(0);
  });

  it('each check cites the exchanges it judged', async () => {
    const run = await h.run(sandbox.id, ['F01', 'F23', 'F29']);
    expect(run.checks.find((c) => c.id === 'F01')!.exchanges.length).toBeGreaterThanOrEqual(1);
    expect(run.checks.find((c) => c.id === 'F23')!.exchanges.length).toBeGreaterThanOrEqual(11);
    expect(run.checks.find((c) => c.id === 'F29')!.exchanges.length).toBeGreaterThanOrEqual(5);
  });

  it('the entra profile warns where the server refuses the filter shapes Entra ID sends', async () => {
    const run = await h.run(sandbox.id, ['F26', 'F35'], { profile: 'entra' });
    expect(statusOf(run, 'F26')).toBe('warn');
    expect(statusOf(run, 'F35')).toBe('warn');
    // the lenient sandbox accepts them and answers them right
    sandbox.server.configure({ lenient: true });
    try {
      const lenient = await h.run(sandbox.id, ['F26', 'F35'], { profile: 'entra' });
      expect(idsWith(lenient, 'pass'), summary(lenient)).toEqual(['F26', 'F35']);
    } finally {
      sandbox.server.configure({ lenient: false });
    }
  });

  it('a read-only run writes nothing: checks that can use the server\'s own users run, the others say why they skip', async () => {
    const count = async () => ((await (await fetch(`${sandbox.server.baseUrl}/Users?count=0`, { headers: { authorization: `Bearer ${sandbox.server.token}` } })).json()) as { totalResults: number }).totalResults;
    const before = await count();
    const run = await h.run(sandbox.id, ['filter'], { readOnly: true });
    expect(await count()).toBe(before);
    expect(idsWith(run, 'fail')).toEqual([]);
    expect(idsWith(run, 'pass')).toEqual(expect.arrayContaining(['F01', 'F02', 'F03', 'F04', 'F05', 'F24', 'F29']));
    for (const id of ['F11', 'F25', 'F27', 'F28', 'F34']) expect(run.checks.find((c) => c.id === id)).toMatchObject({ status: 'skip', detail: expect.stringMatching(/read-only/i) });
    expect(run.checks.find((c) => c.id === 'F16')).toMatchObject({ status: 'skip', detail: expect.stringMatching(/read-only/i) });
  });

  it.each<[DefectName, string[]]>([
    ['filter-case-sensitive', ['F03', 'F08', 'F09', 'F10', 'F14', 'F34']],
    ['filter-names-case-sensitive', ['F05']],
    ['filter-and-as-or', ['F16', 'F19']],
    ['filter-ignores-zone', ['F12', 'F13']],
    ['filter-value-path-loose', ['F21']],
    ['ignore-excluded-attributes', ['F25']],
    ['no-scim-type', ['F15']],
    ['total-results-remaining', ['F31']],
  ])('with the defect %s, %j fail', async (defect, ids) => {
    sandbox.server.configure({ defects: [defect] });
    try {
      const run = await h.run(sandbox.id, ids);
      for (const id of ids) expect(statusOf(run, id), `${id}\n${summary(run)}`).toBe('fail');
    } finally {
      sandbox.server.configure({ defects: [] });
    }
  });

  it('against SCIMMY: reports its filter departures and passes what it does right', async () => {
    const scimmy = await h.scimmy();
    const run = await h.run(scimmy.id, ['filter']);
    // each confirmed by hand against SCIMMY 1.3.5 (see the report): case-sensitive strings, pr on "", crashes
    // on absent values, URN-qualified names, "not (… or …)", grouping, escaped quotes, malformed filters accepted
    expect(idsWith(run, 'fail'), summary(run)).toEqual(['F03', 'F08', 'F09', 'F10', 'F11', 'F14', 'F15', 'F18', 'F19', 'F21', 'F22', 'F23', 'F27', 'F28', 'F29', 'F34']);
    expect(idsWith(run, 'pass')).toEqual(['F01', 'F02', 'F04', 'F05', 'F06', 'F07', 'F12', 'F13', 'F16', 'F17', 'F20', 'F24', 'F25', 'F26', 'F30', 'F31', 'F32', 'F33', 'F35']);
    const f03 = run.checks.find((c) => c.id === 'F03')!;
    expect(f03.fix).toMatch(/caseExact/);
    expect(f03.actual).toMatch(/totalResults 0/);
  });
});
