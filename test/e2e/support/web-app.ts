import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root';

export interface RunningWebApp {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const root = repoRoot;

/**
 * Starts the built web host exactly as `npm run web` does (node out/main/web.js) on a given data
 * directory and waits for the line it prints.
 */
export function startWebApp(dataDir: string, env: NodeJS.ProcessEnv = process.env, extraArgs: string[] = []): Promise<RunningWebApp> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'out', 'main', 'web.js'), '--port', '0', '--data-dir', dataDir, ...extraArgs], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`web host did not print its URL in 30 s\n${out}\n${err}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^SCIM Inspector: (http:\/\/127\.0\.0\.1:\d+\/\?token=(\S+))$/m.exec(out);
      if (!match) return;
      clearTimeout(timer);
      const url = match[1]!;
      resolve({
        url,
        origin: new URL(url).origin,
        token: match[2]!,
        dataDir,
        process: child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code} before it was ready\n${out}\n${err}`));
    });
  });
}
