import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exitWith, integerOption } from '../../cli-options';
import { compose } from '../../compose';
import { resolveDataDir } from '../../services/storage/data-dir';
import { keepServingOnUncaught } from './last-net';
import { startWebHost } from './server';

const HELP = `Usage: npm run web -- [options]

  --port N         listen on 127.0.0.1:N (default: a free port)
  --data-dir DIR   where settings, endpoints, history and logs live
                   (default: $SCIM_INSPECTOR_DATA_DIR, else the platform's app data folder)
  --token T        use this access token instead of a random one
  --sandbox-users N  seed the built-in Sandbox with N demo users (default 100)
  --open           open the URL in the default browser
  --help           show this help`;

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`Could not open a browser (${command}); open the URL above yourself.\n`));
  child.unref();
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        token: { type: 'string' },
        'sandbox-users': { type: 'string' },
        open: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    exitWith(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const port = integerOption('port', args.port, 0, 65535) ?? 0;
  const sandboxUsers = integerOption('sandbox-users', args['sandbox-users'], 0, 1_000_000);
  const here = dirname(fileURLToPath(import.meta.url));
  const staticDir = join(here, '..', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    exitWith(`The renderer is not built (${staticDir}): run \`npm run build\`, or use \`npm run web\`, which builds it.`, 1);
  }
  const core = await compose({ host: 'web', dataDir: resolveDataDir({ flag: args['data-dir'] }), echoLog: true, ...(sandboxUsers !== undefined ? { sandbox: { users: sandboxUsers } } : {}) });
  keepServingOnUncaught(core.log);
  let host;
  try {
    host = await startWebHost({ core, staticDir, port, ...(args.token ? { token: args.token } : {}) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(code === 'EADDRINUSE' ? `Port ${port} is already in use on 127.0.0.1: pick another with --port, or leave it out for a free one.\n` : `Could not start the web host: ${String(error)}\n`);
    await core.dispose();
    process.exit(1);
  }
  process.stdout.write(`SCIM Inspector: ${host.url}\n`);
  if (args.open) openBrowser(host.url);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
