import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { newSandboxToken } from '../../src/main/services/sandbox/sandbox';
import { expect, test } from './support/fixtures';

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** A command to main through the web bridge, as the page itself would send it (same origin, session cookie). */
async function command(page: Page, name: string, payload: unknown): Promise<unknown> {
  const answer = await page.evaluate(
    async ([n, p]) => (await fetch(`/api/${n}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(p) })).json(),
    [name, payload] as const,
  );
  expect(answer).toMatchObject({ ok: true });
  return (answer as { value: unknown }).value;
}

/** Anything in `text` shaped like a sandbox token, or following `Bearer `. */
function credentialCandidates(text: string): string[] {
  const sample = newSandboxToken();
  const prefix = sample.slice(0, sample.indexOf('_') + 1);
  const found = new Set<string>();
  for (const m of text.matchAll(new RegExp(`${prefix}[A-Za-z0-9_-]{${sample.length - prefix.length}}`, 'g'))) found.add(m[0]);
  for (const m of text.matchAll(/Bearer\s+([A-Za-z0-9._~+/=-]{8,})/g)) found.add(m[1]!);
  return [...found];
}

async function startRun(page: Page, groups: string[]): Promise<void> {
  const form = page.getByRole('form', { name: 'New conformance run' });
  await expect(form.getByRole('combobox', { name: 'Endpoint' })).toHaveValue('sandbox');
  for (const group of groups) await form.getByRole('checkbox', { name: new RegExp(`^${group} \\d+$`) }).check();
  await form.getByRole('button', { name: /^Run \d+ checks?$/ }).click();
}

test('runs the suite from the Conformance view, opens a failing check\'s exchange, compares two runs, exports an HTML report without the token', async ({ page, app }, testInfo) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { name: 'New conformance run' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Conformance' })).toHaveAttribute('aria-selected', 'true');

  // 1. a clean run against the strict embedded sandbox
  await startRun(page, ['Discovery', 'Create', 'HTTP']);
  await expect(page.getByRole('heading', { name: 'Sandbox', level: 1 })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: /^Fail 0$/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Kept runs' }).getByRole('listitem')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('conformance-first-run.png') });

  // 2. plant a defect in the sandbox and run again: H01 fails, with its evidence
  await command(page, 'sandbox.configure', { defects: ['json-content-type'] });
  await page.getByRole('button', { name: 'New run' }).click();
  await startRun(page, []);
  await expect(page.getByRole('button', { name: /^Fail [1-9]\d*$/ })).toHaveAttribute('aria-pressed', 'true', { timeout: 60_000 });
  const h01 = page.locator('details.cf-check', { has: page.locator('.cf-check-id', { hasText: 'H01' }) });
  await h01.locator('summary').click();
  await expect(h01.getByText('Expected')).toBeVisible();
  await expect(h01.getByText('Content-Type: application/scim+json', { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('conformance-failing-check.png') });

  // 3. the failing check's exchange opens in the response inspector
  await h01.getByRole('button', { name: 'Open in inspector' }).first().click();
  await expect(page.getByRole('tab', { name: 'Requests' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: /^Headers \d+$/ }).click();
  await expect(page.getByRole('table', { name: 'Response headers' }).getByRole('row', { name: /content-type/i })).toContainText('application/json');
  await command(page, 'sandbox.configure', { defects: [] });

  // 4. compare the two runs
  await page.keyboard.press('Alt+5');
  const runs = page.getByRole('list', { name: 'Kept runs' });
  await expect(runs.getByRole('listitem')).toHaveCount(2);
  for (const box of await runs.getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Compare (2/2)' }).click();
  await expect(page.getByRole('heading', { name: 'Compare runs' })).toBeVisible();
  const newlyFailing = page.getByRole('table', { name: 'Newly failing' });
  await expect(newlyFailing.getByRole('row', { name: /H01/ })).toBeVisible();
  await expect(newlyFailing.getByRole('row', { name: /H01/ })).toContainText('Pass');
  await expect(newlyFailing.getByRole('row', { name: /H01/ })).toContainText('Fail');
  await page.screenshot({ path: testInfo.outputPath('conformance-compare.png') });

  // 5. export the failing run as HTML: a file with the findings and no token
  await page.getByRole('button', { name: /Sandbox/ }).nth(1).click();
  await expect(page.getByRole('button', { name: 'Export report…' })).toBeVisible();
  await page.getByRole('button', { name: 'Export report…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export conformance report' });
  await expect(dialog.getByRole('radio', { name: /HTML report/ })).toBeChecked();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export HTML report' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^scim-conformance-.*\.html$/);
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  const html = readFileSync(saved, 'utf8');
  expect(html).toContain('<span class="id">H01</span>');
  expect(html).toContain('Bearer [REDACTED]');
  expect(credentialCandidates(html)).toEqual([]);
  expect(errors).toEqual([]);
});

test('shows live progress and cancels a slow run; the cancelled run is kept and says so', async ({ page, app }) => {
  test.setTimeout(90_000);
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  await command(page, 'sandbox.configure', { faults: { latencyMs: 400 } });
  await page.getByRole('tab', { name: 'Conformance' }).click();
  await page.getByRole('form', { name: 'New conformance run' }).getByRole('spinbutton', { name: 'Requests at once' }).fill('1');
  await startRun(page, []);
  const progress = page.getByRole('progressbar', { name: 'Run progress' });
  await expect(progress).toBeVisible();
  await expect(page.getByText(/Running checks · \d+ of \d+/)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(page.getByText('This run was cancelled: checks it did not finish are listed as skipped.')).toBeVisible({ timeout: 30_000 });
  await command(page, 'sandbox.configure', { faults: { latencyMs: 0 } });
  await expect(page.getByRole('list', { name: 'Kept runs' })).toContainText('cancelled');
});
