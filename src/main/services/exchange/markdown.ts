import type { HeaderList } from '@shared/model/exchange';
import type { ExchangeRecord } from '@shared/redact/exchanges';
import type { RedactionPreview } from '@shared/redact/options';
import type { EnvironmentSummary } from './environment';
import { describeReplacement } from './replacements';

export interface MarkdownOptions {
  /** characters of each body shown before it is cut */
  bodyLimit: number;
  title?: string;
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

/** A support-ticket report: the environment, then each request and response, readable in any Markdown viewer. */
export function toMarkdown(records: readonly ExchangeRecord[], summary: EnvironmentSummary, preview: RedactionPreview, options: MarkdownOptions): string {
  const out: string[] = [];
  out.push(`# ${options.title ?? 'SCIM request log'}`, '');
  out.push('## Environment', '');
  out.push(`- Exported: ${summary.exportedAt} by ${summary.app} (${summary.host} host, ${summary.platform}, ${summary.runtime})`);
  out.push(`- Requests: ${summary.count}${summary.firstStartedAt ? `, from ${summary.firstStartedAt} to ${summary.lastStartedAt}` : ''}`);
  for (const endpoint of summary.endpoints) out.push(`- Endpoint ${code(endpoint.name)}: ${endpoint.origins.map(code).join(', ')}`);
  out.push('', '### Redaction', '', ...redactionLines(preview), '');

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
  });
  return `${out.join('\n').trimEnd()}\n`;
}
