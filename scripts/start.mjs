// `npm start`: the desktop window. Where the Electron binary cannot be fetched, say so in one line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale } from './build-if-stale.mjs';

const root = join(import.meta.dirname, '..');
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (existsSync(pathFile)) {
    const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(binary)) return binary;
  }
  // Electron 45 downloads its binary on first use; give it one bounded try.
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, stdio: 'pipe', encoding: 'utf8', timeout: 120_000 });
  if (result.status === 0 && existsSync(join(electronDir, 'path.txt'))) {
    const binary = join(electronDir, 'dist', readFileSync(join(electronDir, 'path.txt'), 'utf8').trim());
    if (existsSync(binary)) return binary;
  }
  const reason = `${result.stderr ?? ''}${result.stdout ?? ''}`.split('\n').map((l) => l.trim()).find((l) => /error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|timed out|403|404/i.test(l)) ?? (result.error ? result.error.message : 'download failed');
  return { error: reason.replace(/\s+/g, ' ').slice(0, 160) };
}

const binary = electronBinary();
if (typeof binary !== 'string') {
  process.stderr.write(`SCIM Inspector: the Electron binary could not be downloaded (${binary.error}); run \`npm run web\` to use the app in your browser instead.\n`);
  process.exit(1);
}
try {
  buildIfStale();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
