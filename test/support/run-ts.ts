import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const REGISTER = join(import.meta.dirname, 'ts-register.mjs');

/**
 * Runs a TypeScript file of this project in a new Node process (same Node as the tests), with the
 * `@shared` alias and extensionless imports resolved as in the app.
 */
export function runTs(script: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env, timeoutMs = 30_000): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-transform-types', '--no-warnings', '--import', REGISTER, script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${script} did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The last line of a child's stdout, parsed as JSON. */
export function lastJson<T>(result: ChildResult): T {
  const line = result.stdout.trim().split('\n').pop();
  if (!line) throw new Error(`no output from the child (exit ${result.code}): ${result.stderr}`);
  return JSON.parse(line) as T;
}

export interface TsChild {
  /** resolves with the next line the child prints */
  nextLine(): Promise<string>;
  send(line: string): void;
  done: Promise<ChildResult>;
}

/** Like `runTs`, for a conversation: read its lines as they come, write lines to its stdin. */
export function startTs(script: string, env: NodeJS.ProcessEnv = process.env): TsChild {
  const child = spawn(process.execPath, ['--experimental-transform-types', '--no-warnings', '--import', REGISTER, script], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffer = '';
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    buffer += chunk.toString();
    let end: number;
    while ((end = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<ChildResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return {
    nextLine: () =>
      new Promise((resolve, reject) => {
        const line = lines.shift();
        if (line !== undefined) return resolve(line);
        waiting.push(resolve);
        void done.then((r) => reject(new Error(`child exited (${r.code}) before printing a line: ${r.stderr}`)));
      }),
    send: (line) => child.stdin.write(`${line}\n`),
    done,
  };
}
