import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DefectName } from '../../../../src/main/services/sandbox/defects';
import type { SandboxServer } from '../../../../src/main/services/sandbox/sandbox';
import { harness, idsWith, statusOf, summary, type Harness } from './harness';

const ids = (letter: string, n: number) => Array.from({ length: n }, (_, i) => `${letter}${String(i + 1).padStart(2, '0')}`);

describe('Sort (S01–S07) and Paging (P01–P15) checks', () => {
  let h: Harness;
  let sandbox: { server: SandboxServer; id: string };

  beforeAll(async () => {
    h = await harness();
    sandbox = await h.sandbox();
  });
  afterAll(() => h.close());

  it('the strict sandbox passes every sort and paging check; S07 is for servers that do not claim sorting', async () => {
    const run = await h.run(sandbox.id, ['sort', 'paging']);
    expect(idsWith(run, 'pass'), summary(run)).toEqual([...ids('P', 15), ...ids('S', 6)]);
    expect(run.checks.find((c) => c.id === 'S07')).toMatchObject({ status: 'skip', detail: expect.stringMatching(/claims sorting/) });
    expect(run.leftovers).toEqual([]);
  });

  it('P15 walks the whole /Users collection alone, after the concurrent checks', async () => {
    const run = await h.run(sandbox.id, ['P15', 'P11']);
    expect(run.checks.find((c) => c.id === 'P15')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/each once/) });
  });

  it.each<[DefectName, string[]]>([
    ['ignore-sort', ['S01', 'S02', 'S03', 'S04', 'S05']],
    ['ignore-sort-order', ['S02', 'S05']],
    ['sort-case-sensitive', ['S01']],
    ['zero-based-start-index', ['P06', 'P11', 'P13', 'P14', 'S06']],
    ['items-per-page-count', ['P04']],
    ['total-results-remaining', ['P12', 'P13']],
    ['total-results-off-by-one', ['P05', 'P07', 'P10', 'P12']],
    ['count-zero-ignored', ['P05']],
    ['ignore-count', ['P01', 'P05', 'P07']],
  ])('with the defect %s, %j fail', async (defect, failing) => {
    sandbox.server.configure({ defects: [defect] });
    try {
      const run = await h.run(sandbox.id, failing);
      for (const id of failing) expect(statusOf(run, id), `${id}\n${summary(run)}`).toBe('fail');
    } finally {
      sandbox.server.configure({ defects: [] });
    }
  });

  it('against SCIMMY: the primary email is not used to sort, itemsPerPage is the count asked for, and a startIndex past the end returns everything', async () => {
    const scimmy = await h.scimmy();
    const run = await h.run(scimmy.id, ['sort', 'paging']);
    expect(idsWith(run, 'fail'), summary(run)).toEqual(['P04', 'P10', 'S04']);
    expect(idsWith(run, 'pass')).toEqual([...ids('P', 15).filter((id) => id !== 'P04' && id !== 'P10'), 'S01', 'S02', 'S03', 'S05', 'S06']);
    expect(run.checks.find((c) => c.id === 'P04')!.detail).toMatch(/itemsPerPage 2 with 1 Resources/);
  });
});
