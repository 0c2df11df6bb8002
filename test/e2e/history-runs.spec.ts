import { expect, test } from './support/fixtures';
import { collectErrors, openApp } from './support/page-api';

test('"Fetch all pages" of 100 users three at a time is one row in history that expands to its 34 pages', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await openApp(page, app.url);
  await page.getByRole('spinbutton', { name: 'count' }).fill('3');
  await page.getByRole('button', { name: 'Send' }).click();
  const response = page.getByRole('region', { name: 'Response inspector' });
  await expect(response.getByText('1–3 of 100')).toBeVisible();
  await response.getByRole('button', { name: 'Fetch all pages' }).click();
  await expect(response.getByRole('region', { name: 'Fetch all pages' }).getByRole('status')).toHaveText('Fetched all 100 resources in 34 pages', { timeout: 60_000 });

  await page.keyboard.press('Alt+3');
  const list = page.getByRole('listbox', { name: 'History entries' });
  // the list send and the run: two rows, not 35
  await expect(list.getByRole('option')).toHaveCount(2);
  const run = list.getByRole('option').first();
  await expect(run).toHaveAccessibleName('All pages of GET /Users, a run of 34 requests, collapsed (Right arrow expands)');
  await expect(run).toContainText('34 pages');
  await expect(page.getByText('2 shown')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('history-run-collapsed.png') });

  // the keyboard expands it: its pages in order under it
  await run.click();
  await list.press('ArrowRight');
  await expect(run).toHaveAccessibleName(/expanded$/);
  const pages = list.locator('.history-row.is-child');
  await expect(pages.first().locator('.history-path')).toHaveText(/startIndex=1$/);
  await expect(pages.nth(1).locator('.history-path')).toHaveText(/startIndex=4$/);
  await page.screenshot({ path: testInfo.outputPath('history-run-expanded.png') });
  await list.press('End');
  await expect(list.getByRole('option').last()).toContainText('/scim/v2/Users');
  await expect(page.getByText('36 shown')).toBeVisible();
  // Left on a page goes to its run; Left again folds it
  await list.press('ArrowUp');
  await expect(list.locator('.history-row.is-active .history-path')).toHaveText(/startIndex=100$/);
  await list.press('ArrowLeft');
  await expect(list.locator('.history-row.is-active')).toHaveAccessibleName(/a run of 34 requests/);
  await list.press('ArrowLeft');
  await expect(list.getByRole('option')).toHaveCount(2);

  // deleting the run's row deletes its 34 requests
  await run.click();
  await list.press('Delete');
  await expect(page.getByRole('dialog', { name: 'Delete entries?' })).toContainText('Delete 34 entries from history?');
  expect(errors).toEqual([]);
});

test('history search marks what matched in the list and in the entry, and the list is wide and resizable', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await openApp(page, app.url);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('table', { name: 'User' })).toBeVisible();
  await page.getByRole('radio', { name: 'Raw' }).click();
  await page.getByRole('textbox', { name: 'Path' }).fill('/Groups');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('table', { name: 'Group' })).toBeVisible();

  await page.keyboard.press('Alt+3');
  const sidebar = page.getByRole('complementary', { name: 'History sidebar' });
  expect((await sidebar.boundingBox())!.width).toBeGreaterThanOrEqual(440);
  const list = page.getByRole('listbox', { name: 'History entries' });
  await expect(list.getByRole('option')).toHaveCount(2);

  // a word from a body: the row shows where it matched, marked
  await page.getByRole('searchbox', { name: 'Search history' }).fill('olivia');
  await expect(list.getByRole('option')).toHaveCount(2);
  const snippets = list.getByTestId('history-snippet');
  await expect(snippets.first().locator('mark.search-hit').first()).toHaveText(/^olivia$/i);
  // a word of the URL is marked in the path
  await page.getByRole('searchbox', { name: 'Search history' }).fill('groups');
  await expect(list.getByRole('option').filter({ hasText: '/scim/v2/Groups' }).locator('.history-path mark.search-hit')).toHaveText('Groups');
  await page.getByRole('searchbox', { name: 'Search history' }).fill('olivia');
  await expect(list.getByRole('option')).toHaveCount(2);
  await list.getByRole('option').first().click();
  const body = page.getByLabel('Response body', { exact: true });
  await expect(body.locator('mark.search-hit').first()).toHaveText(/^olivia$/i);
  await expect(page.getByTestId('Response body matches')).toContainText(/\d+ match(es)? of the search in this body/);
  await page.screenshot({ path: testInfo.outputPath('history-search-marked.png') });

  // wider still: the divider moves with the keyboard, and the width is kept for History alone
  const divider = page.getByRole('separator', { name: 'Resize sidebar' });
  await divider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
  const wide = (await sidebar.boundingBox())!.width;
  expect(wide).toBeGreaterThan(600);
  await page.keyboard.press('Alt+1');
  expect((await page.getByRole('complementary', { name: 'Requests sidebar' }).boundingBox())!.width).toBeLessThan(400);
  await page.keyboard.press('Alt+3');
  expect((await sidebar.boundingBox())!.width).toBe(wide);
  expect(errors).toEqual([]);
});
