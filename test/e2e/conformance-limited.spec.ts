import { expect, test } from './support/fixtures';
import { callApi } from './support/page-api';

test('the Conformance view offers another endpoint of the same server as the limited credential, and Sec04 uses it', async ({ page, app }) => {
  test.setTimeout(60_000);
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  const list = await callApi<{ endpoints: { id: string; baseUrl: string }[] }>(page, 'endpoints.list', {});
  const sandbox = list.endpoints.find((e) => e.id === 'sandbox')!;
  await page.keyboard.press('Alt+5');
  const form = page.getByRole('form', { name: 'New conformance run' });
  const limited = form.getByRole('combobox', { name: /Limited credential/ });
  await expect(limited).toBeDisabled();
  await expect(limited.locator('option')).toHaveText([/None: save another endpoint for this server/]);

  // a second endpoint for the sandbox, with a credential the sandbox does not know
  const created = await callApi<{ id: string }>(page, 'endpoints.create', { endpoint: { name: 'Sandbox, other token', baseUrl: sandbox.baseUrl, auth: { kind: 'bearer' } } });
  await callApi(page, 'endpoints.setSecret', { endpointId: created.id, field: 'token', value: 'not-a-sandbox-token-1234' });
  await expect(limited).toBeEnabled();
  await limited.selectOption({ label: 'Sandbox, other token' });
  await form.getByRole('checkbox', { name: /^Auth( and security)? \d+$/ }).check();
  await form.getByRole('button', { name: /^Run \d+ checks?$/ }).click();
  await expect(page.getByRole('heading', { name: 'Sandbox', level: 1 })).toBeVisible({ timeout: 30_000 });
  const sec04 = page.locator('details.cf-check', { has: page.locator('.cf-check-id', { hasText: 'Sec04' }) });
  await page.getByRole('button', { name: /^Skip \d+$/ }).click();
  await sec04.locator('summary').click();
  await expect(sec04).toContainText('refused as unauthenticated (401) even for a read');
});
