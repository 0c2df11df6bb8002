import { describe, expect, it } from 'vitest';
import { compareRuns } from '@shared/conformance/compare';
import { check, run } from './sample-run';

describe('comparing two runs', () => {
  it('sorts every check into newly failing, newly passing, unchanged, other changes, and present in one run only', () => {
    const base = run([check('D01', 'pass'), check('D02', 'fail'), check('D03', 'warn'), check('F01', 'pass'), check('F02', 'skip'), check('F03', 'fail'), check('F04', 'pass'), check('F09', 'pass')], { runId: 'a' });
    const head = run([check('D01', 'pass'), check('D02', 'pass'), check('D03', 'pass'), check('F01', 'fail'), check('F02', 'fail'), check('F03', 'warn'), check('F04', 'warn'), check('F10', 'fail')], { runId: 'b' });
    const diff = compareRuns(base, head);
    const ids = (list: { id: string }[]) => list.map((c) => c.id);
    expect(ids(diff.newlyFailing)).toEqual(['F01', 'F02']);
    expect(ids(diff.newlyPassing)).toEqual(['D02', 'D03']);
    expect(ids(diff.unchanged)).toEqual(['D01']);
    expect(ids(diff.otherChanges)).toEqual(['F03', 'F04']);
    expect(ids(diff.onlyInBase)).toEqual(['F09']);
    expect(ids(diff.onlyInHead)).toEqual(['F10']);
    expect(diff.newlyFailing[0]).toEqual({ id: 'F01', group: 'Filter', title: 'title of F01', base: { status: 'pass', detail: 'detail of F01' }, head: { status: 'fail', detail: 'detail of F01' } });
    expect(diff.onlyInBase[0]).not.toHaveProperty('head');
    expect(diff.base).toMatchObject({ runId: 'a', checkCount: 8, summary: { passed: 4, failed: 2, warned: 1, skipped: 1 } });
    expect(diff.head.runId).toBe('b');
  });

  it('compares a run with itself as all unchanged', () => {
    const one = run([check('D01', 'pass'), check('F01', 'fail')]);
    const diff = compareRuns(one, one);
    expect(diff.unchanged.map((c) => c.id)).toEqual(['D01', 'F01']);
    expect([diff.newlyFailing, diff.newlyPassing, diff.otherChanges, diff.onlyInBase, diff.onlyInHead].every((l) => l.length === 0)).toBe(true);
  });
});
