import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../../..');

/** The CLI, bundled the way electron-vite bundles it (one ESM file for Node), into a temp folder. */
async function buildCli(outDir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    resolve: { alias: { '@shared': join(root, 'src/shared') } },
    build: {
      ssr: join(root, 'src/main/services/sandbox/cli.ts'),
      outDir,
      emptyOutDir: true,
      rollupOptions: { output: { format: 'es', entryFileNames: 'sandbox.mjs' } },
    },
  });
  return join(outDir, 'sandbox.mjs');
}

function run(cli: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) return line;
  throw new Error('no output');
}

function exit(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolvePromise) => child.on('exit', (code) => resolvePromise({ code, stdout, stderr })));
}

describe('npm run sandbox (the CLI)', () => {
  let dir: string;
  let cli: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
    cli = await buildCli(join(dir, 'out'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--help lists the options', async () => {
    const result = await exit(run(cli, ['--help']));
    expect(result.code).toBe(0);
    for (const option of ['--port', '--token', '--users', '--persist', '--data-dir', '--lenient']) expect(result.stdout).toContain(option);
  });

  it('prints the base URL and token on one line, serves, and stops on SIGTERM', async () => {
    const child = run(cli, ['--port', '0', '--token', 'cli-token-1', '--users', '3']);
    const done = exit(child);
    const line = await firstLine(child);
    const match = /^SCIM sandbox: (http:\/\/127\.0\.0\.1:\d+\/scim\/v2) token (\S+)$/.exec(line);
    expect(match, line).not.toBeNull();
    expect(match![2]).toBe('cli-token-1');
    const res = await fetch(`${match![1]}/Users?count=0`, { headers: { authorization: 'Bearer cli-token-1' } });
    expect(((await res.json()) as { totalResults: number }).totalResults).toBe(3);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('--users 0 starts empty; --persist keeps the data in the data directory', async () => {
    const dataDir = join(dir, 'data');
    const child = run(cli, ['--users', '0', '--persist', '--data-dir', dataDir]);
    const done = exit(child);
    const [, url, token] = /^SCIM sandbox: (\S+) token (\S+)$/.exec(await firstLine(child))!;
    expect(token!.length).toBeGreaterThan(20);
    const res = await fetch(`${url}/Users?count=0`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await res.json()) as { totalResults: number }).totalResults).toBe(0);
    child.kill('SIGINT');
    expect((await done).code).toBe(0);
    expect(existsSync(join(dataDir, 'sandbox', 'store.json'))).toBe(true);
  });

  it('refuses bad options with a message and exit code 2', async () => {
    const bad = await exit(run(cli, ['--users', 'many']));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--users must be a whole number/);
    const unknown = await exit(run(cli, ['--colour']));
    expect(unknown.code).toBe(2);
  });
});
