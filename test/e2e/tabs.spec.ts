import { expect, test } from './support/fixtures';
import { callApi, collectErrors, exchangeOf, openApp, waitForSend } from './support/page-api';

test('each tab says which endpoint it sends to, and a response from another endpoint is marked', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await openApp(page, app.url);
  const sandbox = await callApi<{ baseUrl: string }>(page, 'sandbox.status', {});
  await callApi(page, 'endpoints.create', { endpoint: { name: 'Staging copy', baseUrl: sandbox.baseUrl, auth: { kind: 'none' } } });
  const strip = page.getByRole('tablist', { name: 'Open requests' });
  const first = strip.getByRole('tab').nth(0);
  await expect(first).toHaveAccessibleName('GET List Users');
  await expect(first.getByTestId('tab-endpoint')).toHaveText('Sandbox');
  await expect(first).toHaveAccessibleDescription(/sends to Sandbox/);

  let sent = waitForSend(page);
  await page.getByRole('button', { name: 'Send' }).click();
  expect((await exchangeOf(await sent)).endpointName).toBe('Sandbox');
  const note = page.getByRole('note', { name: 'Response from another endpoint' });
  await expect(note).toHaveCount(0);

  // the sidebar's pick changes: the tab says so, and its response is marked as the other endpoint's
  await page.getByRole('radio', { name: 'Staging copy' }).check();
  await expect(first.getByTestId('tab-endpoint')).toHaveText('Staging copy');
  await expect(note).toContainText('This response came from Sandbox; the tab now sends to Staging copy');
  await page.screenshot({ path: testInfo.outputPath('response-from-other-endpoint.png') });

  // a tab of its own choice keeps its endpoint when the sidebar's pick changes
  await page.keyboard.press('Alt+n');
  const second = strip.getByRole('tab').nth(1);
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('combobox', { name: 'Endpoint of this tab' }).selectOption({ label: 'Sandbox' });
  await expect(second.getByTestId('tab-endpoint')).toHaveText('Sandbox');
  await page.getByRole('radio', { name: 'Sandbox' }).check();
  await page.getByRole('radio', { name: 'Staging copy' }).check();
  await expect(second.getByTestId('tab-endpoint')).toHaveText('Sandbox');
  await expect(first.getByTestId('tab-endpoint')).toHaveText('Staging copy');
  sent = waitForSend(page);
  await page.getByRole('button', { name: 'Send' }).click();
  expect((await exchangeOf(await sent)).endpointName).toBe('Sandbox');
  await expect(note).toHaveCount(0);

  // and it is kept across a reload (the workspace file)
  await page.waitForTimeout(600);
  await page.reload();
  await expect(strip.getByRole('tab', { selected: true }).getByTestId('tab-endpoint')).toHaveText('Sandbox');
  await expect(page.getByRole('combobox', { name: 'Endpoint of this tab' })).toHaveValue(/.+/);
  expect(errors).toEqual([]);
});

test('many tabs keep a readable width, scroll, and are all listed in a keyboard-operable menu', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await openApp(page, app.url);
  for (let i = 0; i < 24; i++) await page.keyboard.press('Alt+n');
  const strip = page.getByRole('tablist', { name: 'Open requests' });
  const tabs = strip.getByRole('tab');
  await expect(tabs).toHaveCount(25);
  // a minimum width: the titles are not cut to a letter
  for (const i of [0, 12, 24]) {
    const box = await tabs.nth(i).boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(120);
  }
  const sizes = await strip.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(sizes.scroll).toBeGreaterThan(sizes.client);
  // the active (last opened) tab is in view
  await expect(strip.getByRole('tab', { selected: true })).toBeInViewport();

  // the menu lists them all; arrows and Enter switch to one, which scrolls into view
  const menuButton = page.getByRole('button', { name: 'All tabs (25)' });
  await menuButton.click();
  const menu = page.getByRole('dialog', { name: 'All open tabs' });
  await expect(menu.getByRole('option')).toHaveCount(25);
  await page.screenshot({ path: testInfo.outputPath('tab-menu.png') });
  await page.keyboard.press('Home');
  for (let i = 0; i < 24; i++) await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.first()).toBeInViewport();
  await expect(tabs.first()).toBeFocused();

  // typing narrows the list; Esc closes it and gives focus back to the button
  await menuButton.click();
  await page.keyboard.type('no such tab');
  await expect(menu.getByRole('option')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();

  // Ctrl+Tab moves to the next tab, Ctrl+Shift+Tab back
  await page.keyboard.press('Control+Tab');
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Control+Shift+Tab');
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: testInfo.outputPath('many-tabs.png') });
  expect(errors).toEqual([]);
});
