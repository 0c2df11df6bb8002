import { describeAssertion, type AssertionResult } from '@shared/model/assertion';
import type { RunResult, StepChecks } from '@shared/model/collection-run';
import type { HeaderList } from '@shared/model/exchange';
import type { ExchangeRecord } from '@shared/redact/exchanges';
import type { RedactionPreview } from '@shared/redact/options';
import type { EnvironmentSummary } from './environment';
import type { ExchangeNotes } from './notes';
import { describeReplacement } from './replacements';

export interface MarkdownOptions {
  /** characters of each body shown before it is cut */
  bodyLimit: number;
  title?: string;
  /** per record: its SCIM check findings and run step (same order as the records) */
  notes?: readonly ExchangeNotes[];
  /** a run export: its steps, summary and comparison */
  run?: RunResult | undefined;
}

/** A fence longer than any run of backticks in the text, so a body can never close it. */
function fence(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${text}\n${ticks}`;
}

function pretty(text: string, contentType: string | undefined): { text: string; language: string } {
  const trimmed = text.trimStart();
  if ((contentType ?? '').includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { text: JSON.stringify(JSON.parse(text), null, 2), language: 'json' };
    } catch {}
  }
  return { text, language: (contentType ?? '').includes('xml') ? 'xml' : '' };
}

function body(text: string | undefined, contentType: string | undefined, limit: number): string[] {
  if (text === undefined || text === '') return ['_No body._'];
  const { text: shown, language } = pretty(text, contentType);
  if (shown.length <= limit) return [fence(shown, language)];
  return [fence(shown.slice(0, limit), language), `_Body cut at ${limit.toLocaleString('en-US')} of ${shown.length.toLocaleString('en-US')} characters._`];
}

function headerBlock(headers: HeaderList): string[] {
  return headers.length === 0 ? ['_No headers._'] : [fence(headers.map(([n, v]) => `${n}: ${v}`).join('\n'), 'http')];
}

const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** Inline code that survives backticks inside. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${longest ? ' ' : ''}${text}${longest ? ' ' : ''}${ticks}`;
}

/** The redaction that was applied, without any original value. */
function redactionLines(preview: RedactionPreview): string[] {
  const lines: string[] = [];
  const headers = preview.secretHeaders.map((h) => `${h.name} ×${h.count}`).join(', ');
  lines.push(`- Secret headers replaced: ${headers || 'none found'}`);
  lines.push(`- Known secret values replaced: ${preview.secretValues}`);
  lines.push(`- \`password\` values replaced: ${preview.alwaysRedacted}`);
  const paths = preview.paths.filter((p) => p !== 'password');
  lines.push(`- Personal data replaced by consistent placeholders: ${paths.length ? paths.map((p) => `\`${p}\``).join(', ') : 'none selected'} (${preview.personalData.length} distinct values)`);
  lines.push('', 'Every credential replaced by `[REDACTED]`, by kind and place (counts, never values):', '');
  const replacements = preview.replacements ?? [];
  if (replacements.length === 0) lines.push('- none found');
  for (const r of replacements) lines.push(`- ${describeReplacement(r, code)}`);
  return lines;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A table cell: one line, no column break. */
const cell = (text: string) => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

function assertionLine(a: AssertionResult): string {
  const expected = a.op === 'exists' || a.op === 'absent' ? '' : `, expected ${code(a.value)}`;
  return `- **${a.passed ? 'pass' : 'FAIL'}** ${code(describeAssertion(a))}${expected}, got ${code(a.actual)}${a.message ? ` (${a.message})` : ''}${a.implicit ? ' _(default assertion: the request has none)_' : ''}`;
}

/** The SCIM check findings of one answer, a list under the exchange. */
export function checkLines(checks: StepChecks): string[] {
  const { error, warning, info } = checks.counts;
  const total = error + warning + info;
  const out = [`### SCIM checks: ${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info`, '', `_Checked: ${checks.scope}._`, ''];
  if (total === 0) out.push('- No finding: nothing in this answer departs from RFC 7643/7644 as far as the checks can tell.');
  for (const f of checks.findings) {
    out.push(`- **${f.severity}** ${code(f.code)}${f.checkId ? ` (${f.checkId})` : ''}${f.path ? ` at ${code(f.path)}` : ''}: ${f.message} — ${f.rfc}`);
  }
  if (checks.findings.length < total) out.push(`- _… and ${total - checks.findings.length} more (the first ${checks.findings.length} are listed)._`);
  return out;
}

function runLines(run: RunResult): string[] {
  const out = ['## Run', ''];
  out.push(`- Collection: ${code(run.collectionName ?? run.collectionId)}, ${run.itemName ? code(run.itemName) : 'the whole collection'}`);
  out.push(`- Started: ${run.startedAt}; finished: ${run.finishedAt}${run.cancelled ? ' (stopped before the end)' : ''}`);
  if (run.summary) {
    const s = run.summary;
    out.push(`- Steps: ${s.steps}, ${s.passed} passed, ${s.failed} failed; assertions: ${s.assertionsPassed} passed, ${s.assertionsFailed} failed; SCIM check errors: ${s.checkErrors}`);
  }
  const c = run.comparison;
  if (c) {
    const names = (change: string) => c.steps.filter((s) => s.change === change).map((s) => code(s.name));
    const failing = names('newly-failing');
    const passing = names('newly-passing');
    out.push(`- Against the run of ${c.previousStartedAt}: ${c.newlyFailing} newly failing${failing.length ? ` (${failing.join(', ')})` : ''}, ${c.newlyPassing} newly passing${passing.length ? ` (${passing.join(', ')})` : ''}, ${c.unchanged} unchanged`);
  }
  out.push('', '| # | Request | Status | Result |', '|---|---|---|---|');
  run.steps.forEach((step, i) => {
    const failed = step.assertions.filter((a) => !a.passed).map((a) => `${describeAssertion(a)}: got ${a.actual}`);
    const result = step.ok ? 'passed' : `failed${step.error ? `: ${step.error.message}` : failed.length ? `: ${failed.join('; ')}` : ''}`;
    out.push(`| ${i + 1} | ${cell(`${step.name} (${step.method} ${step.path})`)} | ${step.status ?? '—'} | ${cell(result)} |`);
  });
  out.push('');
  return out;
}

/** A support-ticket report: the environment, then each request and response, readable in any Markdown viewer. */
export function toMarkdown(records: readonly ExchangeRecord[], summary: EnvironmentSummary, preview: RedactionPreview, options: MarkdownOptions): string {
  const out: string[] = [];
  const run = options.run;
  const title = options.title ?? (run ? `Collection run: ${run.collectionName ?? run.collectionId}${run.itemName ? ` › ${run.itemName}` : ''}` : 'SCIM request log');
  out.push(`# ${title}`, '');
  out.push('## Environment', '');
  out.push(`- Exported: ${summary.exportedAt} by ${summary.app} (${summary.host} host, ${summary.platform}, ${summary.runtime})`);
  out.push(`- Requests: ${summary.count}${summary.firstStartedAt ? `, from ${summary.firstStartedAt} to ${summary.lastStartedAt}` : ''}`);
  for (const endpoint of summary.endpoints) out.push(`- Endpoint ${code(endpoint.name)}: ${endpoint.origins.map(code).join(', ')}`);
  out.push('', '### Redaction', '', ...redactionLines(preview), '');
  if (run) out.push(...runLines(run));

  records.forEach(({ exchange, requestBody, responseBody }, index) => {
    const { request, response, error } = exchange;
    const outcome = response ? `${response.status}${response.statusText ? ` ${response.statusText}` : ''}` : `failed (${error?.kind ?? 'error'})`;
    out.push(`## ${index + 1}. ${request.method} ${pathOf(request.url)} → ${outcome}`, '');
    out.push(`- Started: ${exchange.startedAt}; total time: ${ms(exchange.timings.total)}`);
    if (exchange.endpointName) out.push(`- Endpoint: ${code(exchange.endpointName)}`);
    out.push(`- URL: ${code(request.url)}`);
    if (exchange.redirects.length) out.push(`- Redirects: ${exchange.redirects.map((r) => `${r.status} → ${code(r.url)}`).join(', ')}`);
    if (exchange.tls?.verificationDisabled) out.push('- **TLS certificate verification was turned off for this endpoint.**');
    out.push('', '### Request', '', ...headerBlock(request.headers), '', ...body(requestBody, request.body?.contentType, options.bodyLimit), '');
    if (response) {
      out.push(`### Response: ${outcome} · ${ms(exchange.timings.total)} · ${bytes(response.body.size)}`, '');
      out.push(...headerBlock(response.headers), '', ...body(responseBody, response.body.contentType, options.bodyLimit), '');
    }
    if (error) {
      out.push(`### Error: ${error.kind}`, '', error.message, ...(error.hint ? ['', `Hint: ${error.hint}`] : []), '');
    }
    const note = options.notes?.[index];
    if (note?.step) out.push(`### Assertions of step ${code(note.step.name)}: ${note.step.ok ? 'passed' : 'failed'}`, '', ...note.step.assertions.map(assertionLine), '');
    if (note?.checks) out.push(...checkLines(note.checks), '');
  });
  return `${out.join('\n').trimEnd()}\n`;
}
