import { test as base, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebApp, type RunningWebApp } from './web-app';

/** `app`: a fresh web host on its own temporary data directory, stopped after the test. */
export const test = base.extend<{ app: RunningWebApp }>({
  app: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scim-e2e-'));
    const app = await startWebApp(dataDir);
    await use(app);
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };
