import type { CliCommand } from './command';
import { conformanceCommand } from './conformance';
import { runCommand } from './run';
import { simulateCommand } from './simulate';

/** Every subcommand, in the order `--help` lists them (add yours in its own file, one line here). */
export const COMMANDS: readonly CliCommand[] = [conformanceCommand, simulateCommand, runCommand];
