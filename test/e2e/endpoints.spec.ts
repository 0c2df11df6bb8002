import { startScimmyServer, type ScimmyServer } from '../peers/scimmy-server';
import { expect, test } from './support/fixtures';

let scimmy: ScimmyServer;

test.beforeAll(async () => {
  scimmy = await startScimmyServer({ users: 2 });
});

test.afterAll(async () => {
  await scimmy.close();
});

test('add an endpoint for a SCIMMY server, set its token, test the connection, see discovery', async ({ page, app }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.url);

  const sidebar = page.getByRole('region', { name: 'Endpoints' });
  await sidebar.getByRole('button', { name: 'New endpoint' }).click();
  const editor = page.getByRole('dialog', { name: 'New endpoint' });
  await editor.getByLabel('Name').fill('SCIMMY peer');
  await editor.getByLabel('Base URL').fill(scimmy.baseUrl);
  await expect(editor.getByLabel('Method')).toHaveValue('bearer');
  await editor.getByLabel('Bearer token').fill(scimmy.token);
  await editor.getByRole('button', { name: 'Set bearer token' }).click();
  await expect(editor.getByText('Bearer token: will be saved with the endpoint')).toBeVisible();
  await editor.getByRole('button', { name: 'Save', exact: true }).click();

  const saved = page.getByRole('dialog', { name: 'Edit endpoint SCIMMY peer' });
  await expect(saved.getByText('Bearer token: set')).toBeVisible();
  await expect(saved.getByLabel('Bearer token')).toHaveValue('');
  await saved.getByRole('button', { name: 'Test connection' }).click();
  const result = saved.getByRole('region', { name: 'Connection test result' });
  await expect(result.getByRole('heading', { name: 'Connected' })).toBeVisible();
  await expect(result).toContainText('SCIM service provider found');
  await expect(result).toContainText(`${scimmy.baseUrl}/ServiceProviderConfig`);
  await page.screenshot({ path: testInfo.outputPath('endpoint-editor.png') });
  // the token never reaches the page
  expect(await page.content()).not.toContain(scimmy.token);
  await saved.getByRole('button', { name: 'Close', exact: true }).click();

  await expect(sidebar.getByRole('radio', { name: 'SCIMMY peer' })).toBeChecked();
  await page.getByRole('tab', { name: 'Discovery', exact: true }).click();
  const main = page.getByRole('main', { name: 'Discovery' });
  await expect(main.getByRole('heading', { name: 'SCIMMY peer', level: 1 })).toBeVisible();
  await expect(main.getByRole('list', { name: 'Capabilities' }).getByRole('listitem', { name: 'PATCH: supported' })).toBeVisible();
  await expect(main.getByRole('note', { name: 'Fallback schemas' })).toHaveCount(0);
  await main.getByRole('tab', { name: /Resource types/ }).click();
  const types = main.getByRole('table', { name: 'Resource types' });
  await expect(types.getByRole('row', { name: /^User/ })).toBeVisible();
  await expect(types.getByRole('row', { name: /^Group/ })).toBeVisible();
  await main.getByRole('tab', { name: /Schemas/ }).click();
  await expect(main.getByRole('region', { name: 'Schema User' })).toContainText('urn:ietf:params:scim:schemas:core:2.0:User');
  await page.screenshot({ path: testInfo.outputPath('discovery.png'), fullPage: true });
  expect(await page.content()).not.toContain(scimmy.token);
  expect(errors).toEqual([]);
});
