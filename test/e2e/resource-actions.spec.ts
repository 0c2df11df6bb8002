import { expect, test } from './support/fixtures';
import { collectErrors, exchangeOf, openApp, waitForSend } from './support/page-api';

test('one click from a list row or a resource body opens GET, PATCH, PUT (read-only attributes left out) or DELETE (asked first) in a new tab', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await openApp(page, app.url);
  let sent = waitForSend(page);
  await page.getByRole('button', { name: 'Send' }).click();
  const list = JSON.parse((await exchangeOf(await sent)).response!.body.preview) as { Resources: { id: string; userName: string; groups?: unknown[] }[] };
  const user = list.Resources.find((r) => (r.groups?.length ?? 0) > 0) ?? list.Resources[0]!;
  const table = page.getByRole('table', { name: 'User' });
  await expect(table).toBeVisible();
  const strip = page.getByRole('tablist', { name: 'Open requests' });
  await page.getByRole('searchbox', { name: 'Filter rows' }).fill(user.userName);
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath('row-actions.png') });

  // PUT from a row: the resource as the server has it now, read-only attributes left out
  await table.getByRole('button', { name: `Replace ${user.id}` }).click();
  await expect(strip.getByRole('tab', { selected: true })).toHaveAccessibleName(`PUT Replace ${user.id}`);
  await expect(page.getByLabel('Resource id', { exact: true })).toHaveValue(user.id);
  sent = waitForSend(page);
  await page.getByRole('button', { name: 'Send' }).click();
  const put = await exchangeOf(await sent);
  expect(put.request.method).toBe('PUT');
  expect(put.response?.status).toBe(200);
  const body = JSON.parse(put.request.body!.preview) as Record<string, unknown>;
  expect(body.userName).toBe(user.userName);
  expect(Object.keys(body)).not.toContain('id');
  expect(Object.keys(body)).not.toContain('meta');
  expect(Object.keys(body)).not.toContain('groups');
  expect(body.schemas).toBeTruthy();

  // PATCH from the resource body of that answer
  const bar = page.getByRole('toolbar', { name: 'Act on this resource' });
  await expect(bar).toContainText(user.userName);
  await bar.getByRole('button', { name: 'Patch this resource' }).click();
  await expect(strip.getByRole('tab', { selected: true })).toHaveAccessibleName(`PATCH Patch ${user.userName}`);
  await expect(page.getByRole('textbox', { name: 'Path' })).toHaveValue(`/Users/${user.id}`);

  // DELETE asks before it is sent
  await strip.getByRole('tab', { name: `PUT Replace ${user.id}` }).click();
  await bar.getByRole('button', { name: 'Delete this resource' }).click();
  await expect(strip.getByRole('tab', { selected: true })).toHaveAccessibleName(`DELETE Delete ${user.userName}`);
  const sends: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/http.send')) sends.push(request.url());
  });
  await page.getByRole('button', { name: 'Send' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Send this DELETE?' });
  await expect(ask).toContainText(`This deletes ${user.userName} (id ${user.id}) at /Users on Sandbox`);
  await page.screenshot({ path: testInfo.outputPath('delete-asks.png') });
  await ask.getByRole('button', { name: 'Don’t send' }).click();
  await expect(ask).toBeHidden();
  expect(sends).toEqual([]);
  await page.keyboard.press('ControlOrMeta+Enter');
  sent = waitForSend(page);
  await ask.getByRole('button', { name: 'Send DELETE' }).click();
  expect((await exchangeOf(await sent)).response?.status).toBe(204);

  // the Resource id field offers the ids seen recently, in any tab
  await page.keyboard.press('Alt+n');
  await page.getByRole('radio', { name: 'Get' }).click();
  const idField = page.getByLabel('Resource id', { exact: true });
  const listId = await idField.getAttribute('list');
  expect(listId).toBeTruthy();
  const offered = page.locator(`datalist[id="${listId}"] option`);
  expect(await offered.count()).toBeGreaterThanOrEqual(50);
  await expect(offered.first()).toHaveAttribute('value', user.id);
  expect(errors).toEqual([]);
});
