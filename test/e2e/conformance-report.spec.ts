import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { buildReport, prepareReport } from '../../src/shared/conformance/reports';
import { summarize, type CheckResult, type ConformanceRun } from '../../src/shared/model/conformance';
import type { ExchangeRecord } from '../../src/shared/redact/exchanges';
import { RedactionOptions } from '../../src/shared/redact/options';
import { expect, test } from '@playwright/test';

const CANARY = 'canary-html-3e7a90c1d2b6f458';

const check = (id: string, group: string, status: CheckResult['status'], exchanges: string[] = []): CheckResult => ({
  id, group, title: `title of ${id}`, rfc: 'RFC 7644 §3.4.2', status, detail: `finding of ${id}`, exchanges, durationMs: 3,
  ...(status === 'fail' || status === 'warn' ? { expected: `expected of ${id}`, actual: `actual of ${id}`, fix: `fix of ${id}` } : {}),
});

function report(): { html: string; junit: string } {
  const checks = [check('D01', 'Discovery', 'pass', ['x1']), check('D02', 'Discovery', 'skip'), check('F01', 'Filter', 'fail', ['x1']), check('F02', 'Filter', 'warn'), check('F03', 'Filter', 'pass')];
  // a server's answer quoted in a finding may hold anything, control characters included
  checks[2]!.detail += ' \u0001 \u001b[31m <b>&';
  const run: ConformanceRun = {
    runId: 'r', tool: 'scim-inspector', version: '1.2.3', target: { url: 'https://scim.example.com/v2' }, profile: 'rfc', readOnly: false, only: [], prefix: 'p',
    startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:03.000Z', cancelled: false, summary: summarize(checks), checks, leftovers: [],
  };
  const body = JSON.stringify({ Resources: [{ userName: 'ana', emails: [{ value: 'ana@example.org' }] }], token: CANARY });
  const record: ExchangeRecord = {
    exchange: {
      id: 'x1', startedAt: run.startedAt, redirects: [], timings: { total: 4 },
      request: { method: 'GET', url: 'https://scim.example.com/v2/Users?filter=userName%20eq%20%22ana%22', headers: [['Authorization', `Bearer ${CANARY}`]] },
      response: { status: 200, statusText: 'OK', headers: [['Content-Type', 'application/scim+json']], body: { size: body.length, preview: body, truncated: false } },
    },
    responseBody: body,
  };
  const input = prepareReport(run, [record], { scrub: (t) => t.split(CANARY).join('[REDACTED]') }, { redaction: RedactionOptions.parse({}), bodyLimit: 4000, generatedAt: run.finishedAt });
  return { html: buildReport('html', input).content, junit: buildReport('junit', input).content };
}

test('the HTML report opens offline in Chromium without a single request, shows every check, and filters by status', async ({ browser }, testInfo) => {
  const { html, junit } = report();
  const file = testInfo.outputPath('report.html');
  writeFileSync(file, html);
  const context = await browser.newContext();
  await context.setOffline(true);
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(pathToFileURL(file).href);
  await expect(page.getByRole('heading', { name: 'SCIM conformance report' })).toBeVisible();
  const checks = page.locator('details.check');
  await expect(checks).toHaveCount(5);
  // a failing check is open with its evidence and the exchange's request and response
  const f01 = checks.filter({ hasText: 'F01' });
  await expect(f01).toHaveAttribute('open', '');
  await expect(f01.getByText('fix of F01')).toBeVisible();
  await f01.locator('details.exchange > summary').click();
  await expect(f01.locator('pre.headers').first()).toContainText('Authorization: Bearer [REDACTED]');
  await expect(f01.locator('pre.body')).toContainText('email-1@redacted.invalid');
  await page.screenshot({ path: testInfo.outputPath('html-report.png'), fullPage: true });

  await page.getByRole('button', { name: /^Failed 1$/ }).click();
  await expect(checks.locator('visible=true')).toHaveCount(1);
  await expect(page.locator('section.group[data-group="Discovery"]')).toBeHidden();
  await page.getByRole('button', { name: /^Skipped 1$/ }).click();
  await expect(checks.locator('visible=true')).toHaveText([/D02/]);
  await page.getByRole('button', { name: /^All 5$/ }).click();
  await page.getByRole('searchbox', { name: 'Find a check' }).fill('finding of f0');
  await expect(checks.locator('visible=true')).toHaveCount(3);
  await page.getByRole('searchbox', { name: 'Find a check' }).fill('nothing like this');
  await expect(page.getByText('No check matches.')).toBeVisible();

  expect(requests).toEqual([pathToFileURL(file).href]);
  expect(errors).toEqual([]);
  expect(html).not.toContain(CANARY);
  expect(html).not.toContain('ana@example.org');

  // the JUnit file is well-formed for the browser's strict XML parser, which does reject a raw control character
  const parsed = await page.evaluate((xml) => {
    // the page's DOMParser (the test files are type-checked without the DOM library)
    type XmlDocument = { getElementsByTagName(name: string): { length: number } };
    const Parser = (globalThis as unknown as { DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument } }).DOMParser;
    const parse = (text: string) => new Parser().parseFromString(text, 'application/xml');
    const doc = parse(xml);
    return {
      error: doc.getElementsByTagName('parsererror').length,
      cases: doc.getElementsByTagName('testcase').length,
      failures: doc.getElementsByTagName('failure').length,
      skipped: doc.getElementsByTagName('skipped').length,
      control: parse('<a>\u0001</a>').getElementsByTagName('parsererror').length,
    };
  }, junit);
  expect(parsed).toEqual({ error: 0, cases: 5, failures: 1, skipped: 1, control: 1 });
  await context.close();
});
