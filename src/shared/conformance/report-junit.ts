import type { CheckResult } from '../model/conformance';
import { xmlAttribute, xmlText } from './escape';
import { byGroup, exchangeLine, type ReportInput } from './report-input';

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function evidence(check: CheckResult, input: ReportInput): string {
  const lines = [check.detail];
  if (check.expected !== undefined) lines.push(`Expected: ${check.expected}`);
  if (check.actual !== undefined) lines.push(`Actual: ${check.actual}`);
  if (check.fix !== undefined) lines.push(`Fix: ${check.fix}`);
  lines.push(`Section: ${check.rfc}`);
  const exchanges = check.exchanges.map((id) => input.exchanges[id]).filter((e) => e !== undefined);
  if (exchanges.length > 0) lines.push('Exchanges:', ...exchanges.map((e) => `  ${exchangeLine(e)}`));
  return lines.join('\n');
}

function testcase(check: CheckResult, input: ReportInput): string {
  const open = `    <testcase classname="${xmlAttribute(`scim-inspector.${check.group}`)}" name="${xmlAttribute(`${check.id} ${check.title}`)}" time="${seconds(check.durationMs)}"`;
  switch (check.status) {
    case 'pass':
      return `${open}/>`;
    case 'skip':
      return `${open}>\n      <skipped message="${xmlAttribute(check.detail)}"/>\n    </testcase>`;
    case 'fail':
      return `${open}>\n      <failure message="${xmlAttribute(check.detail)}" type="fail">${xmlText(evidence(check, input))}</failure>\n    </testcase>`;
    case 'warn':
      // a warning is a passed testcase that says so: a CI job fails on the same checks the exit code does
      return `${open}>\n      <system-out>${xmlText(`WARNING: ${evidence(check, input)}`)}</system-out>\n    </testcase>`;
  }
}

/**
 * JUnit XML: one testsuite per group, one testcase per check. `fail` is a `<failure>`, `skip` is
 * `<skipped/>`, `warn` is a passing testcase whose `<system-out>` starts with `WARNING:` (a warning
 * is a SHOULD, so it does not fail the build, exactly as it does not change the exit code).
 */
export function toJunitReport(input: ReportInput): string {
  const { run } = input;
  const total = (checks: readonly CheckResult[]) => checks.reduce((sum, c) => sum + c.durationMs, 0);
  const count = (checks: readonly CheckResult[], status: CheckResult['status']) => checks.filter((c) => c.status === status).length;
  const suites = byGroup(run.checks).map(({ group, checks }) =>
    [
      `  <testsuite name="${xmlAttribute(group)}" tests="${checks.length}" failures="${count(checks, 'fail')}" errors="0" skipped="${count(checks, 'skip')}" time="${seconds(total(checks))}" timestamp="${xmlAttribute(run.startedAt.slice(0, 19))}">`,
      ...checks.map((c) => testcase(c, input)),
      '  </testsuite>',
    ].join('\n'),
  );
  const name = `scim-inspector ${run.command ?? 'conformance'} (${run.profile}${run.readOnly ? ', read-only' : ''}) ${run.target.url}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttribute(name)}" tests="${run.checks.length}" failures="${run.summary.failed}" errors="0" skipped="${run.summary.skipped}" time="${seconds(Math.max(0, Date.parse(run.finishedAt) - Date.parse(run.startedAt)) || 0)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
