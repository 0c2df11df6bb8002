import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startScimmyServer, type ScimmyServer } from '../peers/scimmy-server';
import { startWebApp, type RunningWebApp } from './support/web-app';

const URN_ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** A web host whose Sandbox holds 1 000 users. */
const test = base.extend<{ app: RunningWebApp }>({
  app: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scim-e2e-inspector-'));
    const app = await startWebApp(dataDir, process.env, ['--sandbox-users', '1000']);
    await use(app);
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

/** Calls the app's own API from the page, as the renderer does (the session cookie authorizes it). */
async function api(page: Page, command: string, payload: unknown): Promise<unknown> {
  return page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!result.ok) throw new Error(result.error?.message ?? `${name} failed`);
      return result.value;
    },
    [command, payload] as const,
  );
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

async function progressValue(page: Page): Promise<number> {
  return Number((await page.getByRole('progressbar', { name: 'Pages fetched' }).getAttribute('aria-valuenow')) ?? '0');
}

test('fetches all pages of 1 000 sandbox users with progress, then cancels a second run half way', async ({ page, app }, testInfo) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
  await page.getByRole('spinbutton', { name: 'count' }).fill('50');
  await page.getByRole('button', { name: 'Send' }).click();
  const response = page.getByRole('region', { name: 'Response inspector' });
  await expect(response.getByRole('table', { name: 'User' })).toBeVisible();
  await expect(response.getByText('1–50 of 1,000')).toBeVisible();

  // a first run to the end: 20 pages, progress moving, ordering checked
  await api(page, 'sandbox.configure', { faults: { latencyMs: 60 } });
  await response.getByRole('button', { name: 'Fetch all pages' }).click();
  const status = response.getByRole('region', { name: 'Fetch all pages' });
  await expect(status.getByRole('progressbar', { name: 'Pages fetched' })).toHaveAttribute('aria-valuetext', /^[1-9][\d,]* of 1,000 resources$/);
  const early = await progressValue(page);
  await expect.poll(() => progressValue(page)).toBeGreaterThan(early);
  await expect(status.getByRole('status')).toHaveText('Fetched all 1,000 resources in 20 pages', { timeout: 60_000 });
  await expect(status.getByTestId('fetch-all-verdict')).toHaveText('Stable ordering: no duplicates, none missing.');
  await expect(response.getByRole('table', { name: 'User (all pages)' })).toHaveAttribute('aria-rowcount', '1001');
  await page.screenshot({ path: testInfo.outputPath('fetch-all-complete.png') });

  // a second run, cancelled once half the users are in
  await status.getByRole('button', { name: 'Back to this page' }).click();
  await api(page, 'sandbox.configure', { faults: { latencyMs: 250 } });
  await response.getByRole('button', { name: 'Fetch all pages' }).click();
  await expect.poll(() => progressValue(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(500);
  await status.getByRole('button', { name: 'Cancel fetching' }).click();
  await expect(status.getByRole('status')).toHaveText(/^Cancelled after (\d+) pages \(([\d,]+) resources\)$/);
  const [, pages, resources] = /^Cancelled after (\d+) pages \(([\d,]+) resources\)$/.exec((await status.getByRole('status').textContent()) ?? '')!;
  const fetched = Number(resources!.replace(/,/g, ''));
  expect(fetched).toBeGreaterThanOrEqual(500);
  expect(fetched).toBeLessThan(1000);
  expect(fetched).toBe(Number(pages) * 50);
  await expect(status.getByTestId('fetch-all-verdict')).toHaveText('No duplicates so far.');
  await expect(response.getByRole('table', { name: 'User (all pages)' })).toHaveAttribute('aria-rowcount', String(fetched + 1));
  await page.screenshot({ path: testInfo.outputPath('fetch-all-cancelled.png') });
  await api(page, 'sandbox.configure', { faults: { latencyMs: 0 } });
  expect(errors).toEqual([]);
});

test.describe('the Discovery view', () => {
  let scimmy: ScimmyServer;
  test.beforeAll(async () => {
    scimmy = await startScimmyServer({ users: 3 });
  });
  test.afterAll(async () => {
    await scimmy.close();
  });

  test('shows the sandbox’s enterprise extension, and a SCIMMY server’s own documents', async ({ page, app }, testInfo) => {
    const errors = watchErrors(page);
    await page.goto(app.url);
    // the workspace (with the view it last showed) is restored first
    await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();
    await page.getByRole('tab', { name: 'Discovery', exact: true }).click();
    const main = page.getByRole('main', { name: 'Discovery' });
    await expect(main.getByRole('heading', { name: 'Sandbox', level: 1 })).toBeVisible();
    await expect(main.getByRole('list', { name: 'Capabilities' }).getByRole('listitem', { name: 'ETag: supported' })).toBeVisible();

    await main.getByRole('tab', { name: /Resource types/ }).click();
    const userRow = main.getByRole('table', { name: 'Resource types' }).getByRole('row', { name: /^User/ });
    await expect(userRow.getByRole('button', { name: /Show schema .*Enterprise/i })).toHaveText(URN_ENTERPRISE);
    await userRow.getByRole('button', { name: /Show schema .*Enterprise/i }).click();
    const enterprise = main.getByRole('table', { name: /^Attributes of Enterprise ?User$/ });
    await expect(enterprise.getByRole('row', { name: /^employeeNumber/ })).toBeVisible();
    await enterprise.getByRole('button', { name: 'Expand manager' }).click();
    await expect(enterprise.getByRole('row', { name: /^\s*\$ref/ })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('discovery-sandbox.png') });

    // a SCIMMY server, saved as an endpoint with its token in the keychain
    const endpoint = (await api(page, 'endpoints.create', { endpoint: { name: 'SCIMMY', baseUrl: scimmy.baseUrl, auth: { kind: 'bearer' } } })) as { id: string };
    await api(page, 'endpoints.setSecret', { endpointId: endpoint.id, field: 'token', value: scimmy.token });
    await page.getByRole('radiogroup', { name: 'Send requests to' }).getByRole('radio', { name: 'SCIMMY' }).check();
    await expect(main.getByRole('heading', { name: 'SCIMMY', level: 1 })).toBeVisible();
    // the view stays on the section it showed; the capabilities are one tab away
    await main.getByRole('tab', { name: 'Capabilities' }).click();
    const capabilities = main.getByRole('list', { name: 'Capabilities' });
    // SCIMMY's ServiceProviderConfig, not the sandbox's
    await expect(capabilities.getByRole('listitem', { name: 'ETag: not supported' })).toBeVisible();
    await expect(capabilities.getByRole('listitem', { name: /^Bulk: supported/ })).toContainText('Max operations1,000');
    await expect(capabilities.getByRole('listitem', { name: /^Filter: supported/ })).toContainText('Max results200');
    await expect(main.getByRole('note', { name: 'Fallback schemas' })).toHaveCount(0);

    await main.getByRole('tab', { name: /Schemas/ }).click();
    const schemas = main.getByRole('navigation', { name: 'Schemas' });
    await expect(schemas.getByRole('button')).toHaveText([/^User/, /^Group/, /^EnterpriseUser/]);
    await main.getByRole('searchbox', { name: 'Search attributes' }).fill('employeeNumber');
    await expect(main.getByRole('region', { name: /^Matches in / })).toHaveCount(1);

    await main.getByRole('tab', { name: 'Raw documents' }).click();
    await main.getByRole('button', { name: '/Schemas' }).click();
    await expect(main.getByText(`GET ${scimmy.baseUrl}/Schemas`)).toBeVisible();
    await expect(main.getByRole('region', { name: '/Schemas as served' }).locator('.monaco-editor')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('discovery-scimmy.png') });
    expect(errors).toEqual([]);
  });
});
