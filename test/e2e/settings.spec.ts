import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callApi, watchErrors } from './support/api';
import { expect, test } from './support/fixtures';

test('the Settings view edits the app settings the endpoint form refers to, checks them, and they take effect', async ({ page, app }, testInfo) => {
  const errors = watchErrors(page);
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();

  // the endpoint form names the app setting and links to it
  await page.getByRole('region', { name: 'Endpoints' }).getByRole('button', { name: 'New endpoint' }).click();
  const dialog = page.getByRole('dialog', { name: 'New endpoint' });
  await expect(dialog.getByText('empty: the app setting (30000 ms)')).toBeVisible();
  await dialog.getByRole('button', { name: 'change them in Settings' }).click();
  await expect(dialog).toBeHidden();

  const main = page.getByRole('main', { name: 'Settings' });
  const form = main.getByRole('form', { name: 'App settings' });
  const requests = form.getByRole('region', { name: 'Requests' });
  await expect(requests.getByLabel('Connect timeout')).toBeFocused();
  await expect(requests.getByLabel('Connect timeout')).toHaveValue('10000');
  await expect(requests.getByLabel('Body size cap')).toHaveValue('100');
  const history = form.getByRole('region', { name: 'History' });
  await expect(history.getByLabel('Keep entries for')).toHaveValue('90');
  await expect(form.getByLabel('Theme')).toHaveValue('system');

  // checked as typed: nothing invalid reaches settings.json
  const headers = requests.getByLabel('Response headers timeout');
  await headers.fill('0');
  await expect(requests.getByText('At least 1 ms.')).toBeVisible();
  await history.getByLabel('Keep entries for').fill('2.5');
  await expect(history.getByText('Use a whole number of days.')).toBeVisible();
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('status')).toHaveText('2 settings need fixing before they can be saved.');
  await expect(headers).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('settings-invalid.png') });

  await headers.fill('500');
  await history.getByLabel('Keep entries for').fill('30');
  await form.getByLabel('Theme').selectOption('dark');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved 3 settings to settings.json. New requests use them from now on.');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const file = JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as { http: { headersTimeoutMs: number }; history: { maxAgeDays: number }; ui: { theme: string } };
  expect(file).toMatchObject({ http: { headersTimeoutMs: 500 }, history: { maxAgeDays: 30 }, ui: { theme: 'dark' } });
  await page.screenshot({ path: testInfo.outputPath('settings-saved-dark.png') });

  // the new response-headers timeout applies to the next request: a slow Sandbox now times out
  await callApi(page, 'sandbox.configure', { faults: { latencyMs: 1500 } });
  await page.getByRole('tab', { name: 'Requests' }).click();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Response inspector' }).or(page.getByRole('alert')).first()).toContainText('Timed out after 500 ms waiting for the response headers');
  await callApi(page, 'sandbox.configure', { faults: { latencyMs: 0 } });

  // and the endpoint form shows the new value; a reload keeps everything
  await page.getByRole('region', { name: 'Endpoints' }).getByRole('button', { name: 'New endpoint' }).click();
  await expect(page.getByRole('dialog', { name: 'New endpoint' }).getByText('empty: the app setting (500 ms)')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('main', { name: 'Settings' }).getByLabel('Response headers timeout')).toHaveValue('500');
  expect(errors).toEqual([]);
});
