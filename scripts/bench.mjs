// `npm run bench [name…]`: runs bench/*.bench.ts one after another in one process run, and writes
// bench/README.md and bench/results/latest.json. Each bench is bundled first (our sources included,
// npm packages left external) and imported natively, so our code runs as it does in the app and as
// the peers' code does: Vite's dev-time module transform would slow every cross-module call.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { mergeReadme } from './bench-merge.mjs';

const root = resolve(import.meta.dirname, '..');
// `--merge` (or BENCH_MERGE=1) with names: the sections of those benches replace theirs in bench/README.md
const merge = process.argv.includes('--merge') || process.env.BENCH_MERGE === '1';
const only = process.argv.slice(2).filter((a) => a !== '--merge');
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const outDir = join(root, '.tmp', 'bench-build');

async function bundle(file) {
  const name = file.replace(/\.ts$/, '.mjs');
  await build({
    configFile: false,
    root,
    logLevel: 'error',
    resolve: { alias: { '@shared': join(root, 'src/shared') } },
    build: {
      ssr: join(root, 'bench', file),
      outDir,
      emptyOutDir: false,
      target: 'node24',
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: name } },
    },
  });
  return join(outDir, name);
}

const sections = [];
const loadAtStart = loadavg()[0];
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const mod = await import(`${pathToFileURL(await bundle(file)).href}?t=${Date.now()}`);
  const started = performance.now();
  const result = await mod.default();
  for (const section of Array.isArray(result) ? result : [result]) sections.push({ file, seconds: (performance.now() - started) / 1000, ...section });
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${process.platform}; load average ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end`;
const summary = sections.flatMap((s) => s.targets.map((t) => `| ${s.title} | ${t.name} | ${t.met ? 'met' : '**not met**'} | ${t.detail} |`));
const readme = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (do not edit by hand). Every peer runs in the same process run, on the',
  'same data, on the same machine, so the ratios compare like with like.',
  '',
  `Last run: ${new Date().toISOString()} on ${machine}.`,
  '',
  '## Targets',
  '',
  '| area | target | result | measured |',
  '| --- | --- | --- | --- |',
  ...summary,
  '',
  ...sections.flatMap((s) => [`## ${s.title}`, '', s.issue ? `Issue #${s.issue}. Source: \`bench/${s.file}\`.` : `Source: \`bench/${s.file}\`.`, '', s.markdown.trim(), '']),
].join('\n');

if (only.length === 0) {
  writeFileSync(join(root, 'bench', 'README.md'), readme);
} else if (merge) {
  const path = join(root, 'bench', 'README.md');
  writeFileSync(path, mergeReadme(readFileSync(path, 'utf8'), sections, files, `${new Date().toISOString()} on ${machine}`));
  process.stdout.write(`${readme}\n`);
} else {
  process.stdout.write(`${readme}\n`);
}
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify({ machine, sections }, null, 2));
const missed = sections.flatMap((s) => s.targets.filter((t) => !t.met).map((t) => `${s.title}: ${t.name}`));
process.stderr.write(missed.length ? `targets not met:\n  ${missed.join('\n  ')}\n` : 'all targets met\n');
