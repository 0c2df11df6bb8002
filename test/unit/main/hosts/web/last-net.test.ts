import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, runTs } from '../../../../support/run-ts';
import { tempDir } from '../../../../support/temp-dir';

const CHILD = join(import.meta.dirname, 'support', 'last-net.child.ts');

describe('the web host process: last net', () => {
  it('logs an uncaught exception and an unhandled rejection through the scrubbing logger and keeps serving', async () => {
    const dir = tempDir();
    try {
      const secret = `canary-${Date.now()}-last-net`;
      const result = await runTs(CHILD, [dir.path, secret]);
      expect(result.code, result.stderr).toBe(0);
      expect(lastJson<{ status: number }>(result).status).toBe(303);
      const log = readFileSync(join(dir.path, 'logs', 'app.log'), 'utf8');
      expect(log).toContain('uncaught exception: the web host keeps serving');
      expect(log).toContain('unhandled promise rejection: the web host keeps serving');
      expect(log).toContain('a bug outside any request');
      expect(log).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    } finally {
      dir.cleanup();
    }
  });
});
