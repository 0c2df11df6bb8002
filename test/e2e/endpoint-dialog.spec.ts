import type { Locator, Page } from '@playwright/test';
import { startScimmyServer, type ScimmyServer } from '../peers/scimmy-server';
import { callApi } from './support/api';
import { expect, test } from './support/fixtures';

let scimmy: ScimmyServer;

test.beforeAll(async () => {
  scimmy = await startScimmyServer({ users: 1 });
});

test.afterAll(async () => {
  await scimmy.close();
});

/** Nothing in the dialog scrolls sideways, and each named control lies wholly inside it. */
async function expectFits(page: Page, dialog: Locator, controls: Locator[]) {
  const box = (await dialog.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  const overflow = await dialog.evaluate((element) => {
    const view = element.ownerDocument.defaultView!;
    return [element, ...element.querySelectorAll('*')].filter((e) => view.getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1).map((e) => e.className);
  });
  expect(overflow).toEqual([]);
  for (const control of controls) {
    await expect(control).toBeVisible();
    const c = (await control.boundingBox())!;
    expect(c.x).toBeGreaterThanOrEqual(box.x);
    expect(c.x + c.width).toBeLessThanOrEqual(box.x + box.width);
  }
}

/** The test result stands in the viewport and inside the dialog, without scrolling. */
async function expectResultInView(dialog: Locator) {
  const result = dialog.getByRole('region', { name: 'Connection test result' });
  await expect(result.getByRole('heading', { name: 'Connected' })).toBeInViewport({ ratio: 1 });
  const r = (await result.boundingBox())!;
  const d = (await dialog.boundingBox())!;
  expect(r.y).toBeGreaterThanOrEqual(d.y);
  expect(r.y + r.height).toBeLessThanOrEqual(d.y + d.height);
}

const layoutControls = (dialog: Locator) => [
  dialog.getByLabel('Proxy', { exact: true }),
  dialog.getByRole('spinbutton', { name: 'Connect', exact: true }),
  dialog.getByRole('spinbutton', { name: 'Response headers', exact: true }),
  dialog.getByRole('spinbutton', { name: 'Whole body', exact: true }),
  dialog.getByLabel('Base URL'),
  dialog.getByRole('button', { name: 'Save and test connection' }),
];

test('a token typed but not set is stored by "Save and test connection"; the wide dialog shows the result without scrolling', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await page.getByRole('region', { name: 'Endpoints' }).getByRole('button', { name: 'New endpoint' }).click();
  const dialog = page.getByRole('dialog', { name: 'New endpoint' });
  await dialog.getByLabel('Name').fill('SCIMMY peer');
  await dialog.getByLabel('Base URL').fill(scimmy.baseUrl);
  await dialog.getByLabel('Bearer token').fill(scimmy.token);
  await expect(dialog.getByText('Bearer token: typed, stored when you save')).toBeVisible();

  // wide enough at 1440×900: two columns, nothing cut off, no sideways scrolling
  expect((await dialog.boundingBox())!.width).toBeGreaterThanOrEqual(1000);
  await expectFits(page, dialog, layoutControls(dialog));
  await page.screenshot({ path: testInfo.outputPath('endpoint-dialog-1440.png') });

  await dialog.getByRole('button', { name: 'Save and test connection' }).click();
  const saved = page.getByRole('dialog', { name: 'Edit endpoint SCIMMY peer' });
  await expect(saved.getByRole('status', { name: 'Saved' })).toHaveText('Created “SCIMMY peer” (settings in endpoints.json). Bearer token stored in the OS keychain.');
  await expectResultInView(saved);
  await expect(saved.getByText('Bearer token: set')).toBeVisible();
  await expect(saved.getByLabel('Bearer token')).toHaveValue('');
  await page.screenshot({ path: testInfo.outputPath('endpoint-dialog-1440-tested.png') });
  expect(await page.content()).not.toContain(scimmy.token);
});

test.describe('at 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('Enter in the token field saves the endpoint with the token; the dialog still fits and shows the result', async ({ page, app }, testInfo) => {
    await page.goto(app.url);
    await page.getByRole('region', { name: 'Endpoints' }).getByRole('button', { name: 'New endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'New endpoint' });
    await dialog.getByLabel('Name').fill('SCIMMY small screen');
    await dialog.getByLabel('Base URL').fill(scimmy.baseUrl);
    await dialog.getByLabel('Proxy', { exact: true }).selectOption('manual');
    await expectFits(page, dialog, [...layoutControls(dialog), dialog.getByLabel('Proxy URL'), dialog.getByLabel('No proxy for')]);
    await dialog.getByLabel('Proxy', { exact: true }).selectOption('none');

    await dialog.getByLabel('Bearer token').fill(scimmy.token);
    await dialog.getByLabel('Bearer token').press('Enter');
    const saved = page.getByRole('dialog', { name: 'Edit endpoint SCIMMY small screen' });
    await expect(saved.getByRole('status', { name: 'Saved' })).toContainText('Bearer token stored in the OS keychain.');
    await expect(saved.getByText('Bearer token: set')).toBeVisible();
    await saved.getByRole('button', { name: 'Test connection', exact: true }).click();
    await expectResultInView(saved);
    await expectFits(page, saved, layoutControls(saved).slice(0, 5));
    await page.screenshot({ path: testInfo.outputPath('endpoint-dialog-1280.png') });
  });
});

test('focus stays in the dialog after Test connection, Esc closes it, and asks first when a typed secret would be lost', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  const created = await callApi<{ id: string }>(page, 'endpoints.create', { endpoint: { name: 'Esc test', baseUrl: scimmy.baseUrl, auth: { kind: 'bearer' } } });
  await callApi(page, 'endpoints.setSecret', { endpointId: created.id, field: 'token', value: scimmy.token });
  const sidebar = page.getByRole('region', { name: 'Endpoints' });
  await sidebar.getByRole('button', { name: 'Edit Esc test' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit endpoint Esc test' });
  await dialog.getByRole('button', { name: 'Test connection', exact: true }).click();
  await expect(dialog.getByRole('region', { name: 'Connection test result' }).getByRole('heading', { name: 'Connected' })).toBeVisible();

  const focusInDialog = () => dialog.evaluate((element) => element.contains(element.ownerDocument.activeElement));
  expect(await focusInDialog()).toBe(true);
  // Tab and Shift+Tab go round the dialog's controls and never leave it
  for (let i = 0; i < 45; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInDialog()).toBe(true);
  }
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusInDialog()).toBe(true);
  }
  // a click outside the dialog does not take focus away from it either
  await page.mouse.click(5, 890);
  expect(await focusInDialog()).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // a test without the token names the real problem
  await sidebar.getByRole('button', { name: 'Edit Esc test' }).click();
  await dialog.getByRole('button', { name: 'Clear bearer token' }).click();
  await expect(dialog.getByText('Bearer token: not set')).toBeVisible();
  await dialog.getByRole('button', { name: 'Test connection', exact: true }).click();
  const failed = dialog.getByRole('region', { name: 'Connection test result' });
  await expect(failed.getByRole('heading', { name: 'Connection test failed' })).toBeVisible();
  await expect(failed.getByRole('listitem')).toHaveText(/^Problem\s*auth\s*The endpoint "Esc test" has no bearer token set: nothing was sent/);
  await expect(failed).not.toContainText('network');

  // a typed token: Esc asks, Esc again keeps editing with the token still typed, Discard drops it
  await dialog.getByLabel('Bearer token').fill(scimmy.token);
  await page.keyboard.press('Escape');
  const ask = dialog.getByRole('alertdialog', { name: 'Unsaved changes' });
  await expect(ask).toContainText('The bearer token you typed is not stored.');
  await expect(ask.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('endpoint-dialog-unsaved.png') });
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(dialog.getByLabel('Bearer token')).toHaveValue(scimmy.token);
  await page.keyboard.press('Escape');
  await ask.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();
  await sidebar.getByRole('button', { name: 'Edit Esc test' }).click();
  await expect(dialog.getByText('Bearer token: not set')).toBeVisible();
});
