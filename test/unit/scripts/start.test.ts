import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const electronInstalled = existsSync(join(root, 'node_modules', 'electron', 'path.txt'));

describe('npm start without the Electron binary', () => {
  it.skipIf(electronInstalled)('fails with one line that names npm run web, not a stack', async () => {
    // a mirror that refuses every download, so the outcome is the same with or without a network
    const mirror = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((r) => mirror.listen(0, '127.0.0.1', r));
    const port = (mirror.address() as AddressInfo).port;
    // async, so the mirror in this process can answer while the script runs
    const result = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
        cwd: root,
        env: { ...process.env, ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, electron_config_cache: join(root, '.tmp', 'no-electron-cache') },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    mirror.close();
    const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
    expect(result.status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Electron binary could not be downloaded/);
    expect(lines[0]).toMatch(/npm run web/);
    expect(lines[0]).not.toMatch(/\n\s+at /);
  });
});
