import type { Page, Response } from '@playwright/test';
import type { HttpExchange } from '../../../src/shared/model/exchange';

/** Calls the app's own API from the page, as the renderer does (the session cookie authorizes it). */
export async function callApi<T = unknown>(page: Page, command: string, payload: unknown): Promise<T> {
  return page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!result.ok) throw new Error(result.error?.message ?? `${name} failed`);
      return result.value;
    },
    [command, payload] as const,
  ) as Promise<T>;
}

/** The next `http.send` answer the page gets. */
export function waitForSend(page: Page): Promise<Response> {
  return page.waitForResponse((r) => r.url().endsWith('/api/http.send') && r.request().method() === 'POST');
}

/** The exchange `http.send` answered with (the bridge's JSON, as the renderer got it). */
export async function exchangeOf(response: Response): Promise<HttpExchange> {
  const wire = (await response.json()) as { ok: boolean; value: HttpExchange };
  if (!wire.ok) throw new Error('http.send failed');
  return wire.value;
}

/** Page errors and console errors, to assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/** Opens the app and waits for the starter tab. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('tab', { name: 'GET List Users' }).waitFor();
}
