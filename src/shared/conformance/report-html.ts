import type { CheckResult } from '../model/conformance';
import type { HeaderList } from '../model/exchange';
import { html, prettyBody } from './escape';
import { byGroup, exchangeLine, STATUS_LABEL, type ExchangeEvidence, type ReportInput } from './report-input';
import { REPORT_CSS, REPORT_SCRIPT } from './report-html-assets';

/** Nothing may load from anywhere: the file must read the same offline, attached to a ticket. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

function headers(list: HeaderList): string {
  if (list.length === 0) return '<p class="muted">No headers.</p>';
  return `<pre class="headers">${list.map(([n, v]) => `${html(n)}: ${html(v)}`).join('\n')}</pre>`;
}

function body(label: string, text: string | undefined, cut: number | undefined): string {
  if (text === undefined) return `<p class="muted">${label}: none.</p>`;
  return `<p class="label">${label}</p><pre class="body">${html(prettyBody(text))}</pre>${cut ? `<p class="muted">Cut: ${cut} more characters.</p>` : ''}`;
}

function exchange(e: ExchangeEvidence): string {
  const tone = e.status === undefined ? 'fail' : e.status >= 400 ? 'warn' : 'pass';
  return `<details class="exchange"><summary><span class="code tone-${tone}">${html(exchangeLine(e))}</span></summary>
<div class="exchange-parts"><section><h4>Request</h4>${headers(e.requestHeaders)}${body('Body', e.requestBody, e.requestBodyCut)}</section>
<section><h4>Response</h4>${e.error ? `<p class="error">${html(e.error)}</p>` : ''}${headers(e.responseHeaders)}${body('Body', e.responseBody, e.responseBodyCut)}</section></div></details>`;
}

function check(c: CheckResult, input: ReportInput): string {
  const facts: string[] = [];
  if (c.expected !== undefined) facts.push(`<dt>Expected</dt><dd>${html(c.expected)}</dd>`);
  if (c.actual !== undefined) facts.push(`<dt>Actual</dt><dd>${html(c.actual)}</dd>`);
  if (c.fix !== undefined) facts.push(`<dt>Fix</dt><dd>${html(c.fix)}</dd>`);
  const cited = c.exchanges.map((id) => input.exchanges[id]).filter((e) => e !== undefined);
  const missing = c.exchanges.length - cited.length;
  return `<details class="check" data-status="${c.status}" data-text="${html(`${c.id} ${c.title} ${c.detail}`.toLowerCase())}"${c.status === 'fail' ? ' open' : ''}>
<summary><span class="badge status-${c.status}">${STATUS_LABEL[c.status]}</span> <span class="id">${html(c.id)}</span> <span class="title">${html(c.title)}</span> <span class="rfc">${html(c.rfc)}</span></summary>
<div class="check-body"><p class="detail">${html(c.detail)}</p>${facts.length ? `<dl>${facts.join('')}</dl>` : ''}
${cited.length ? `<div class="exchanges"><p class="label">Exchanges</p>${cited.map(exchange).join('\n')}</div>` : ''}${missing > 0 ? `<p class="muted">${missing} exchange(s) cited, no longer in history.</p>` : ''}</div></details>`;
}

function counts(checks: readonly CheckResult[]): string {
  const n = (status: CheckResult['status']) => checks.filter((c) => c.status === status).length;
  return (['fail', 'warn', 'pass', 'skip'] as const)
    .filter((s) => n(s) > 0)
    .map((s) => `<span class="count status-${s}">${n(s)} ${STATUS_LABEL[s].toLowerCase()}</span>`)
    .join(' ');
}

/**
 * One self-contained HTML file: inline CSS and script only (a CSP forbids loading anything), readable
 * without the script (every check is there; the script adds the status filter and the search).
 */
export function toHtmlReport(input: ReportInput): string {
  const { run } = input;
  const s = run.summary;
  const groups = byGroup(run.checks)
    .map(({ group, checks }) => `<section class="group" data-group="${html(group)}"><h2>${html(group)} <span class="group-counts">${counts(checks)}</span></h2>\n${checks.map((c) => check(c, input)).join('\n')}</section>`)
    .join('\n');
  const filters = [
    ['all', 'All', run.checks.length],
    ['fail', 'Failed', s.failed],
    ['warn', 'Warnings', s.warned],
    ['pass', 'Passed', s.passed],
    ['skip', 'Skipped', s.skipped],
  ] as const;
  const leftovers = run.leftovers.length
    ? `<section class="leftovers"><h2>Left on the server</h2><p>The run could not remove these resources it created:</p><ul>${run.leftovers.map((l) => `<li><code>${html(`${l.endpoint}/${l.id}`)}</code>: ${html(l.reason)}</li>`).join('')}</ul></section>`
    : '';
  const r = input.redaction;
  const personal = r.paths.filter((p) => p !== 'password');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="scim-inspector ${html(run.version)}">
<title>SCIM conformance: ${html(run.target.url)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>SCIM conformance report</h1>
<p class="target"><code>${html(run.target.url)}</code>${run.target.endpointName ? ` <span class="muted">(${html(run.target.endpointName)})</span>` : ''}</p>
<p class="facts">Profile <strong>${html(run.profile)}</strong>${run.readOnly ? ' · read-only' : ''}${run.only.length ? ` · only ${html(run.only.join(', '))}` : ''} · ${html(run.startedAt)} to ${html(run.finishedAt)}${run.cancelled ? ' · <strong>cancelled before the end</strong>' : ''} · scim-inspector ${html(run.version)}</p>
<div class="filters" role="group" aria-label="Show checks">
${filters.map(([key, label, n]) => `<button type="button" data-filter="${key}" aria-pressed="${key === 'all'}" class="filter status-${key}">${label} <span class="n">${n}</span></button>`).join('\n')}
<input type="search" id="search" placeholder="Find a check (id, title, finding)" aria-label="Find a check">
</div>
</header>
<main>
${groups || '<p class="muted">This run has no checks.</p>'}
<p id="none" class="muted" hidden>No check matches.</p>
${leftovers}
</main>
<footer>
<p>Secrets replaced (${r.secretValues} known values, ${r.secretHeaders.reduce((n, h) => n + h.count, 0)} credential headers). Personal data replaced by placeholders: ${personal.length ? personal.map((p) => `<code>${html(p)}</code>`).join(', ') : 'none selected'}.</p>
<p>Generated ${html(input.generatedAt)} by SCIM Inspector ${html(run.version)}.</p>
</footer>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
