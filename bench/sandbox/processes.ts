import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'vite';
import { repoRoot } from '../lib/paths';

const root = repoRoot;

/** Bundles the sandbox CLI and the SCIMMY entry for Node, so each server runs in its own process. */
export async function buildServers(outDir: string): Promise<{ sandbox: string; scimmy: string }> {
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    resolve: { alias: { '@shared': join(root, 'src/shared') } },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node22',
      rollupOptions: {
        input: { sandbox: join(root, 'src/main/services/sandbox/cli.ts'), scimmy: join(root, 'bench/sandbox/scimmy-entry.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
  return { sandbox: join(outDir, 'sandbox.mjs'), scimmy: join(outDir, 'scimmy.mjs') };
}

export interface ServerProcess {
  child: ChildProcess;
  /** the first line the server printed */
  line: string;
  /** resident memory of the server process, MiB (Linux /proc) */
  rssMiB(): number;
  stop(): Promise<void>;
}

export async function startProcess(script: string, args: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--max-old-space-size=4096', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'], cwd: root });
  const lines = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolveLine, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
    lines.once('line', resolveLine);
  });
  child.removeAllListeners('exit');
  return {
    child,
    line,
    rssMiB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
    },
    stop: () =>
      new Promise((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
      }),
  };
}
