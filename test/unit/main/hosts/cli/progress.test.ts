import { describe, expect, it } from 'vitest';
import type { CheckResult } from '@shared/model/conformance';
import type { CliIo } from '../../../../../src/main/hosts/cli/command';
import { progressReporter } from '../../../../../src/main/hosts/cli/progress';

function fakeIo(isTTY: boolean) {
  const lines: string[] = [];
  const statuses: string[] = [];
  const io: CliIo = { out: (l) => lines.push(`out:${l}`), err: (l) => lines.push(`err:${l}`), status: (t) => statuses.push(t), isTTY, env: {}, scrubWith: () => undefined, interrupted: new AbortController().signal };
  return { io, lines, statuses };
}

const result = (id: string, status: CheckResult['status']): CheckResult => ({ id, group: 'Filter', title: `title ${id}`, rfc: 'RFC 7644', status, detail: `detail ${id}`, exchanges: [], durationMs: 1 });

const steps = [
  { runId: 'r', phase: 'discovery' as const, done: 0, total: 0 },
  { runId: 'r', phase: 'checks' as const, done: 1, total: 3, result: result('F01', 'pass') },
  { runId: 'r', phase: 'checks' as const, done: 2, total: 3, result: result('F02', 'fail') },
  { runId: 'r', phase: 'checks' as const, done: 3, total: 3, result: result('F03', 'warn') },
  { runId: 'r', phase: 'cleanup' as const, done: 3, total: 3 },
  { runId: 'r', phase: 'done' as const, done: 3, total: 3 },
];

describe('command-line progress', () => {
  it('on a terminal: one line redrawn in place, with the counts so far, cleared at the end', () => {
    const { io, lines, statuses } = fakeIo(true);
    const report = progressReporter(io, 60);
    for (const step of steps) report(step);
    expect(lines).toEqual([]);
    expect(statuses).toEqual([
      'Reading the discovery documents…',
      '[1/3] 0 failed, 0 warned  F01 PASS',
      '[2/3] 1 failed, 0 warned  F02 FAIL',
      '[3/3] 1 failed, 1 warned  F03 WARN',
      'Removing what the run created…',
      '',
    ]);
    expect(statuses.every((s) => s.length < 60)).toBe(true);
  });

  it('elsewhere: a plain line per check (with the finding unless it passed)', () => {
    const { io, lines, statuses } = fakeIo(false);
    const report = progressReporter(io);
    for (const step of steps) report(step);
    expect(statuses).toEqual([]);
    expect(lines).toEqual(['err:PASS F01 title F01', 'err:FAIL F02 title F02: detail F02', 'err:WARN F03 title F03: detail F03', 'err:Removing what the run created…']);
  });
});
