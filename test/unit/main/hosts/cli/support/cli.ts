import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../../../../support/repo-root';

export const BIN = join(repoRoot, 'bin', 'scim-inspector.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real command line, as `npx scim-inspector` runs it (same Node as the tests: the project's Node 24). */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = repoRoot): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`scim-inspector ${args.join(' ')} did not finish in 60 s\n${stdout}\n${stderr}`));
    }, 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** What `npx scim-inspector` does first when the sources are newer than out/ (done once per file, not inside a test's time). */
export function buildOnce(): void {
  const build = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build-if-stale.mjs')], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}
