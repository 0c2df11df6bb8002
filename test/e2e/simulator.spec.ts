import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/** Calls the app's own API from the page, as the renderer does (the session cookie authorizes it). */
async function api(page: Page, command: string, payload: unknown): Promise<unknown> {
  return page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!result.ok) throw new Error(result.error?.message ?? `${name} failed`);
      return result.value;
    },
    [command, payload] as const,
  );
}

const DIEGO = 'diego.siciliani@contoso.example';

test('edit a mapping, provision one user on demand, read its step log, deprovision it', async ({ page, app }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  // the embedded sandbox takes Entra's default shapes in lenient mode (strict would reject "Replace"/"False", as the log would say)
  await api(page, 'sandbox.configure', { lenient: true });
  await page.keyboard.press('Alt+6');
  const view = page.getByRole('main', { name: 'IdP simulator' });
  await expect(view.getByRole('heading', { name: 'IdP simulator' })).toBeVisible();

  // edit the title mapping: a broken expression is flagged where it breaks, and Save waits for a fix
  const mappings = view.getByRole('table', { name: 'User attribute mappings' });
  const source = mappings.getByRole('combobox', { name: 'Source of user mapping to title' });
  const titleRow = mappings.getByRole('row').filter({ has: page.getByRole('combobox', { name: 'Source of user mapping to title' }) });
  await source.fill('ToUpper([jobTitle]');
  await expect(titleRow.getByRole('alert')).toContainText('ToUpper( is not closed');
  await expect(view.getByRole('button', { name: 'Save mappings' })).toBeDisabled();
  await source.fill('ToUpper([jobTitle])');
  await expect(titleRow.getByRole('alert')).toHaveCount(0);
  await view.getByRole('button', { name: 'Save mappings' }).click();
  await expect(view.getByRole('status')).toContainText('Saved to');
  const file = join(app.dataDir, 'simulator', 'mappings', 'entra.json');
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { user: { target: string; source: string }[] };
  expect(saved.user.find((r) => r.target === 'title')?.source).toBe('ToUpper([jobTitle])');

  // provision one user on demand and read its log: Import → Scope → Match → Action → Export
  await view.getByRole('tab', { name: 'Test users and groups' }).click();
  await view.getByRole('button', { name: `Provision ${DIEGO} on demand` }).click();
  const steps = view.getByRole('list', { name: `Steps of ${DIEGO}` });
  await expect(steps).toBeVisible({ timeout: 20_000 });
  const phases = await steps.locator('.sim-phase').allTextContents();
  expect(phases.slice(0, 5)).toEqual(['Import', 'Scope', 'Match', 'Action', 'Export']);
  const create = steps.getByRole('listitem').filter({ hasText: 'Create the user' });
  await expect(create).toContainText('Success');
  await expect(create).toContainText('Log: Created');
  await expect(create).toContainText('En06');
  await expect(steps.getByRole('listitem').filter({ hasText: 'Action: Create' })).toContainText('SENIOR SOFTWARE ENGINEER');
  await expect(steps.getByRole('listitem').filter({ hasText: 'Reference: manager' })).toContainText('not provisioned yet');
  await create.getByText('Request body').click();
  await expect(create.locator('pre').first()).toContainText('"resourceType": "User"');
  await page.screenshot({ path: testInfo.outputPath('simulator-on-demand.png'), fullPage: true });

  // deprovision it: disable (soft delete), found again by the next cycle, then deleted
  await view.getByRole('tab', { name: 'Test users and groups' }).click();
  await view.getByRole('button', { name: `Deprovision ${DIEGO}` }).click();
  await expect(view.getByRole('heading', { name: /^Deprovision/ })).toBeVisible({ timeout: 20_000 });
  const gone = view.getByRole('list', { name: `Steps of ${DIEGO}` });
  const disable = gone.getByRole('listitem').filter({ hasText: 'Disable the user (active false)' });
  await expect(disable).toContainText('Success');
  await expect(disable).toContainText('En09');
  await disable.getByText('Request body').click();
  await expect(disable.locator('pre').first()).toContainText('"op": "Replace"');
  await expect(disable.locator('pre').first()).toContainText('"value": "False"');
  await expect(gone.getByRole('listitem').filter({ hasText: 'Next cycle: query the disabled user again' })).toContainText('Success');
  await expect(gone.getByRole('listitem').filter({ hasText: 'Delete the user' }).last()).toContainText('Log: Deleted (204)');
  await expect(view.getByRole('list', { name: 'Provisioning log' })).toContainText('Delete');
  await page.screenshot({ path: testInfo.outputPath('simulator-deprovision.png'), fullPage: true });
  expect(errors).toEqual([]);
});
