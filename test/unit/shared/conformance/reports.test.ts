import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildReport, prepareReport, type ExchangeEvidence } from '@shared/conformance/reports';
import type { ReportFormat } from '@shared/model/conformance';
import { RedactionOptions } from '@shared/redact/options';
import { CANARY, check, createExchange, resourceTypesExchange, run, secrets } from './sample-run';

const FORMATS: ReportFormat[] = ['html', 'markdown', 'junit', 'json'];
/** Characters XML 1.0 cannot hold at all. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function sampleRun() {
  return run([
    check('D01', 'pass', { exchanges: ['x-types'] }),
    check('D05', 'skip', { detail: 'The server claims no groups' }),
    check('F01', 'fail', {
      detail: 'POST /Users lost the email ana.okonkwo@example.org & answered <201>',
      expected: 'emails[0].value "ana.okonkwo@example.org"',
      actual: `201 with echo ${CANARY}`,
      fix: 'Keep what was sent (RFC 7643 §4.1.2).',
      exchanges: ['x-create', 'x-gone'],
    }),
    check('F02', 'warn', { detail: 'SHOULD: sorted case-insensitively', expected: 'a, B', actual: 'B, a', fix: 'Sort by caseExact' }),
  ]);
}

const prepare = (personalData?: string[]) =>
  prepareReport(sampleRun(), [createExchange('x-create'), resourceTypesExchange('x-types')], secrets, {
    redaction: RedactionOptions.parse(personalData ? { personalData } : {}),
    bodyLimit: 4000,
    generatedAt: '2026-01-31T11:00:00.000Z',
  });

describe('conformance reports', () => {
  it('JSON: exactly the documented keys, at the top and in every check', () => {
    const report = JSON.parse(buildReport('json', prepare()).content) as Record<string, unknown> & { checks: Record<string, unknown>[] };
    expect(Object.keys(report)).toEqual(['tool', 'version', 'target', 'profile', 'summary', 'checks']);
    expect(report).toMatchObject({ tool: 'scim-inspector', version: '9.9.9', target: { url: 'https://scim.example.com/scim/v2' }, profile: 'rfc', summary: { passed: 1, failed: 1, warned: 1, skipped: 1 } });
    expect(Object.keys(report.target as object)).toEqual(['url']);
    expect(Object.keys(report.summary as object)).toEqual(['passed', 'failed', 'warned', 'skipped']);
    for (const c of report.checks) expect(Object.keys(c)).toEqual(['id', 'group', 'title', 'rfc', 'status', 'detail', 'exchanges']);
    expect(report.checks[2]).toMatchObject({ id: 'F01', group: 'Filter', title: 'title of F01', rfc: 'RFC 7644 §3.4.2.2', status: 'fail', exchanges: ['x-create', 'x-gone'] });
  });

  it('no format holds the canary secret or a ticked personal value; the findings use the bodies\' placeholders', () => {
    const input = prepare();
    for (const format of FORMATS) {
      const { content } = buildReport(format, input);
      expect(content, format).not.toContain(CANARY);
      expect(content, format).not.toContain('ana.okonkwo@example.org');
      expect(content, format).not.toContain('Anastasia');
    }
    const md = buildReport('markdown', input).content;
    // the same email gets one placeholder in the finding and in the body
    expect(md).toContain('email-1@redacted.invalid');
    expect(md.match(/email-1@redacted\.invalid/g)!.length).toBeGreaterThanOrEqual(3);
    expect(input.redaction.secretHeaders).toEqual([{ name: 'authorization', count: 2 }]);
    // discovery documents describe the server: the resource type "User" keeps its name
    expect(input.exchanges['x-types']!.responseBody).toContain('"name":"User"');
  });

  it('keeps personal data the user chose not to replace (secrets still go)', () => {
    const md = buildReport('markdown', prepare([])).content;
    expect(md).toContain('ana.okonkwo@example.org');
    expect(md).not.toContain(CANARY);
  });

  it('JUnit: valid XML with a testcase per check; fail is <failure>, skip <skipped/>, warn passes with a WARNING line; control characters survive as text', () => {
    const input = prepare();
    input.run.checks[2]!.detail = 'bad \u0000 nul, \u001b[31m escape, lone \ud800 surrogate, ]]> and "quotes" <tag> & amp';
    const xml = buildReport('junit', input).content;
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(NOT_XML.test(xml)).toBe(false);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml) as {
      testsuites: { tests: string; failures: string; skipped: string; testsuite: { name: string; testcase: Record<string, unknown>[] }[] };
    };
    expect(parsed.testsuites).toMatchObject({ tests: '4', failures: '1', skipped: '1' });
    const cases = parsed.testsuites.testsuite.flatMap((s) => s.testcase);
    expect(cases.map((c) => c.name)).toEqual(['D01 title of D01', 'D05 title of D05', 'F01 title of F01', 'F02 title of F02']);
    expect(cases[0]).not.toHaveProperty('failure');
    expect(cases[1]!.skipped).toEqual({ message: 'The server claims no groups' });
    const failure = cases[2]!.failure as { message: string; '#text': string };
    expect(failure.message).toContain('\\u0000 nul, \\u001b[31m escape, lone \\ud800 surrogate, ]]> and "quotes" <tag> & amp');
    expect(failure['#text']).toContain('Fix: Keep what was sent');
    expect(failure['#text']).toContain('POST https://scim.example.com/scim/v2/Users → 201 Created');
    expect(cases[3]).not.toHaveProperty('failure');
    expect(String(cases[3]!['system-out'])).toMatch(/^WARNING: SHOULD: sorted case-insensitively/);
  });

  it('Markdown: a body with backticks cannot close its fence; table cells keep their pipes escaped', () => {
    const input = prepare();
    (input.exchanges as Record<string, ExchangeEvidence>)['x-create'] = { ...input.exchanges['x-create']!, responseBody: 'text ``` with a fence and | a pipe' };
    input.run.checks[2]!.detail = 'a | b';
    const md = buildReport('markdown', input).content;
    expect(md).toContain('  ````json\n  text ``` with a fence and | a pipe\n  ````');
    expect(md).toContain('| F01 | FAIL | title of F01 | a \\| b |');
  });

  it('HTML: one inline script, a CSP that forbids loading anything, and every text escaped', () => {
    const input = prepare();
    input.run.checks[2]!.detail = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';
    const page = buildReport('html', input).content;
    expect(page.match(/<script>/g)).toHaveLength(1);
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)');
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(page).not.toMatch(/(src|href)="https?:/);
    for (const id of ['D01', 'D05', 'F01', 'F02']) expect(page).toContain(`<span class="id">${id}</span>`);
  });

  it('names files after the run start, one extension per format', () => {
    const input = prepare();
    expect(FORMATS.map((f) => buildReport(f, input).fileName)).toEqual([
      'scim-conformance-2026-01-31T10-00-00.html',
      'scim-conformance-2026-01-31T10-00-00.md',
      'scim-conformance-2026-01-31T10-00-00.junit.xml',
      'scim-conformance-2026-01-31T10-00-00.json',
    ]);
  });
});
