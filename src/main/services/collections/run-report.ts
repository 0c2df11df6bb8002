import { describeAssertion } from '@shared/model/assertion';
import type { RunResult, RunStep } from '@shared/model/collection-run';
import { summarizeRun } from '@shared/model/collection-run';
import { failureLine } from './assertions/evaluate';

/** 0 when every step passed, 1 when one failed (the exit codes of `conformance`; 2 is the host's: could not run). */
export function runExitCode(result: RunResult): 0 | 1 {
  return result.steps.every((s) => s.ok) && !result.cancelled ? 0 : 1;
}

/** Why a step failed, one line each: its error, then each failed assertion. */
export function failureLines(step: RunStep): string[] {
  return [...(step.error ? [`${step.error.kind}: ${step.error.message}`] : []), ...step.assertions.filter((a) => !a.passed).map(failureLine)];
}

/** The run as JSON for a file (`--json FILE`): steps with their assertions (expected, actual) and SCIM checks. */
export function runReportJson(result: RunResult, meta: { version: string; target?: { url?: string; endpoint?: string } }): unknown {
  return {
    tool: 'scim-inspector',
    version: meta.version,
    kind: 'collection-run',
    collection: { id: result.collectionId, name: result.collectionName ?? '', item: result.itemName ?? '', itemId: result.itemId },
    target: { endpointId: result.endpointId, ...meta.target },
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    cancelled: result.cancelled,
    summary: result.summary ?? summarizeRun(result.steps),
    steps: result.steps.map((step) => ({
      id: step.requestId,
      name: step.name,
      request: { method: step.method, path: step.path },
      status: step.status ?? null,
      passed: step.ok,
      durationMs: Math.round(step.durationMs * 10) / 10,
      ...(step.error ? { error: { kind: step.error.kind, message: step.error.message } } : {}),
      assertions: step.assertions.map((a) => ({ assertion: describeAssertion(a), from: a.from, path: a.path, op: a.op, expected: a.value, actual: a.actual, passed: a.passed, ...(a.message ? { message: a.message } : {}), ...(a.implicit ? { implicit: true } : {}) })),
      ...(step.checks ? { scimChecks: step.checks } : {}),
      ...(step.exchangeId ? { exchange: step.exchangeId } : {}),
    })),
    ...(result.comparison ? { comparison: result.comparison } : {}),
  };
}

const escapeXml = (text: string) =>
  text
    // characters XML 1.0 cannot hold at all (controls other than tab and newlines, lone surrogates)
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** JUnit XML (`--junit FILE`): one testcase per step, named by its request; a failed assertion is a <failure>, no answer an <error>. */
export function runReportJunit(result: RunResult): string {
  const suiteName = [result.collectionName ?? result.collectionId, result.itemName].filter(Boolean).join(' › ');
  const failures = result.steps.filter((s) => !s.ok && !s.error).length;
  const errors = result.steps.filter((s) => s.error).length;
  const total = result.steps.reduce((sum, s) => sum + s.durationMs, 0);
  const classname = escapeXml(suiteName.replace(/ › /g, '.'));
  const cases = result.steps.map((step) => {
    const head = `    <testcase classname="${classname}" name="${escapeXml(`${step.name} (${step.method} ${step.path})`)}" time="${seconds(step.durationMs)}"`;
    const lines = failureLines(step);
    const assertions = step.assertions.map((a) => `${a.passed ? 'PASS' : 'FAIL'} ${describeAssertion(a)}: got ${a.actual}${a.implicit ? ' (default assertion)' : ''}`);
    const checks = step.checks ? [`SCIM checks: ${step.checks.counts.error} errors, ${step.checks.counts.warning} warnings (${step.checks.scope})`] : [];
    const out = escapeXml([...assertions, ...checks].join('\n'));
    if (step.ok) return `${head}>\n      <system-out>${out}</system-out>\n    </testcase>`;
    const tag = step.error ? 'error' : 'failure';
    const type = step.error ? step.error.kind : 'assertion';
    return `${head}>\n      <${tag} message="${escapeXml(lines[0] ?? 'failed')}" type="${escapeXml(type)}">${escapeXml(lines.join('\n'))}</${tag}>\n      <system-out>${out}</system-out>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="scim-inspector run" tests="${result.steps.length}" failures="${failures}" errors="${errors}" time="${seconds(total)}">`,
    `  <testsuite name="${escapeXml(suiteName)}" tests="${result.steps.length}" failures="${failures}" errors="${errors}" skipped="0" timestamp="${escapeXml(result.startedAt)}" time="${seconds(total)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
