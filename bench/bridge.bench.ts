import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from '../src/main/compose';
import { startWebHost } from '../src/main/hosts/web/server';
import { fmt, latencies, median, percentile, table } from './lib/measure';
import type { BenchSection } from './lib/section';

/** The web bridge's cost per call: POST /api/app.info versus a bare node:http server answering the same JSON. */
export default async function run(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bridge-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
  const core = await compose({ host: 'web', dataDir: join(dir, 'data') });
  const host = await startWebHost({ core, staticDir });
  const answer = JSON.stringify({ ok: true, value: core.info() });
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const barePort = (bare.address() as AddressInfo).port;

  const post = (url: string, headers: Record<string, string>) => async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    await res.text();
  };
  const count = 2000;
  // only the session cookie authorizes /api: get it as a browser does, by opening the printed URL
  const trade = await fetch(host.url, { redirect: 'manual' });
  const cookie = (trade.headers.get('set-cookie') ?? '').split(';')[0]!;
  const ours = await latencies(post(`http://127.0.0.1:${host.port}/api/app.info`, { cookie }), count);
  const peer = await latencies(post(`http://127.0.0.1:${barePort}/`, {}), count);

  await host.close();
  await core.dispose();
  await new Promise((r) => bare.close(r));
  rmSync(dir, { recursive: true, force: true });

  const ratio = median(ours) / median(peer);
  const added = median(ours) - median(peer);
  return {
    title: 'Web bridge round trip',
    issue: 2,
    markdown: [
      `${count} sequential \`POST /api/app.info\` calls with the token, against a bare \`node:http\` server answering the same JSON (the floor any bridge can reach).`,
      '',
      table(
        ['server', 'median ms', 'p95 ms', 'p99 ms'],
        [
          ['SCIM Inspector web bridge (access checks, router, zod validation)', fmt(median(ours), 3), fmt(percentile(ours, 95), 3), fmt(percentile(ours, 99), 3)],
          ['bare node:http', fmt(median(peer), 3), fmt(percentile(peer, 95), 3), fmt(percentile(peer, 99), 3)],
        ],
      ),
      '',
      `Ratio (median): **${fmt(ratio)}×**; added per call: ${fmt(added, 3)} ms.`,
    ].join('\n'),
    data: { count, ours: { median: median(ours), p95: percentile(ours, 95) }, bare: { median: median(peer), p95: percentile(peer, 95) }, ratio },
    targets: [{ name: 'bridge adds under 1 ms per call', met: added < 1, detail: `${fmt(added, 3)} ms added, ${fmt(ratio)}× bare` }],
  };
}
