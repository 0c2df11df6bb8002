// A web host process with the last net in place, hit by an exception and a rejection nobody catches
// (as a bug outside the request handling would throw them); it must log both and go on serving.
// argv: data directory, a secret the error messages carry (the log must not).
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { compose } from '../../../../../../src/main/compose';
import { keepServingOnUncaught } from '../../../../../../src/main/hosts/web/last-net';
import { startWebHost } from '../../../../../../src/main/hosts/web/server';

const [dataDir, secret] = process.argv.slice(2) as [string, string];
const staticDir = join(dataDir, 'renderer');
mkdirSync(staticDir, { recursive: true });
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>SCIM Inspector</title>');
const core = await compose({ host: 'web', dataDir, sandbox: false } as Parameters<typeof compose>[0]);
core.scrubber.add(secret);
keepServingOnUncaught(core.log);
const host = await startWebHost({ core, staticDir });

setTimeout(() => {
  throw new Error(`a bug outside any request, holding ${secret}`);
}, 10);
void Promise.reject(new Error(`a rejection nobody awaited, holding ${secret}`));
await new Promise((resolve) => setTimeout(resolve, 100));

const status = await new Promise<number>((resolve, reject) => {
  const req = request({ host: '127.0.0.1', port: host.port, path: `/?token=${host.token}`, headers: { host: `127.0.0.1:${host.port}` } }, (res) => {
    res.resume();
    resolve(res.statusCode ?? 0);
  });
  req.on('error', reject);
  req.end();
});
await host.close();
await core.dispose();
process.stdout.write(`${JSON.stringify({ status })}\n`);
