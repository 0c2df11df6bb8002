import type { Page, Response } from '@playwright/test';
import { matchesFilter, parseFilter, SchemaRegistry } from '../../src/shared/scim';
import type { HttpExchange } from '../../src/shared/model/exchange';
import { expect, test } from './support/fixtures';

/** The exchange `http.send` answered with (the bridge's JSON, as the renderer got it). */
async function exchangeOf(response: Response): Promise<HttpExchange> {
  const wire = (await response.json()) as { ok: boolean; value: HttpExchange };
  expect(wire.ok).toBe(true);
  return wire.value;
}

function waitForSend(page: Page) {
  return page.waitForResponse((r) => r.url().endsWith('/api/http.send') && r.request().method() === 'POST');
}

/** A part of the request (Query, Operations, Body, Headers), not the response's tabs of the same names. */
function part(page: Page, name: string) {
  return page.getByRole('tablist', { name: 'Request parts' }).getByRole('tab', { name, exact: false });
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

test('1. first run: the Sandbox is the endpoint, List Users is open, and sending it shows the users in the table', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto(app.url);
  const tab = page.getByRole('tab', { name: 'GET List Users' });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'Path' })).toHaveValue('/Users');
  await expect(page.locator('.url-base')).toContainText('/scim/v2');

  const sent = waitForSend(page);
  await page.keyboard.press('ControlOrMeta+Enter');
  const exchange = await exchangeOf(await sent);
  expect(exchange.endpointName).toBe('Sandbox');
  expect(exchange.response?.status).toBe(200);
  const list = JSON.parse(exchange.response!.body.preview) as { Resources: { userName: string }[] };

  const table = page.getByRole('table', { name: 'User' });
  await expect(table).toBeVisible();
  await expect(page.getByRole('group', { name: 'Response summary' }).getByTestId('response-status')).toHaveText('200 OK');
  await expect(table.getByRole('row').nth(1)).toContainText(list.Resources[0]!.userName);
  await page.screenshot({ path: testInfo.outputPath('1-list-users.png') });
  expect(errors).toEqual([]);
});

test('2. a filter built in the tree matches its text, follows an edited text, and every row sent back matches it', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  const tree = page.getByRole('group', { name: 'Filter conditions' });
  const text = page.getByRole('textbox', { name: 'Filter text' });

  // name.familyName co "a"
  await tree.getByRole('button', { name: '+ Condition' }).click();
  const first = tree.getByRole('group', { name: 'Condition 1' }).first();
  await first.getByRole('combobox', { name: 'Attribute' }).fill('familyName');
  await page.getByRole('option', { name: /^name\.familyName\b/ }).click();
  await first.getByRole('combobox', { name: 'Operator' }).selectOption('co');
  await first.getByRole('textbox', { name: 'Value' }).fill('a');
  // and emails[type eq "work"]
  await tree.getByRole('button', { name: '+ Value filter' }).first().click();
  await tree.getByRole('combobox', { name: 'Multi-valued attribute' }).fill('emails');
  await page.getByRole('option', { name: /^emails\b/ }).click();
  const valueFilter = tree.getByRole('group', { name: 'Value filter on emails' });
  const inner = valueFilter.getByRole('group', { name: 'Condition 1' });
  await inner.getByRole('combobox', { name: 'Attribute' }).fill('type');
  await page.getByRole('option', { name: /^type\b/ }).click();
  await inner.getByLabel('Value').fill('work');
  await expect(text).toHaveValue('name.familyName co "a" and emails[type eq "work"]');
  await expect(page.getByLabel('Encoded query', { exact: true })).toHaveText('filter=name.familyName%20co%20%22a%22%20and%20emails%5Btype%20eq%20%22work%22%5D');
  await page.screenshot({ path: testInfo.outputPath('2-built.png') });

  // edit the text: the tree follows
  await text.fill('name.familyName co "e" and emails[type eq "work"]');
  await expect(first.getByRole('textbox', { name: 'Value' })).toHaveValue('e');
  await expect(inner.getByLabel('Value')).toHaveValue('work');
  await expect(first.getByRole('combobox', { name: 'Operator' })).toHaveValue('co');

  const sent = waitForSend(page);
  await page.getByRole('button', { name: 'Send' }).click();
  const exchange = await exchangeOf(await sent);
  expect(decodeURIComponent(exchange.request.url)).toContain('filter=name.familyName co "e" and emails[type eq "work"]');
  const body = JSON.parse(exchange.response!.body.preview) as { totalResults: number; Resources: unknown[] };
  expect(body.totalResults).toBe(body.Resources.length);
  const filter = parseFilter('name.familyName co "e" and emails[type eq "work"]');
  const registry = SchemaRegistry.core();
  expect(body.Resources.length).toBeGreaterThan(0);
  for (const resource of body.Resources) expect(matchesFilter(resource, filter, registry)).toBe(true);
  const table = page.getByRole('table', { name: 'User' });
  await expect(page.getByText(`1–${body.Resources.length} of ${body.totalResults}`)).toBeVisible();
  const names = (body.Resources as { userName: string }[]).map((r) => r.userName);
  await expect(table.getByRole('row').nth(1)).toContainText(names[0]!);
  await page.screenshot({ path: testInfo.outputPath('2-sent.png') });
  expect(errors).toEqual([]);
});

test('3 and 4. create from the template with a schema error marked and fixed (201), PATCH it with the builder, then a stale If-Match gets 412', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();

  // 3. Create from the "New user" template
  await page.getByRole('radio', { name: 'Create' }).click();
  await expect(part(page, 'Body')).toHaveAttribute('aria-selected', 'true');
  const editor = page.getByRole('group', { name: 'Request body' });
  await expect(editor.locator('.monaco-editor')).toBeVisible();
  await page.getByRole('combobox', { name: 'Insert template' }).selectOption({ label: 'New user' });
  // room for the whole body: the divider moves with the keyboard too
  await page.getByRole('separator', { name: 'Resize request and response' }).press('End');
  const activeLine = editor.locator('.view-line', { hasText: '"active"' });
  await expect(activeLine).toContainText('true');
  // a schema error: "active" turned into a string by wrapping its value in quotes
  await activeLine.locator('span', { hasText: /^true$/ }).dblclick();
  await page.keyboard.type('"');
  await expect(activeLine).toContainText('"active": "true"');
  const problems = page.getByRole('region', { name: 'Request body problems' });
  await expect(problems).toContainText(/Incorrect type\. Expected "boolean"/);
  await expect(editor.locator('.squiggly-error').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('3-schema-error.png') });

  // fixed (undone): no problem left
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(activeLine).toContainText('"active": true');
  await expect(problems).toBeHidden();
  let sent = waitForSend(page);
  await page.getByRole('button', { name: 'Send' }).click();
  const created = await exchangeOf(await sent);
  expect(created.response?.status).toBe(201);
  await expect(page.getByRole('group', { name: 'Response summary' }).getByTestId('response-status')).toHaveText('201 Created');
  const createdEtag = created.response!.headers.find(([n]) => n.toLowerCase() === 'etag')![1];
  const createdUser = JSON.parse(created.response!.body.preview) as { id: string; active: boolean };
  expect(createdUser.active).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('3-created.png') });

  // 4. PATCH it with the builder
  await page.getByRole('radio', { name: 'Patch' }).click();
  await page.getByRole('button', { name: 'Use id from response' }).click();
  await expect(page.getByLabel('Resource id', { exact: true })).toHaveValue(createdUser.id);
  await page.getByRole('button', { name: '+ Operation' }).click();
  const op = page.getByRole('group', { name: 'Operation 1' });
  await op.getByRole('combobox', { name: 'op' }).selectOption('replace');
  await op.getByRole('combobox', { name: 'path' }).fill('displayN');
  await page.getByRole('option', { name: /^displayName\b/ }).click();
  const valueEditor = page.getByRole('group', { name: 'Value of operation 1' });
  await expect(valueEditor.locator('.monaco-editor')).toBeVisible();
  await valueEditor.locator('.monaco-editor .view-lines').click();
  await page.keyboard.insertText('"Patched Person"');
  await part(page, 'Body').click();
  await expect(page.getByRole('group', { name: 'Request body' })).toContainText('"Patched Person"');

  // If-Match with the ETag the create returned: still current, so the patch applies
  await part(page, 'Headers').click();
  await page.getByRole('button', { name: `If-Match: last ETag (${createdEtag})` }).click();
  await expect(page.getByLabel('Header 1 value')).toHaveValue(createdEtag);
  sent = waitForSend(page);
  await page.getByRole('button', { name: 'Send' }).click();
  const patched = await exchangeOf(await sent);
  expect(patched.response?.status).toBe(200);
  expect(JSON.parse(patched.response!.body.preview).displayName).toBe('Patched Person');
  await expect(page.getByRole('group', { name: 'Response summary' }).getByTestId('response-status')).toHaveText('200 OK');
  await page.screenshot({ path: testInfo.outputPath('4-patched.png') });

  // the same If-Match again is stale now: 412, shown
  await expect(page.getByLabel('Header 1 value')).toHaveValue(createdEtag);
  sent = waitForSend(page);
  await page.getByRole('button', { name: 'Send' }).click();
  const stale = await exchangeOf(await sent);
  expect(stale.response?.status).toBe(412);
  await expect(page.getByRole('group', { name: 'Response summary' }).getByTestId('response-status')).toHaveText(/^412/);
  await page.screenshot({ path: testInfo.outputPath('4-stale-etag-412.png') });
  expect(errors).toEqual([]);
});

test('3b. a read-only attribute in a create body is marked as a warning, with completion from the schema', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  await page.getByRole('radio', { name: 'Create' }).click();
  const editor = page.getByRole('group', { name: 'Request body' });
  await expect(editor.locator('.monaco-editor')).toBeVisible();
  await expect(editor).toContainText('"userName"');
  // a new first member: "id" is set by the service provider (RFC 7643 §3.1)
  await editor.locator('.view-line').first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('"id": "chosen-by-me",');
  const problems = page.getByRole('region', { name: 'Request body problems' });
  await expect(problems).toContainText('"id" is read-only');
  await expect(problems.getByRole('button').filter({ hasText: 'read-only' })).toHaveCount(1);
  // completion offers the schema's attribute names
  await page.keyboard.press('Enter');
  await page.keyboard.type('"nick');
  await page.keyboard.press('ControlOrMeta+Space');
  await expect(page.locator('.suggest-widget')).toContainText('nickName');
  await page.screenshot({ path: testInfo.outputPath('3b-read-only-warning.png') });
});

test('7. an invalid filter typed as text is underlined where the error is and nothing is sent', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  const sends: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/http.send')) sends.push(request.url());
  });
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  const text = page.getByRole('textbox', { name: 'Filter text' });
  await text.fill('userName eq "bjensen" and (title pr or');
  const mark = page.locator('.fb-text mark.squiggle-error');
  await expect(mark).toHaveAttribute('data-start', '38');
  await expect(page.getByRole('alert').filter({ hasText: 'Column 39' })).toContainText('expected a filter after "or"');

  await text.fill('userName eq "x" adn title pr');
  await expect(mark).toHaveAttribute('data-start', '16');
  await expect(mark).toHaveText('adn');
  await expect(text).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'Column 17' })).toContainText('expected "and", "or" or the end of the filter, found "adn"');

  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not sent' })).toContainText('The filter has an error at column 17');
  await page.keyboard.press('ControlOrMeta+Enter');
  await page.screenshot({ path: testInfo.outputPath('7-invalid-filter.png') });
  expect(sends).toEqual([]);
  expect(errors).toEqual([]);
});
