import { AppFailure } from '@shared/api/errors';
import { APP_VERSION } from '../../version';
import { EXIT, UsageError, type CliIo } from './command';
import { COMMANDS } from './commands';

const HELP = `Usage: scim-inspector <command> [options]

SCIM Inspector on the command line: the same checks and request engine as the app.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(14)}${c.summary}`).join('\n')}

Run "scim-inspector <command> --help" for its options.

  --version     print the version
  --help        show this help

Exit status: 0 done and nothing failed, 1 something failed, 2 it could not run.`;

/** Everything printed goes through `scrub`: a server that echoes the token cannot put it on a terminal or in a CI log. */
function processIo(scrub: { current: (text: string) => string }, interrupted: AbortSignal): CliIo {
  let statusShown = false;
  const clearStatus = () => {
    if (statusShown) process.stderr.write('\r\u001b[2K');
    statusShown = false;
  };
  return {
    out: (line) => {
      clearStatus();
      process.stdout.write(`${scrub.current(line)}\n`);
    },
    err: (line) => {
      clearStatus();
      process.stderr.write(`${scrub.current(line)}\n`);
    },
    isTTY: process.stderr.isTTY === true,
    status: (text) => {
      if (!process.stderr.isTTY) return;
      process.stderr.write(`\r\u001b[2K${scrub.current(text)}`);
      statusShown = text !== '';
    },
    env: process.env,
    scrubWith: (fn) => {
      scrub.current = fn;
    },
    interrupted,
  };
}

/** One line, no stack: what went wrong and, when known, what to do. */
function reason(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  if (error instanceof AppFailure) return `${error.error.message}${error.error.hint ? ` ${error.error.hint}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return name === undefined ? EXIT.cannotRun : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${APP_VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`scim-inspector: unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')} (see --help)\n`);
    return EXIT.cannotRun;
  }
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write('\nStopping: removing what the run created (Ctrl+C again to quit at once)…\n');
      controller.abort();
    } else {
      process.exit(EXIT.cannotRun);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // secrets are known only once the command has read them: it hands over the app's scrubber then
  const scrub = { current: (text: string) => text };
  const io = processIo(scrub, controller.signal);
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(`scim-inspector ${command.name}: ${reason(error).replace(/\s*\n\s*/g, ' ')}`);
    return EXIT.cannotRun;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
