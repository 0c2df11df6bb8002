import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Collection } from '../../src/shared/model/collection';
import { coreSchemas, URN } from '../../src/shared/scim';
import { startFixtureServer, type FixtureServer } from '../component/support/fixture-server';
import { expect, test } from './support/fixtures';
import { callApi, collectErrors, openApp } from './support/page-api';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const JSON_HEADER = [{ name: 'Content-Type', value: 'application/scim+json', enabled: true }];

/** A server that says in its ServiceProviderConfig that it does not sort (as better-auth's SCIM plugin does). */
let noSort: FixtureServer;
test.beforeAll(async () => {
  noSort = await startFixtureServer(({ path }) => {
    if (path === '/ServiceProviderConfig') {
      return { body: { schemas: [URN.serviceProviderConfig], patch: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 100 }, changePassword: { supported: false }, sort: { supported: false }, etag: { supported: false }, authenticationSchemes: [] } };
    }
    if (path === '/ResourceTypes') return { body: { schemas: [URN.listResponse], totalResults: 1, Resources: [{ schemas: [URN.resourceType], id: 'User', name: 'User', endpoint: '/Users', schema: URN.user }] } };
    if (path === '/Schemas') return { body: { schemas: [URN.listResponse], totalResults: coreSchemas.length, Resources: coreSchemas } };
    return undefined;
  });
});
test.afterAll(async () => {
  await noSort.close();
});

async function openCollection(page: Page, name: string) {
  await page.getByRole('tab', { name: 'Collections' }).click();
  await page.getByRole('combobox', { name: 'Collection' }).selectOption({ label: name });
  return page.getByRole('tree', { name: `Requests of ${name}` });
}

test('assertions in a collection: a table under the composer, judged by the run with expected and actual, compared with the run before, exported with the findings', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await openApp(page, app.url);
  const c = await callApi<Collection>(page, 'collections.create', { name: 'Provisioning' });
  await callApi(page, 'collections.update', { collectionId: c.id, variables: { userName: 'ingrid.lindqvist' } });
  const folder = await callApi<{ itemId: string }>(page, 'collections.createFolder', { collectionId: c.id, parentId: '', name: 'Users' });
  const save = (request: Record<string, unknown>) => callApi(page, 'collections.saveRequest', { collectionId: c.id, parentId: folder.itemId, request });
  await save({
    name: 'Create user',
    method: 'POST',
    path: '/Users',
    headers: JSON_HEADER,
    body: JSON.stringify({ schemas: [USER], userName: '{{userName}}', emails: [{ value: '{{userName}}@example.com', type: 'work', primary: true }] }),
    captures: [{ variable: 'userId', from: 'body', path: 'id' }],
  });
  await save({ name: 'Get user', method: 'GET', path: '/Users/{{userId}}' });
  await save({ name: 'Delete user', method: 'DELETE', path: '/Users/{{userId}}' });

  const tree = await openCollection(page, 'Provisioning');
  await tree.getByRole('treeitem', { name: /Users$/ }).click();
  await tree.getByRole('treeitem', { name: /Get user/ }).click();
  const editor = page.getByRole('region', { name: 'Request Get user' });
  // the request opens in the composer, in its operation, the variable id as written
  await expect(editor.getByRole('radiogroup', { name: 'Operation' }).getByRole('radio', { name: 'Get' })).toHaveAttribute('aria-checked', 'true');
  await expect(editor.getByRole('textbox', { name: 'Resource id' })).toHaveValue('{{userId}}');
  await expect(editor.getByText(/status is below 400 \(the default assertion\)/)).toBeVisible();

  await editor.getByRole('button', { name: '+ Add assertion' }).click();
  await editor.getByRole('button', { name: '+ Body value' }).click();
  await editor.getByRole('textbox', { name: 'Assertion 2 path' }).fill('emails[type eq "work"].value');
  await editor.getByRole('textbox', { name: 'Assertion 2 expected' }).fill('{{userName}}@example.com');
  await editor.getByRole('button', { name: '+ No SCIM check errors' }).click();
  await page.screenshot({ path: testInfo.outputPath('assertions-table.png'), fullPage: true });
  await editor.getByRole('button', { name: 'Save request' }).click();
  await expect(editor.getByRole('button', { name: 'Save request' })).toBeDisabled();
  const file = join(app.dataDir, 'collections', 'provisioning', 'Users', 'get-user.request.json');
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
    version: 2,
    path: '/Users/{{userId}}',
    assertions: [
      { from: 'status', op: 'equals', value: '200' },
      { from: 'body', path: 'emails[type eq "work"].value', op: 'equals', value: '{{userName}}@example.com' },
      { from: 'scim', op: 'equals', value: '0' },
    ],
  });

  // run the folder: every assertion passes
  await tree.getByRole('treeitem', { name: /Users$/ }).click();
  const run = page.getByRole('region', { name: 'Run' });
  await expect(run.getByRole('heading')).toHaveText('Run folder "Users" (3 requests)');
  await run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(run.getByRole('status', { name: 'Run summary' })).toContainText('3 of 3 steps passed · 5 of 5 assertions');

  // an expected value that is wrong: the step fails, saying what was expected and what came
  const users = tree.getByRole('treeitem', { name: /Users$/ });
  if ((await users.getAttribute('aria-expanded')) !== 'true') await users.click();
  await tree.getByRole('treeitem', { name: /Get user/ }).click();
  await editor.getByRole('textbox', { name: 'Assertion 1 expected' }).fill('201');
  await editor.getByRole('button', { name: 'Save request' }).click();
  await expect(editor.getByRole('button', { name: 'Save request' })).toBeDisabled();
  await tree.getByRole('treeitem', { name: /Users$/ }).click();
  await run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(run.getByRole('status', { name: 'Run summary' })).toContainText('2 of 3 steps passed · 4 of 5 assertions');
  await expect(run.getByRole('note', { name: 'Compared with the previous run' })).toContainText('1 newly failing (Get user), 0 newly passing, 2 unchanged');
  const results = run.getByRole('list', { name: 'Run results' });
  await expect(results.getByRole('listitem').nth(1)).toContainText('failed: 1 of 3 assertions');
  await expect(results.getByRole('listitem').nth(1)).toContainText('newly failing');
  const table = run.getByRole('table', { name: 'Assertions of Get user' });
  await expect(table.getByRole('row').nth(1).getByRole('cell')).toHaveText(['status equals 201', '201', '200', 'failed']);
  await expect(table.getByRole('row').nth(2).getByRole('cell')).toHaveText(['body emails[type eq "work"].value equals ingrid.lindqvist@example.com', 'ingrid.lindqvist@example.com', 'ingrid.lindqvist@example.com', 'passed']);
  await expect(run.getByRole('region', { name: 'SCIM checks of Get user' })).toContainText('SCIM checks: 0 errors');
  await expect(run.getByRole('region', { name: 'Response of Get user' })).toContainText('Response: 200 OK');
  await expect(run.getByRole('region', { name: 'Request of Get user' })).toContainText('GET');
  await run.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('run-failing-assertion.png'), fullPage: true });

  // exported as HAR: each entry with its assertions and SCIM findings, the run and its comparison; userName replaced by default
  await run.getByRole('button', { name: 'Export this run…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export requests' });
  await expect(dialog.getByRole('checkbox', { name: 'userName', exact: true })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'externalId', exact: true })).toBeChecked();
  await dialog.getByRole('radio', { name: /HAR 1\.2/ }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export HAR 1.2' }).click();
  const download = await downloading;
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  const text = readFileSync(saved, 'utf8');
  const har = JSON.parse(text) as {
    log: {
      entries: { _step?: { name: string; passed: boolean }; _assertions?: { value: string; actual: string; passed: boolean }[]; _scimFindings?: unknown[]; _scimChecks?: { errors: number } }[];
      _run: { comparison: { newlyFailing: number } };
    };
  };
  expect(har.log.entries.map((e) => e._step)).toEqual([
    { name: 'Create user', passed: true },
    { name: 'Get user', passed: false },
    { name: 'Delete user', passed: true },
  ]);
  expect(har.log.entries[1]!._assertions![0]).toMatchObject({ value: '201', actual: '200', passed: false });
  for (const entry of har.log.entries) expect(Array.isArray(entry._scimFindings)).toBe(true);
  expect(har.log._run.comparison.newlyFailing).toBe(1);
  expect(text).not.toContain('ingrid.lindqvist');
  expect(errors).toEqual([]);
});

test('an imported request opens in its operation (Patch), in the composer, not as Raw', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await openApp(page, app.url);
  await callApi<Collection>(page, 'collections.create', { name: 'Imported' });
  await openCollection(page, 'Imported');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import requests' });
  await dialog.getByRole('radio', { name: 'curl command' }).check();
  await dialog
    .getByRole('textbox', { name: 'Paste the command' })
    .fill(
      `curl -X PATCH 'https://scim.example.com/scim/v2/Users/42' -H 'Authorization: Bearer eyJhbGciOi' -H 'Content-Type: application/scim+json' --data-raw '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}'`,
    );
  await dialog.getByRole('textbox', { name: /Base URL/ }).fill('https://scim.example.com/scim/v2');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  const tree = page.getByRole('tree', { name: 'Requests of Imported' });
  await tree.getByRole('treeitem', { name: /PATCH \/Users\/42/ }).click();
  const editor = page.getByRole('region', { name: 'Request PATCH /Users/42' });
  await expect(editor.getByRole('radiogroup', { name: 'Operation' }).getByRole('radio', { name: 'Patch' })).toHaveAttribute('aria-checked', 'true');
  await expect(editor.getByRole('textbox', { name: 'Resource id' })).toHaveValue('42');
  await expect(editor.getByRole('tab', { selected: true })).toHaveText(/Operations/);
  // the PATCH builder reads the imported body: one replace of active
  const op = editor.getByRole('group', { name: 'Operation 1' });
  await expect(op.getByRole('combobox', { name: 'op' })).toHaveValue('replace');
  await page.screenshot({ path: testInfo.outputPath('imported-patch.png'), fullPage: true });
  // its file: the JSON body as JSON, no credential
  const files = await callApi<Collection>(page, 'collections.get', { collectionId: (await callApi<{ id: string; name: string }[]>(page, 'collections.list', {})).find((s) => s.name === 'Imported')!.id });
  const item = files.items.find((i) => i.kind === 'request')!;
  const onDisk = JSON.parse(readFileSync(join(files.folder, item.id), 'utf8')) as { body: unknown; headers: { name: string; value: string }[] };
  expect(onDisk.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] });
  expect(JSON.stringify(onDisk)).not.toContain('eyJhbGciOi');
  // the bearer token went to the keychain as a secret variable of the collection, and the import said so
  expect(onDisk.headers).toContainEqual({ name: 'Authorization', value: 'Bearer {{authorization}}', enabled: false });
  await expect(page.getByRole('list', { name: 'Warnings' })).toContainText('moved into the OS keychain as the collection variable {{authorization}}');
  const secrets = page.getByRole('region', { name: 'Secret variables' });
  await expect(secrets.getByRole('list', { name: 'Secret variables of this collection' }).getByRole('listitem')).toHaveText(['{{authorization}}set in the keychainReplace×']);
  await secrets.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('secret-variables.png') });
  for (const file of [join(files.folder, 'collection.json'), join(files.folder, item.id)]) expect(readFileSync(file, 'utf8')).not.toContain('eyJhbGciOi');
  expect(errors).toEqual([]);
});

test('sortBy sent to a server whose ServiceProviderConfig says sort is not supported: the query panel warns before sending', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await openApp(page, app.url);
  await callApi(page, 'endpoints.create', { endpoint: { name: 'No sort', baseUrl: noSort.baseUrl, auth: { kind: 'none' } } });
  const sortBy = page.getByRole('combobox', { name: 'sortBy' });
  await sortBy.fill('userName');
  await sortBy.press('Escape');
  await sortBy.press('Tab');
  // the sandbox sorts: nothing to say
  const warning = page.getByRole('note', { name: 'Sort not supported' });
  await expect(warning).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Endpoint of this tab' }).selectOption({ label: 'No sort' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('sort.supported');
  await page.screenshot({ path: testInfo.outputPath('sort-unsupported-warning.png') });
  // cleared, the warning goes
  await sortBy.fill('');
  await sortBy.press('Tab');
  await expect(warning).toHaveCount(0);
  expect(errors).toEqual([]);
});
