import { parseArgs } from 'node:util';
import { exitWith, integerOption } from '../../cli-options';
import { dataPaths, resolveDataDir } from '../storage/data-dir';
import { DEFECTS, isDefectName } from './defects';
import { DEFAULT_SEED_USERS } from './seed';
import { startSandbox } from './sandbox';

const HELP = `Usage: npm run sandbox -- [options]

Runs the embedded SCIM 2.0 sandbox server on 127.0.0.1 until stopped (Ctrl+C).
Prints one line: the base URL and the bearer token.

  --port N         listen on 127.0.0.1:N (default: a free port)
  --token T        accept this bearer token (default: a random one for this start)
  --read-only-token T
                   also accept this bearer token for reads only (anything else answers 403)
  --users N        seed N demo users (default ${DEFAULT_SEED_USERS}; 0 starts empty; with --persist,
                   only when nothing is saved yet)
  --persist        keep the data between runs in <data dir>/sandbox/store.json
  --data-dir DIR   the data directory for --persist
                   (default: $SCIM_INSPECTOR_DATA_DIR, else the platform's app data folder)
  --lenient        accept Entra ID's default PATCH and filter shapes (reported in a response header)
  --defect NAME    plant a defect (repeatable), to see a conformance check catch it:
${Object.entries(DEFECTS).map(([name, what]) => `                     ${name}: ${what}`).join('\n')}
  --help           show this help`;

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string' },
        token: { type: 'string' },
        'read-only-token': { type: 'string' },
        users: { type: 'string' },
        persist: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        lenient: { type: 'boolean', default: false },
        defect: { type: 'string', multiple: true, default: [] },
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
  const port = integerOption('port', args.port, 0, 65535);
  const users = integerOption('users', args.users, 0, 10_000_000);
  if (args.token !== undefined && args.token.length < 4) exitWith('--token must be at least 4 characters');
  if (args['read-only-token'] !== undefined && args['read-only-token'].length < 4) exitWith('--read-only-token must be at least 4 characters');
  if (args['read-only-token'] !== undefined && args['read-only-token'] === args.token) exitWith('--read-only-token must differ from --token');
  if (args['data-dir'] !== undefined && !args.persist) exitWith('--data-dir only applies with --persist');
  const unknown = args.defect.filter((name) => !isDefectName(name));
  if (unknown.length > 0) exitWith(`Unknown --defect ${unknown.join(', ')}; known: ${Object.keys(DEFECTS).join(', ')}`);
  const persistDir = args.persist ? dataPaths(resolveDataDir({ flag: args['data-dir'] })).sandbox : undefined;

  let sandbox;
  try {
    sandbox = await startSandbox({
      ...(port !== undefined ? { port } : {}),
      ...(users !== undefined ? { users } : {}),
      ...(args.token ? { token: args.token } : {}),
      ...(args['read-only-token'] ? { readOnlyToken: args['read-only-token'] } : {}),
      ...(persistDir ? { persistDir } : {}),
      lenient: args.lenient,
      defects: args.defect.filter(isDefectName),
      log: (message, fields) => process.stderr.write(`${message} ${JSON.stringify(fields)}\n`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    exitWith(code === 'EADDRINUSE' ? `Port ${port} is already in use on 127.0.0.1: pick another with --port, or leave it out for a free one.` : `Could not start the sandbox: ${String(error)}`, 1);
  }
  if (sandbox.notice) process.stderr.write(`${sandbox.notice}\n`);
  process.stdout.write(`SCIM sandbox: ${sandbox.baseUrl} token ${sandbox.token}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
