import { expect, test } from './support/fixtures';
import { collectErrors, exchangeOf, openApp, waitForSend } from './support/page-api';

test('an error response has a summary line above the body: status, scimType, detail and what they usually mean', async ({ page, app }, testInfo) => {
  const errors = collectErrors(page);
  await openApp(page, app.url);
  await page.getByRole('radio', { name: 'Raw' }).click();
  await page.getByRole('textbox', { name: 'Path' }).fill('/Users?filter=userName%20zz%20%22x%22');
  const sent = waitForSend(page);
  await page.getByRole('button', { name: 'Send' }).click();
  const exchange = await exchangeOf(await sent);
  expect(exchange.response?.status).toBe(400);
  const body = JSON.parse(exchange.response!.body.preview) as { scimType: string; detail: string };

  const summary = page.getByRole('group', { name: 'Error summary' });
  await expect(summary).toBeVisible();
  await expect(summary.getByTestId('error-status')).toHaveText('400');
  await expect(summary.getByTestId('error-scim-type')).toHaveText(body.scimType);
  await expect(summary.getByTestId('error-detail')).toHaveText(body.detail);
  expect(body.scimType).toBe('invalidFilter');
  await expect(summary).toContainText('The filter syntax was invalid');
  await expect(summary).toContainText('Bad Request');
  // above the body, which is still shown
  const inspector = page.getByRole('region', { name: 'Response inspector' });
  const bodyRegion = inspector.getByRole('region', { name: /Response body/ });
  await expect(bodyRegion).toBeVisible();
  expect((await summary.boundingBox())!.y).toBeLessThan((await bodyRegion.boundingBox())!.y);
  await page.screenshot({ path: testInfo.outputPath('error-summary-400.png') });

  // a 404 with no scimType: the status is explained
  await page.getByRole('textbox', { name: 'Path' }).fill('/Users/no-such-user');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(summary.getByTestId('error-status')).toHaveText('404');
  await expect(summary).toContainText('Not Found');
  await expect(summary.getByTestId('error-scim-type')).toHaveCount(0);

  // a success has none
  await page.getByRole('textbox', { name: 'Path' }).fill('/ServiceProviderConfig');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('group', { name: 'Response summary' }).getByTestId('response-status')).toHaveText('200 OK');
  await expect(summary).toHaveCount(0);
  expect(errors).toEqual([]);
});
