import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Locator } from '@playwright/test';
import { callApi, collectErrors, exchangeOf, openApp, waitForSend } from './support/page-api';
import { startWebApp, type RunningWebApp } from './support/web-app';

/** A web host whose Sandbox holds 1 000 users (a list of all of them is laid out in the plain view, not Monaco). */
const test = base.extend<{ app: RunningWebApp }>({
  app: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scim-e2e-find-'));
    const app = await startWebApp(dataDir, process.env, ['--sandbox-users', '1000']);
    await use(app);
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

test('Ctrl+F in the body viewer opens Monaco’s find, and a find bar over the plain view of a large body', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await openApp(page, app.url);
  await page.getByRole('spinbutton', { name: 'count' }).fill('20');
  await page.getByRole('button', { name: 'Send' }).click();
  const inspector = page.getByRole('region', { name: 'Response inspector' });
  await inspector.getByRole('tab', { name: 'Body' }).click();
  const viewer = inspector.getByRole('region', { name: 'Response body (formatted)' });
  await expect(viewer.locator('.monaco-editor')).toBeVisible();
  // focus on the body tab, not in the editor: Ctrl+F still finds in the body
  await inspector.getByRole('tab', { name: 'Body' }).focus();
  await page.keyboard.press('ControlOrMeta+f');
  const widget = viewer.locator('.find-widget');
  await expect(widget).toHaveClass(/visible/);
  await page.keyboard.type('userName');
  await expect(widget.locator('.matchesCount')).toHaveText(/^1 of 20$/);
  await page.screenshot({ path: testInfo.outputPath('monaco-find.png') });
  await page.keyboard.press('Escape');

  // a thousand users: the plain (virtualised) view, with its own find bar
  await page.getByRole('spinbutton', { name: 'count' }).fill('1000');
  await page.getByRole('button', { name: 'Send' }).click();
  await inspector.getByRole('tab', { name: 'Body' }).click();
  const plain = inspector.getByRole('region', { name: 'Response body (formatted)' });
  await expect(plain).toHaveClass(/ins-lines/);
  await plain.focus();
  await page.keyboard.press('ControlOrMeta+f');
  const bar = inspector.getByRole('search', { name: 'Find in the body' });
  await expect(bar).toBeVisible();
  await page.keyboard.type('"userName"');
  await expect(bar.getByTestId('find-count')).toHaveText('1 of 1,000');
  const current = plain.locator('mark.ins-find-hit.is-current');
  await expect(current).toBeInViewport();
  // far down: the view scrolls to the match
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Enter');
  await expect(bar.getByTestId('find-count')).toHaveText('998 of 1,000');
  await expect(current).toBeInViewport();
  await expect(current).toHaveText('"userName"');
  await page.screenshot({ path: testInfo.outputPath('find-bar-large-body.png') });
  await page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
  expect(errors).toEqual([]);
});

test('a response is compared with the previous one of the same request, and two history entries with each other', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await openApp(page, app.url);
  const list = await callApi<{ defaultId: string }>(page, 'endpoints.list', {});
  await page.getByRole('radio', { name: 'Raw' }).click();
  await page.getByRole('textbox', { name: 'Path' }).fill('/Users?count=1');
  let sent = waitForSend(page);
  await page.getByRole('button', { name: 'Send' }).click();
  const first = JSON.parse((await exchangeOf(await sent)).response!.body.preview) as { Resources: { id: string; displayName: string }[] };
  const user = first.Resources[0]!;
  await page.getByRole('textbox', { name: 'Path' }).fill(`/Users/${user.id}`);
  await page.getByRole('button', { name: 'Send' }).click();
  const inspector = page.getByRole('region', { name: 'Response inspector' });
  await expect(page.getByRole('group', { name: 'Response summary' }).getByTestId('response-status')).toHaveText('200 OK');

  // nothing earlier yet
  await inspector.getByRole('tab', { name: 'Compare with the previous response' }).click();
  await expect(inspector).toContainText('History has no earlier response to GET');

  // the user changes; the same request again
  await callApi(page, 'http.send', {
    requestId: 'change-it',
    spec: { endpointId: list.defaultId, method: 'PATCH', path: `/Users/${user.id}`, headers: [], body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'displayName', value: 'Changed Name' }] }), variables: {} },
  });
  sent = waitForSend(page);
  await page.getByRole('button', { name: 'Send' }).click();
  await sent;
  await inspector.getByRole('tab', { name: 'Compare with the previous response' }).click();
  const diff = inspector.getByRole('region', { name: /^Differences between/ });
  await expect(diff.locator('.monaco-diff-editor')).toBeVisible();
  await expect(inspector.getByTestId('diff-changes')).toHaveText(/^[1-9]\d* changes?$/);
  await expect(diff).toContainText('Changed Name');
  await expect(diff).toContainText(user.displayName);
  await page.screenshot({ path: testInfo.outputPath('compare-previous.png') });

  // History: two entries selected, compared
  await page.keyboard.press('Alt+3');
  const entries = page.getByRole('listbox', { name: 'History entries' });
  const rows = entries.getByRole('option').filter({ hasText: `/scim/v2/Users/${user.id}` }).filter({ hasText: /^GET/ });
  await expect(rows).toHaveCount(2);
  await rows.first().click();
  await rows.nth(1).click({ modifiers: ['ControlOrMeta'] });
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const compare = page.getByRole('region', { name: 'Compare two responses' });
  await expect(compare.locator('.monaco-diff-editor')).toBeVisible();
  await expect(compare.getByTestId('diff-changes')).toHaveText(/^[1-9]\d* changes?$/);
  await inspectorSideBySide(compare);
  await page.screenshot({ path: testInfo.outputPath('history-compare.png') });
  expect(errors).toEqual([]);
});

/** The layout switch turns the side-by-side diff into an inline one and back. */
async function inspectorSideBySide(scope: Locator): Promise<void> {
  await scope.getByRole('button', { name: 'Inline' }).click();
  await expect(scope.getByRole('button', { name: 'Inline' })).toHaveAttribute('aria-pressed', 'true');
  await expect(scope.locator('.monaco-diff-editor.side-by-side')).toHaveCount(0);
  await scope.getByRole('button', { name: 'Side by side' }).click();
  await expect(scope.locator('.monaco-diff-editor.side-by-side')).toHaveCount(1);
}
