import type { CheckResult } from '@shared/model/conformance';
import type { RunProgress } from '@shared/idp';
import type { ConformanceProgress } from '../../services/conformance/runner';
import type { CliIo } from './command';

const LABEL = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' } as const;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`);

/**
 * Shows a run's progress: on a terminal one line that updates in place (counts so far and the last
 * check); elsewhere (CI logs, pipes) one plain line per finished check (with its finding unless it passed).
 */
export function progressReporter(io: CliIo, columns = 100): (progress: ConformanceProgress) => void {
  const counts = { pass: 0, fail: 0, warn: 0, skip: 0 };
  return (progress) => {
    const result: CheckResult | undefined = progress.result;
    if (result) counts[result.status]++;
    if (io.isTTY) {
      const head = progress.phase === 'discovery' ? 'Reading the discovery documents…' : progress.phase === 'cleanup' ? 'Removing what the run created…' : progress.phase === 'done' ? '' : `[${progress.done}/${progress.total}] ${counts.fail} failed, ${counts.warn} warned`;
      io.status(head && clip(`${head}${result ? `  ${result.id} ${LABEL[result.status]}` : ''}`, columns - 1));
      return;
    }
    if (progress.phase === 'checks' && result) io.err(`${LABEL[result.status]} ${result.id} ${result.title}${result.status === 'pass' ? '' : `: ${result.detail}`}`);
    else if (progress.phase === 'cleanup') io.err('Removing what the run created…');
  };
}

const OBJECT_LABEL = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP', info: 'INFO' } as const;

/**
 * A simulated cycle's progress: on a terminal one updating line (the cycle, objects done, failures so
 * far); elsewhere one plain line per finished object, as the IdP's provisioning log lists it.
 */
export function simulationReporter(io: CliIo, cycle: string, columns = 100): (progress: RunProgress) => void {
  let failed = 0;
  return (progress) => {
    for (const object of progress.finished) {
      if (object.status === 'fail') failed++;
      if (!io.isTTY) io.err(`${cycle}: ${OBJECT_LABEL[object.status]} ${object.type} ${object.label}: ${object.summary}`);
    }
    if (io.isTTY) io.status(progress.stage === 'done' ? '' : clip(`${cycle}: [${progress.done}/${progress.total}] ${progress.requests} requests, ${failed} object(s) failed`, columns - 1));
  };
}
