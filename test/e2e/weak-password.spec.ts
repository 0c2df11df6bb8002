import { startScimmyServer, type ScimmyServer } from '../peers/scimmy-server';
import { expect, test } from './support/fixtures';

/**
 * Issue 12, item 2: a Basic endpoint whose password is `password` (scimgateway's default) made the
 * scrubber rewrite every "password" in what main sent the page, field names included: after a reload
 * no endpoint loaded, not even the Sandbox, and discovery was garbled.
 */
let scimmy: ScimmyServer;

test.beforeAll(async () => {
  scimmy = await startScimmyServer({ users: 2, authorization: `Basic ${Buffer.from('gwadmin:password').toString('base64')}` });
});

test.afterAll(async () => {
  await scimmy.close();
});

test('a Basic endpoint with the password "password": warned about, and every endpoint and discovery intact after a reload', async ({ page, app }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.url);

  const sidebar = page.getByRole('region', { name: 'Endpoints' });
  await sidebar.getByRole('button', { name: 'New endpoint' }).click();
  const editor = page.getByRole('dialog', { name: 'New endpoint' });
  await editor.getByLabel('Name').fill('scimgateway');
  await editor.getByLabel('Base URL').fill(scimmy.baseUrl);
  await editor.getByLabel('Method').selectOption('basic');
  await editor.getByLabel('User name').fill('gwadmin');
  await editor.getByLabel('Password', { exact: true }).fill('password');
  await editor.getByRole('button', { name: 'Set password' }).click();
  await editor.getByRole('button', { name: 'Save', exact: true }).click();

  const saved = page.getByRole('dialog', { name: 'Edit endpoint scimgateway' });
  await expect(saved.getByText('Password: set')).toBeVisible();
  // the weak secret is named where it was set
  await expect(saved.getByRole('note', { name: 'Password is weak' })).toContainText('common password or dictionary word');
  await saved.getByRole('button', { name: 'Test connection' }).click();
  await expect(saved.getByRole('region', { name: 'Connection test result' }).getByRole('heading', { name: 'Connected' })).toBeVisible();
  await saved.getByRole('button', { name: 'Close', exact: true }).click();

  await page.reload();
  const endpoints = page.getByRole('radiogroup', { name: 'Send requests to' });
  await expect(endpoints.getByRole('radio', { name: 'Sandbox' })).toBeVisible();
  await expect(endpoints.getByRole('radio', { name: 'scimgateway' })).toBeVisible();
  await expect(page.getByText('[REDACTED]')).toHaveCount(0);

  // discovery of the Basic endpoint: SCIMMY's documents, with the attribute named "password"
  await endpoints.getByRole('radio', { name: 'scimgateway' }).check();
  await page.getByRole('tab', { name: 'Discovery', exact: true }).click();
  const main = page.getByRole('main', { name: 'Discovery' });
  await expect(main.getByRole('heading', { name: 'scimgateway', level: 1 })).toBeVisible();
  await main.getByRole('tab', { name: 'Capabilities' }).click();
  await expect(main.getByRole('list', { name: 'Capabilities' }).getByRole('listitem', { name: /^Filter: supported/ })).toBeVisible();
  await expect(main.getByRole('note', { name: 'Fallback schemas' })).toHaveCount(0);
  await main.getByRole('tab', { name: /Schemas/ }).click();
  await expect(main.getByRole('table', { name: 'Attributes of User' }).getByRole('row', { name: /^password/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('weak-password-discovery.png') });

  // and the Sandbox's, just as intact
  await endpoints.getByRole('radio', { name: 'Sandbox' }).check();
  await expect(main.getByRole('heading', { name: 'Sandbox', level: 1 })).toBeVisible();
  await main.getByRole('tab', { name: /Schemas/ }).click();
  await expect(main.getByRole('table', { name: 'Attributes of User' }).getByRole('row', { name: /^password/ })).toBeVisible();
  await expect(page.getByText('[REDACTED]')).toHaveCount(0);
  expect(errors).toEqual([]);
});
