import { callApi } from './support/api';
import { expect, test } from './support/fixtures';

const EU = { name: 'Acme production tenant EU-West', baseUrl: 'https://scim.acme-corp.example.com/scim/v2/tenants/acme-eu' };
const US = { name: 'Acme production tenant US-East', baseUrl: 'https://scim.acme-corp.example.com/scim/v2/tenants/acme-us' };

test('the endpoint switcher shows long names, tells two endpoints on one host apart, and has a tooltip with name and URL', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  for (const endpoint of [EU, US]) await callApi(page, 'endpoints.create', { endpoint: { ...endpoint, auth: { kind: 'bearer' } } });
  const list = page.getByRole('radiogroup', { name: 'Send requests to' });
  await expect(list.getByRole('radio', { name: US.name })).toBeVisible();

  const rows = { eu: list.locator('.endpoint-row', { has: page.getByRole('radio', { name: EU.name }) }), us: list.locator('.endpoint-row', { has: page.getByRole('radio', { name: US.name }) }) };
  for (const [row, endpoint] of [
    [rows.eu, EU],
    [rows.us, US],
  ] as const) {
    // the name gets the row's width (it was cut at ~95 px beside the action buttons)
    const name = row.locator('.endpoint-name');
    expect((await name.boundingBox())!.width).toBeGreaterThanOrEqual(200);
    await expect(row.locator('label')).toHaveAttribute('title', `${endpoint.name}\n${endpoint.baseUrl}`);
    // the second line shows what differs, whole
    const path = row.getByTestId('endpoint-where').locator('.endpoint-path');
    await expect(path).toHaveText(endpoint === EU ? '/…/acme-eu' : '/…/acme-us');
    expect(await path.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    await expect(path).toBeVisible();
  }
  await rows.us.hover();
  await page.screenshot({ path: testInfo.outputPath('sidebar-same-host.png'), clip: { x: 0, y: 0, width: 640, height: 320 } });

  // a wider sidebar shows the whole name
  const splitter = page.getByRole('separator', { name: 'Resize sidebar' });
  await splitter.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  expect(await rows.eu.locator('.endpoint-name').evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
});

test('a view’s shortcut never hides its sidebar; a click on the open view does, as its tooltip says', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  const views = page.getByRole('navigation', { name: 'Views' });
  const discovery = views.getByRole('tab', { name: 'Discovery' });
  const sidebar = page.getByRole('complementary', { name: 'Discovery sidebar' });

  await page.keyboard.press('Alt+2');
  await expect(sidebar).toBeVisible();
  await page.keyboard.press('Alt+2');
  await expect(sidebar).toBeVisible();
  await expect(discovery).toHaveAttribute('title', 'Discovery (Alt+2) is open. Click to hide its sidebar (Ctrl+B)');
  await expect(views.getByRole('tab', { name: 'History' })).toHaveAttribute('title', 'History (Alt+3)');

  await discovery.click();
  await expect(sidebar).toBeHidden();
  await expect(discovery).toHaveAttribute('title', 'Discovery (Alt+2) is open. Click to show its sidebar (Ctrl+B)');
  await page.screenshot({ path: testInfo.outputPath('sidebar-hidden-by-click.png') });
  await page.keyboard.press('Alt+2');
  await expect(sidebar).toBeVisible();
  await page.keyboard.press('ControlOrMeta+b');
  await expect(sidebar).toBeHidden();
  await page.keyboard.press('ControlOrMeta+b');
  await expect(sidebar).toBeVisible();
});
