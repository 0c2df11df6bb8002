// `npm run bench [name…]`: runs bench/*.bench.ts (through Vite's SSR loader, so aliases work), one
// after another in one process run, and writes bench/README.md and bench/results/latest.json.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'vite';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false, watch: null },
  resolve: { alias: { '@shared': join(root, 'src/shared') } },
  ssr: { external: true },
});

const sections = [];
try {
  for (const file of files) {
    process.stderr.write(`bench: ${file}\n`);
    const started = performance.now();
    const mod = await server.ssrLoadModule(join(root, 'bench', file));
    const result = await mod.default();
    for (const section of Array.isArray(result) ? result : [result]) sections.push({ file, seconds: (performance.now() - started) / 1000, ...section });
  }
} finally {
  await server.close();
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${process.platform}`;
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
} else {
  process.stdout.write(`${readme}\n`);
}
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify({ machine, sections }, null, 2));
const missed = sections.flatMap((s) => s.targets.filter((t) => !t.met).map((t) => `${s.title}: ${t.name}`));
process.stderr.write(missed.length ? `targets not met:\n  ${missed.join('\n  ')}\n` : 'all targets met\n');
