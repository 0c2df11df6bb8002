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

test('a page without the token is refused with a page that says what to do, not raw JSON', async ({ page, app }, testInfo) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    // a style the page's own CSP blocked would be reported here (the 401 itself is reported too, and expected)
    if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(message.text());
  });
  const response = await page.goto(`${app.origin}/`);
  expect(response?.status()).toBe(401);
  expect(response?.headers()['content-type']).toMatch(/^text\/html/);
  await expect(page).toHaveTitle(/open the link with its token/);
  await expect(page.getByRole('heading', { name: 'Open SCIM Inspector with the link from your terminal' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'SCIM Inspector: http://127.0.0.1:PORT/?token=' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Run npm run web again' })).toBeVisible();
  // its inline style applied: the card has its border and width
  await expect(page.locator('main')).toHaveCSS('max-width', '620px');
  await page.screenshot({ path: testInfo.outputPath('token-page.png'), fullPage: true });
  expect(problems).toEqual([]);
  expect(await page.content()).not.toContain(app.token);

  // a stale link (a token from an earlier start) says so
  const stale = await page.goto(`${app.origin}/?token=from-an-earlier-start`);
  expect(stale?.status()).toBe(401);
  await expect(page.getByText('not the one this web host was started with')).toBeVisible();

  // the API keeps answering JSON
  const api = await page.request.post(`${app.origin}/api/app.info`, { data: {} });
  expect(api.status()).toBe(401);
  expect(await api.json()).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });

  // and the printed link still opens the app
  await page.goto(app.url);
  await expect(page).toHaveURL(`${app.origin}/`);
  await expect(page.getByRole('contentinfo', { name: 'Status bar' })).toBeVisible();
});
