import type { Collection } from '../../src/shared/model/collection';
import { expect, test } from './support/fixtures';
import { callApi, collectErrors, openApp } from './support/page-api';

test("a step of a collection run opens that run's own exchange, not another collection's request of the same name", async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await openApp(page, app.url);
  // two collections, each with a request named "Get thing", going to different places
  const users = await callApi<Collection>(page, 'collections.create', { name: 'Alpha' });
  await callApi(page, 'collections.saveRequest', { collectionId: users.id, parentId: '', request: { name: 'Get thing', method: 'GET', path: '/Users?count=1' } });
  const groups = await callApi<Collection>(page, 'collections.create', { name: 'Beta' });
  await callApi(page, 'collections.saveRequest', { collectionId: groups.id, parentId: '', request: { name: 'Get thing', method: 'GET', path: '/Groups?count=2' } });

  // Alpha's request is open in a tab with an answer of its own
  await page.keyboard.press('Alt+4');
  await page.getByRole('combobox', { name: 'Collection' }).selectOption({ label: 'Alpha' });
  await page.getByRole('tree', { name: 'Requests of Alpha' }).getByRole('treeitem', { name: /Get thing/ }).click();
  await page.getByRole('button', { name: 'Open in a tab' }).click();
  await expect(page.getByRole('textbox', { name: 'Path' })).toHaveValue('/Users');
  await expect(page.getByRole('spinbutton', { name: 'count' })).toHaveValue('1');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('table', { name: 'User' })).toBeVisible();

  // Beta runs; its step opens Beta's exchange, as sent in the run
  await page.keyboard.press('Alt+4');
  await page.getByRole('combobox', { name: 'Collection' }).selectOption({ label: 'Beta' });
  const run = page.getByRole('region', { name: 'Run' });
  await run.getByRole('button', { name: 'Run', exact: true }).click();
  const step = run.getByRole('button', { name: 'Open step 1, Get thing, in the inspector' });
  await expect(step).toBeVisible();
  const lookedUp = page.waitForResponse((r) => r.url().endsWith('/api/history.exchange'));
  await step.click();
  const answer = (await (await lookedUp).json()) as { ok: boolean; value: { exchange: { id: string; request: { url: string } } } };
  expect(answer.ok).toBe(true);
  expect(answer.value.exchange.request.url).toMatch(/\/Groups\?count=2$/);

  const strip = page.getByRole('tablist', { name: 'Open requests' });
  await expect(strip.getByRole('tab', { selected: true })).toHaveAccessibleName(/Get thing \(run\)/);
  await expect(page.getByRole('textbox', { name: 'Path' })).toHaveValue(/\/Groups\?count=2$/);
  const table = page.getByRole('table', { name: 'Group' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('note', { name: 'Response from another endpoint' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('run-step-opened.png') });

  // Alpha's tab is untouched
  await strip.getByRole('tab', { name: /Get thing/ }).first().click();
  await expect(page.getByRole('textbox', { name: 'Path' })).toHaveValue('/Users');
  await expect(page.getByRole('spinbutton', { name: 'count' })).toHaveValue('1');
  await expect(page.getByRole('table', { name: 'User' })).toBeVisible();
  expect(errors).toEqual([]);
});
