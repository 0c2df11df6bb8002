import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { repoRoot } from '../support/repo-root';
import { expect, test } from './support/fixtures';

/**
 * The README's screenshots, taken from the app as it is: each view, in use, at 1440×900. They are kept
 * under test-results; `UPDATE_SCREENSHOTS=1 npx playwright test readme-screenshots` also copies them to
 * docs/screenshots, where the README shows them.
 */
async function shot(page: Page, name: string, path: (name: string) => string): Promise<void> {
  const file = path(`${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    const dir = join(repoRoot, 'docs', 'screenshots');
    mkdirSync(dir, { recursive: true });
    copyFileSync(file, join(dir, `${name}.png`));
  }
}

test('the views the README shows: workbench, discovery, conformance, IdP simulator', async ({ page, app }, testInfo) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const path = (name: string) => testInfo.outputPath(name);
  await page.goto(app.url);

  // workbench: a filtered list against the sandbox, its table and SCIM checks
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  await page.getByRole('button', { name: /^Send/ }).first().click();
  await expect(page.getByText(/^200\b/).first()).toBeVisible({ timeout: 30_000 });
  await shot(page, 'workbench', path);

  // discovery: capabilities and the schema tree
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('tab', { name: /^Capabilities/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('OAuth Bearer Token')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'discovery', path);

  // conformance: a run of a few groups, a planted defect so a failure shows with its evidence
  await page.evaluate(async () => {
    await fetch('/api/sandbox.configure', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ defects: ['no-location', 'no-www-authenticate'] }) });
  });
  await page.keyboard.press('Alt+5');
  const form = page.getByRole('form', { name: 'New conformance run' });
  for (const group of ['Discovery', 'Create', 'Read', 'Auth', 'HTTP']) await form.getByRole('checkbox', { name: new RegExp(`^${group} \\d+$`) }).check();
  await form.getByRole('button', { name: /^Run \d+ checks?$/ }).click();
  await expect(page.getByRole('button', { name: /^Fail [1-9]\d*$/ })).toBeVisible({ timeout: 60_000 });
  const failing = page.locator('details.cf-check', { has: page.locator('.cf-check-id', { hasText: 'C02' }) });
  await failing.locator('summary').click();
  await expect(failing).toContainText('Location');
  await shot(page, 'conformance', path);

  // IdP simulator: one user provisioned on demand, as Entra ID would
  await page.evaluate(async () => {
    await fetch('/api/sandbox.configure', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ defects: [], lenient: true }) });
  });
  await page.keyboard.press('Alt+6');
  const view = page.getByRole('main', { name: 'IdP simulator' });
  await view.getByRole('tab', { name: 'Test users and groups' }).click();
  await view.getByRole('button', { name: /^Provision .* on demand$/ }).first().click();
  await expect(view.getByRole('list', { name: /^Steps of / }).first()).toBeVisible({ timeout: 60_000 });
  await shot(page, 'simulator', path);

  expect(errors).toEqual([]);
});
