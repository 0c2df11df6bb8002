import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { callApi } from './support/page-api';

/** A part of the request (Query, Operations, Body, Headers), not the response's tabs of the same names. */
function part(page: Page, name: string) {
  return page.getByRole('tablist', { name: 'Request parts' }).getByRole('tab', { name, exact: false });
}

/** Whether the middle of `target` is what the page shows there (not covered or cut off by a pane). */
async function reallyVisible(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  if (!box) return false;
  return page.evaluate(
    ({ x, y, id }) => {
      // the page's document (this file is type-checked without the DOM library)
      const doc = (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): { closest(selector: string): { id: string } | null } | null } }).document;
      const hit = doc.elementFromPoint(x, y);
      return hit !== null && hit.closest('[role="option"]')?.id === id;
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2, id: (await target.getAttribute('id'))! },
  );
}

test('Esc in the sortBy and attributes fields closes the suggestions and keeps what was typed', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  const sortBy = page.getByRole('combobox', { name: 'sortBy' });
  await sortBy.fill('userN');
  await expect(page.getByRole('listbox', { name: 'sortBy suggestions' })).toBeVisible();
  await sortBy.press('Escape');
  await expect(page.getByRole('listbox', { name: 'sortBy suggestions' })).toBeHidden();
  await expect(sortBy).toHaveValue('userN');
  // a second Esc (no list open) leaves it too
  await sortBy.press('Escape');
  await expect(sortBy).toHaveValue('userN');
  await sortBy.press('Tab');
  await expect(sortBy).toHaveValue('userN');
  // and it is what is sent
  const sent = page.waitForResponse((r) => r.url().endsWith('/api/http.send'));
  await page.getByRole('button', { name: 'Send' }).click();
  const wire = (await (await sent).json()) as { value: { request: { url: string } } };
  expect(wire.value.request.url).toContain('sortBy=userN');

  const attributes = page.getByRole('combobox', { name: 'Add to attributes' });
  await attributes.fill('displayNa');
  await attributes.press('Escape');
  await expect(attributes).toHaveValue('displayNa');
  await page.screenshot({ path: testInfo.outputPath('esc-keeps-text.png') });
});

test('Esc as Cancel for a slow send leaves the sortBy text alone; with the suggestions open, Esc only closes them', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  await callApi(page, 'sandbox.configure', { faults: { latencyMs: 4000 } });
  const sortBy = page.getByRole('combobox', { name: 'sortBy' });
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await sortBy.fill('displayN');
  await expect(page.getByRole('listbox', { name: 'sortBy suggestions' })).toBeVisible();
  await sortBy.press('Escape');
  // the first Esc closed the list; the send goes on
  await expect(page.getByRole('listbox', { name: 'sortBy suggestions' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await sortBy.press('Escape');
  await expect(page.getByRole('alert').filter({ hasText: 'Cancelled' })).toBeVisible();
  await expect(sortBy).toHaveValue('displayN');
  await callApi(page, 'sandbox.configure', { faults: { latencyMs: 0 } });
});

test('the attribute suggestions are not cut to a few rows by the composer pane', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Add to attributes' }).click();
  const list = page.getByRole('listbox', { name: 'Add to attributes suggestions' });
  await expect(list).toBeVisible();
  const options = list.getByRole('option');
  expect(await options.count()).toBeGreaterThan(8);
  for (let i = 0; i < 7; i++) expect(await reallyVisible(page, options.nth(i)), `option ${i + 1} is visible`).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('attribute-suggestions.png') });
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
});

test('the body editor reports a missing "schemas" and a client-set "id" once each', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  await page.getByRole('radio', { name: 'Create' }).click();
  await expect(part(page, 'Body')).toHaveAttribute('aria-selected', 'true');
  const editor = page.getByRole('group', { name: 'Request body' });
  await expect(editor.locator('.monaco-editor')).toBeVisible();
  await expect(editor).toContainText('"userName"');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('{ "userName": "once.each", "id": "mine" }');
  const problems = page.getByRole('region', { name: 'Request body problems' });
  await expect(problems).toContainText('schemas');
  await expect(problems).toContainText('"id"');
  // both kinds of check have run (the SCIM checks a little after typing stops)
  await page.waitForTimeout(600);
  await expect(problems.getByRole('button').filter({ hasText: /schemas/ })).toHaveCount(1);
  await expect(problems.getByRole('button').filter({ hasText: /"id"/ })).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('body-problems-once.png') });
});

test('the request/response divider is a bar that can be grabbed, and where it was left is kept across a reload', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  const divider = page.getByRole('separator', { name: 'Resize request and response' });
  const before = (await divider.boundingBox())!;
  // wide enough to find and grab with a mouse, not a one-pixel line
  expect(before.height).toBeGreaterThanOrEqual(6);
  const composer = page.getByRole('region', { name: 'Request' });
  const composerBefore = (await composer.boundingBox())!.height;

  await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
  await page.mouse.down();
  await page.mouse.move(before.x + before.width / 2, before.y - 180, { steps: 6 });
  await page.mouse.up();
  const moved = (await divider.boundingBox())!;
  expect(moved.y).toBeLessThan(before.y - 150);
  expect((await composer.boundingBox())!.height).toBeLessThan(composerBefore - 150);
  await page.screenshot({ path: testInfo.outputPath('split-moved.png') });

  // the workspace is saved a moment after a change; a reload brings the split back where it was
  await page.waitForTimeout(700);
  await page.reload();
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  await expect.poll(async () => Math.round((await divider.boundingBox())!.y)).toBe(Math.round(moved.y));

  // the keyboard moves it too
  await divider.focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await divider.boundingBox())!.y).toBeGreaterThan(moved.y + 10);
});
