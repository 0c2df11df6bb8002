import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';

const version = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

test('the shell loads through the web host and shows the version from app.info', async ({ page, app }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(app.url);
  // the token in the URL was traded for the cookie and removed from the address bar
  await expect(page).toHaveURL(`${app.origin}/`);
  const status = page.getByRole('contentinfo', { name: 'Status bar' });
  await expect(status.getByTestId('status-version')).toHaveText(`v${version}`);
  await expect(status.getByTestId('status-host')).toContainText('Web');
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('app-version')).toHaveText(version);
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('shell.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('Monaco loads lazily from the local bundle, with no request leaving the machine', async ({ page, app }) => {
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(app.origin) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) foreign.push(request.url());
  });
  await page.goto(app.url);
  const beforeEditor = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect(beforeEditor.some((name) => /JsonViewer|editor\.worker/.test(name))).toBe(false);
  // the restored workspace sets the view it last showed: switch views once it has
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: /Show raw app\.info/ }).click();
  const editor = page.getByRole('region', { name: 'app.info response' });
  await expect(editor.locator('.monaco-editor')).toBeVisible();
  await expect(editor).toContainText('"host"');
  expect(foreign).toEqual([]);
});

test('a page without the token is refused', async ({ page, app }) => {
  const response = await page.goto(`${app.origin}/`);
  expect(response?.status()).toBe(401);
});
