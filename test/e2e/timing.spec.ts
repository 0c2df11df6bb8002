import type { Page } from '@playwright/test';
import type { HttpExchange } from '../../src/shared/model/exchange';
import { startScimmyServer, type ScimmyServer } from '../peers/scimmy-server';
import { callApi } from './support/api';
import { expect, test } from './support/fixtures';

const DURATION = /^\d+(\.\d+)? (ms|s)$/;

let scimmy: ScimmyServer;
test.beforeAll(async () => {
  scimmy = await startScimmyServer({ users: 1 });
});
test.afterAll(async () => {
  await scimmy.close();
});

/** Sends the open tab and reads the Timing tab's phases, with the exchange the page got. */
async function sendAndReadTiming(page: Page) {
  const sent = page.waitForResponse((r) => r.url().endsWith('/api/http.send') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const exchange = ((await (await sent).json()) as { value: HttpExchange }).value;
  const inspector = page.getByRole('region', { name: 'Response inspector' });
  await inspector.getByRole('button', { name: /show the timing breakdown/ }).click();
  const table = inspector.getByRole('table', { name: 'Timing breakdown' });
  const cell = (phase: string) => table.getByRole('row', { name: new RegExp(`^${phase}`) }).getByRole('cell').nth(1).textContent();
  return { exchange, dns: await cell('DNS lookup'), connect: await cell('TCP connect'), tls: await cell('TLS handshake'), connection: await inspector.getByTestId('connection-kind').textContent() };
}

test('the Timing tab says why a phase took no time: plain HTTP, an IP address, or a connection really reused', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'GET List Users' })).toBeVisible();

  // the Sandbox: http://127.0.0.1:…
  for (const round of [1, 2]) {
    const t = await sendAndReadTiming(page);
    expect(new URL(t.exchange.request.url).hostname).toBe('127.0.0.1');
    expect(t.tls).toBe('not used (plain HTTP)');
    expect(t.dns).toBe('not needed (IP address)');
    if (t.exchange.timings.connect === undefined) {
      expect(t.connect).toBe('reused');
      expect(t.connection).toMatch(/^reused/);
    } else {
      expect(t.connect).toMatch(DURATION);
      expect(t.connection).toMatch(/^new/);
    }
    // the second request goes out on the connection the first left open
    if (round === 2) expect(t.connect).toBe('reused');
  }
  await page.screenshot({ path: testInfo.outputPath('timing-ip-plain-http.png') });

  // a host name: the lookup is timed on a new connection, "reused" on a reused one
  const endpoint = await callApi<{ id: string }>(page, 'endpoints.create', { endpoint: { name: 'SCIMMY by name', baseUrl: scimmy.baseUrl.replace('127.0.0.1', 'localhost'), auth: { kind: 'bearer' } } });
  await callApi(page, 'endpoints.setSecret', { endpointId: endpoint.id, field: 'token', value: scimmy.token });
  await page.getByRole('region', { name: 'Endpoints' }).getByRole('radio', { name: 'SCIMMY by name' }).check();
  for (const round of [1, 2]) {
    const t = await sendAndReadTiming(page);
    expect(t.exchange.response?.status).toBe(200);
    expect(t.tls).toBe('not used (plain HTTP)');
    expect(t.dns).toMatch(t.exchange.timings.dns === undefined ? /^reused$/ : DURATION);
    if (round === 2) expect(t).toMatchObject({ dns: 'reused', connect: 'reused' });
  }
  await page.screenshot({ path: testInfo.outputPath('timing-host-name-reused.png') });
});
