import type { Page } from '@playwright/test';

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

/** Page errors and console errors, to assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}
