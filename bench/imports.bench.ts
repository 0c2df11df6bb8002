import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { CollectionsService } from '../src/main/services/collections/collections-service';
import { ExchangeService } from '../src/main/services/exchange/exchange-service';
import { createMemoryLogger } from '../src/main/services/log/logger';
import { bigCurl, scimHar } from '../test/fixtures/imports';
import { fmt, table } from './lib/measure';
import type { BenchSection } from './lib/section';

const HAR_ENTRIES = Number(process.env.BENCH_HAR_ENTRIES ?? 10_000);
const CURL_BYTES = Number(process.env.BENCH_CURL_MB ?? 60) * 2 ** 20;
/** the collections watcher's debounce in the app */
const DEBOUNCE_MS = 200;

function services(dataDir: string, onChange: () => void) {
  const collections = new CollectionsService({
    dir: join(dataDir, 'collections'),
    registryFile: join(dataDir, 'collection-folders.json'),
    scrubber: new SecretScrubber(),
    log: createMemoryLogger(),
    onChange,
    // as in the app: folders are watched for changes made outside it
    watch: true,
    debounceMs: DEBOUNCE_MS,
  });
  const exchange = new ExchangeService({
    history: { records: () => [], findByExchangeId: () => undefined },
    runs: { get: () => undefined },
    collections,
    scrubber: new SecretScrubber(),
    environment: () => ({ app: { name: 'bench', version: '0' }, host: 'web', platform: process.platform, runtime: 'node' }),
  });
  return { collections, exchange };
}

function filesUnder(dir: string): { path: string; content: Buffer }[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => ({ path: relative(dir, join(e.parentPath, e.name)), content: readFileSync(join(e.parentPath, e.name)) }));
}

/** Waits until the watcher has been quiet for a while: its work after the import counts too. */
async function settle(changes: () => number): Promise<void> {
  let seen = changes();
  for (;;) {
    await sleep(DEBOUNCE_MS * 3);
    if (changes() === seen) return;
    seen = changes();
  }
}

async function harImport(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const har = scimHar(HAR_ENTRIES);
  let changes = 0;
  const { collections, exchange } = services(dir, () => changes++);
  await collections.init();
  // an open collection is watched, as the one the user looks at
  const other = await collections.create({ name: 'Other' });
  await collections.get(other.id);

  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await exchange.import({ format: 'har', text: har, fileName: 'devtools.har', target: { kind: 'new', name: 'From DevTools' } });
  const importMs = performance.now() - start;
  const importCpu = process.cpuUsage(cpuStart);
  // the collection as the UI loads it next, watched from then on
  const loaded = await collections.get(result.collectionId);
  const changesBefore = changes;
  await settle(() => changes);
  const settledMs = performance.now() - start;
  if (loaded.items.filter((i) => i.kind === 'request').length !== HAR_ENTRIES) throw new Error(`imported ${loaded.items.length} items`);
  await collections.close();

  // the floor: the same files, same bytes, written with fs alone (no parse, no fsync, no rename)
  const files = filesUnder(loaded.folder);
  const bare = join(dir, 'bare');
  const bareCpuStart = process.cpuUsage();
  const bareStart = performance.now();
  for (const file of files) {
    const target = join(bare, file.path);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, file.content);
  }
  const bareMs = performance.now() - bareStart;
  const bareCpu = process.cpuUsage(bareCpuStart);
  const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  rmSync(dir, { recursive: true, force: true });
  const ratio = importMs / bareMs;
  const harMiB = Buffer.byteLength(har) / 2 ** 20;
  return {
    title: 'HAR import',
    issue: 12,
    markdown: [
      `A HAR file of ${HAR_ENTRIES.toLocaleString('en-US')} SCIM requests (${fmt(harMiB, 1)} MiB, as DevTools saves it; many requests share a name) imported into a new collection through \`ExchangeService.import\`: parse, one \`*.request.json\` per request with credential headers emptied, written into a staging folder and moved into place, with the collections folder watcher running as in the app. Bare: the same ${files.length.toLocaleString('en-US')} files, same bytes, written one after another with \`fs.writeFileSync\` (no parsing, no fsync, no rename).`,
      '',
      table(
        ['path', 'seconds', 'ratio', 'CPU seconds (user + system)'],
        [
          ['SCIM Inspector HAR import', fmt(importMs / 1000, 2), `${fmt(ratio)}×`, fmt(cpuMs(importCpu) / 1000, 2)],
          ['bare `fs.writeFileSync` of the same files', fmt(bareMs / 1000, 2), '1×', fmt(cpuMs(bareCpu) / 1000, 2)],
        ],
      ),
      '',
      `Until the watcher was quiet again: ${fmt(settledMs / 1000, 2)} s; the watcher reported ${changes} change(s) in all (${changesBefore} during the import), none of them the app's own writes.`,
      '',
      'Before issue 12: 579 s for 10,000 entries (the issue); 12.8 s for 1,000 here (names picked by scanning every name taken for each file, and Node\'s recursive watcher on Linux listing the whole folder again for each file written). The wall time follows the file system: on a loaded machine the bare writes slow down as much.',
    ].join('\n'),
    data: { entries: HAR_ENTRIES, importMs, bareMs, ratio, importCpuMs: cpuMs(importCpu), bareCpuMs: cpuMs(bareCpu), settledMs, watcherChanges: changes },
    targets: [{ name: `HAR import of ${HAR_ENTRIES.toLocaleString('en-US')} entries under 5 s`, met: importMs < 5000, detail: `${fmt(importMs / 1000, 2)} s, ${fmt(ratio)}× bare fs writes` }],
  };
}

// ---- curl: peak memory, each case in a process of its own -----------------------------------------

interface Peak {
  maxRssMiB: number;
  baseRssMiB: number;
}

/** Runs in a child process (`BENCH_CURL_CHILD`): the import, or only holding the same text (the floor). */
export async function curlChild(mode: 'import' | 'bare', input: string): Promise<Peak> {
  const baseRssMiB = process.memoryUsage().rss / 2 ** 20;
  const text = readFileSync(input, 'utf8');
  if (mode === 'import') {
    const dir = mkdtempSync(join(tmpdir(), 'bench-curl-'));
    const { collections, exchange } = services(dir, () => undefined);
    await collections.init();
    const result = await exchange.import({ format: 'curl', text, target: { kind: 'new', name: 'Big' } });
    if (result.imported !== 1) throw new Error('curl import failed');
    await collections.close();
    rmSync(dir, { recursive: true, force: true });
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'bench-curl-bare-'));
    writeFileSync(join(dir, 'body.json'), text);
    rmSync(dir, { recursive: true, force: true });
  }
  return { maxRssMiB: process.resourceUsage().maxRSS / 1024, baseRssMiB };
}

function runChild(mode: 'import' | 'bare', input: string): Peak {
  const self = fileURLToPath(import.meta.url);
  const script = `import(${JSON.stringify(`file://${self}`)}).then(async (m) => process.stdout.write(JSON.stringify(await m.curlChild(${JSON.stringify(mode)}, ${JSON.stringify(input)}))))`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as Peak;
}

async function curlMemory(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-curl-in-'));
  const input = join(dir, 'command.sh');
  const command = bigCurl(CURL_BYTES);
  writeFileSync(input, command);
  const inputMiB = Buffer.byteLength(command) / 2 ** 20;
  const ours = runChild('import', input);
  const bare = runChild('bare', input);
  rmSync(dir, { recursive: true, force: true });
  const added = ours.maxRssMiB - ours.baseRssMiB;
  const bareAdded = bare.maxRssMiB - bare.baseRssMiB;
  const multiple = added / inputMiB;
  return {
    title: 'curl import memory',
    issue: 12,
    markdown: [
      `A curl command of ${fmt(inputMiB, 1)} MiB (a PATCH adding group members, as Chrome's "Copy as cURL" writes it: a body holding a \`'\` goes in ANSI-C quotes, \`$'…'\`, with \`\\'\`, \`\\\\\` and \`\\uXXXX\` escapes) imported into a new collection through \`ExchangeService.import\`, in a fresh Node process; peak resident memory (\`process.resourceUsage().maxRSS\`) over what the process held before reading the file. Bare: a process that reads the same file into a string and writes it out again.`,
      '',
      table(
        ['process', 'peak RSS MiB', 'added MiB', 'added ÷ input'],
        [
          ['SCIM Inspector curl import', fmt(ours.maxRssMiB, 0), fmt(added, 0), `${fmt(multiple, 1)}×`],
          ['bare read + write of the text', fmt(bare.maxRssMiB, 0), fmt(bareAdded, 0), `${fmt(bareAdded / inputMiB, 1)}×`],
        ],
      ),
      '',
      'Before issue 12: 354 MiB added for a 6.2 MiB command (53.8×), each character of a `$\'…\'` body becoming a string of its own; the issue measured 2.5 GB for 60 MB.',
    ].join('\n'),
    data: { inputMiB, ours, bare, multiple },
    targets: [{ name: 'curl import peak memory a small multiple of the input (under 8×)', met: multiple < 8, detail: `${fmt(added, 0)} MiB added for ${fmt(inputMiB, 0)} MiB: ${fmt(multiple, 1)}× (bare ${fmt(bareAdded / inputMiB, 1)}×)` }],
  };
}

export default async function run(): Promise<BenchSection[]> {
  // BENCH_IMPORTS=har or =curl runs one of the two
  const only = process.env.BENCH_IMPORTS;
  return [...(only !== 'curl' ? [await harImport()] : []), ...(only !== 'har' ? [await curlMemory()] : [])];
}
