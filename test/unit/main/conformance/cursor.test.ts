import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DefectName } from '../../../../src/main/services/sandbox/defects';
import type { SandboxServer } from '../../../../src/main/services/sandbox/sandbox';
import { harness, idsWith, statusOf, summary, type Harness } from './harness';

const ALL = Array.from({ length: 21 }, (_, i) => `K${String(i + 1).padStart(2, '0')}`);

describe('Cursor paging checks (RFC 9865, K01–K21)', () => {
  let h: Harness;
  /** cursors expire after 2 s, so K11 can wait one out */
  let quick: { server: SandboxServer; id: string };

  beforeAll(async () => {
    h = await harness();
    quick = await h.sandbox({ limits: { cursorTimeout: 2 } });
  });
  afterAll(() => h.close());

  it('the strict sandbox passes all but K20, which needs a second credential', async () => {
    const run = await h.run(quick.id, ['cursor']);
    expect(idsWith(run, 'pass'), summary(run)).toEqual(ALL.filter((id) => id !== 'K20'));
    expect(run.checks.find((c) => c.id === 'K20')).toMatchObject({ status: 'skip', detail: expect.stringMatching(/second credential/) });
    expect(run.checks.find((c) => c.id === 'K11')!.detail).toMatch(/expiredCursor/);
    expect(run.checks.find((c) => c.id === 'K13')!.detail).toMatch(/count=-1 → no Resources, totalResults 5/);
    expect(run.leftovers).toEqual([]);
  });

  it('K11 skips with the reason when cursorTimeout is too long to wait out in a run', async () => {
    const slow = await h.sandbox();
    const run = await h.run(slow.id, ['K11']);
    expect(run.checks.find((c) => c.id === 'K11')).toMatchObject({ status: 'skip', detail: expect.stringMatching(/cursorTimeout is 3600 s/) });
  });

  it.each<[DefectName, string[]]>([
    ['previous-cursor-first-page', ['K04']],
    ['cursor-reserved-characters', ['K06']],
    ['cursor-unknown-restarts', ['K10']],
    ['cursor-loop', ['K03', 'K07', 'K09']],
    ['ignore-sort-order', ['K19']],
    ['zero-based-start-index', ['K08', 'K17']],
  ])('with the defect %s, %j fail', async (defect, failing) => {
    quick.server.configure({ defects: [defect] });
    try {
      const run = await h.run(quick.id, failing);
      for (const id of failing) expect(statusOf(run, id), `${id}\n${summary(run)}`).toBe('fail');
    } finally {
      quick.server.configure({ defects: [] });
    }
  });

  it('a cursor with reserved characters is reported with the characters found', async () => {
    quick.server.configure({ defects: ['cursor-reserved-characters'] });
    try {
      const run = await h.run(quick.id, ['K06', 'K03']);
      expect(run.checks.find((c) => c.id === 'K06')!.detail).toMatch(/=/);
      // the walk itself still works: only the characters are wrong
      expect(statusOf(run, 'K03')).toBe('pass');
    } finally {
      quick.server.configure({ defects: [] });
    }
  });

  it('against SCIMMY, which does not claim cursor paging, every cursor check skips with the reason', async () => {
    const scimmy = await h.scimmy();
    const run = await h.run(scimmy.id, ['cursor']);
    expect(idsWith(run, 'skip'), summary(run)).toEqual(ALL);
    expect(run.checks.find((c) => c.id === 'K01')!.detail).toMatch(/no pagination member and \?cursor= got no nextCursor/);
    expect(run.checks.find((c) => c.id === 'K05')!.detail).toMatch(/pagination/);
  });
});
