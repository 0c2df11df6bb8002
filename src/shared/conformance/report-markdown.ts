import type { CheckResult } from '../model/conformance';
import { fence, inlineCode, markdownText, prettyBody } from './escape';
import { byGroup, exchangeLine, STATUS_LABEL, type ExchangeEvidence, type ReportInput } from './report-input';

function exchangeBlock(e: ExchangeEvidence): string[] {
  const out = [`- ${inlineCode(exchangeLine(e))}`];
  if (e.requestBody !== undefined) {
    out.push('', '  Request body:', '', indent(fence(prettyBody(e.requestBody), 'json')));
    if (e.requestBodyCut) out.push(`  _Cut: ${e.requestBodyCut} more characters._`);
  }
  if (e.responseBody !== undefined) {
    out.push('', '  Response body:', '', indent(fence(prettyBody(e.responseBody), 'json')));
    if (e.responseBodyCut) out.push(`  _Cut: ${e.responseBodyCut} more characters._`);
  }
  return out;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

function finding(check: CheckResult, input: ReportInput): string[] {
  const out = [`### ${STATUS_LABEL[check.status]} ${check.id}: ${markdownText(check.title)}`, '', `${markdownText(check.group)} · ${markdownText(check.rfc)}`, '', markdownText(check.detail), ''];
  if (check.expected !== undefined) out.push(`- **Expected:** ${markdownText(check.expected)}`);
  if (check.actual !== undefined) out.push(`- **Actual:** ${markdownText(check.actual)}`);
  if (check.fix !== undefined) out.push(`- **Fix:** ${markdownText(check.fix)}`);
  const exchanges = check.exchanges.map((id) => input.exchanges[id]).filter((e) => e !== undefined);
  if (exchanges.length > 0) out.push('', '**Exchanges**', '', ...exchanges.flatMap(exchangeBlock));
  else if (check.exchanges.length > 0) out.push('', `_${check.exchanges.length} exchange(s) cited, no longer in history._`);
  out.push('');
  return out;
}

/** A report for a ticket or a pull request: summary, every failure and warning with its evidence, then every check. */
export function toMarkdownReport(input: ReportInput): string {
  const { run } = input;
  const s = run.summary;
  const out = [
    '# SCIM conformance report',
    '',
    `- **Target:** ${inlineCode(run.target.url)}${run.target.endpointName ? ` (${markdownText(run.target.endpointName)})` : ''}`,
    `- **Profile:** ${run.profile}${run.readOnly ? ' (read-only: no check wrote to the server)' : ''}`,
    ...(run.only.length > 0 ? [`- **Only:** ${run.only.map(inlineCode).join(', ')}`] : []),
    `- **Run:** ${run.startedAt} to ${run.finishedAt}${run.cancelled ? ' (cancelled before the end)' : ''}`,
    `- **Tool:** scim-inspector ${run.version}`,
    '',
    '| Passed | Failed | Warned | Skipped |',
    '| ---: | ---: | ---: | ---: |',
    `| ${s.passed} | ${s.failed} | ${s.warned} | ${s.skipped} |`,
    '',
  ];
  const findings = run.checks.filter((c) => c.status === 'fail' || c.status === 'warn');
  if (findings.length > 0) {
    out.push('## Failures and warnings', '');
    for (const check of [...findings].sort((a, b) => Number(a.status === 'warn') - Number(b.status === 'warn'))) out.push(...finding(check, input));
  }
  out.push('## All checks', '');
  for (const { group, checks } of byGroup(run.checks)) {
    out.push(`### ${markdownText(group)}`, '', '| Check | Status | Title | Finding |', '| --- | --- | --- | --- |');
    for (const c of checks) out.push(`| ${c.id} | ${STATUS_LABEL[c.status]} | ${markdownText(c.title)} | ${markdownText(c.detail)} |`);
    out.push('');
  }
  if (run.leftovers.length > 0) {
    out.push('## Left on the server', '', 'The run could not remove these resources it created:', '');
    for (const l of run.leftovers) out.push(`- ${inlineCode(`${l.endpoint}/${l.id}`)}: ${markdownText(l.reason)}`);
    out.push('');
  }
  const r = input.redaction;
  out.push(
    '## Redaction',
    '',
    `Secrets were replaced (${r.secretValues} known values, ${r.secretHeaders.reduce((n, h) => n + h.count, 0)} credential headers). ` +
      `Personal data replaced by placeholders: ${r.paths.filter((p) => p !== 'password').map(inlineCode).join(', ') || 'none selected'}.`,
    '',
    `_Generated ${input.generatedAt} by SCIM Inspector ${run.version}._`,
    '',
  );
  return out.join('\n');
}
