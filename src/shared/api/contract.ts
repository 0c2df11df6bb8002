import type { z } from 'zod';
import type { CommandSpec } from './command';
import { appCommands } from './commands/app';
import { discoveryCommands } from './commands/discovery';
import { endpointsCommands } from './commands/endpoints';
import { httpCommands } from './commands/http';
import { sandboxCommands } from './commands/sandbox';
import { collectionsCommands } from './commands/collections';
import { conformanceCommands } from './commands/conformance';
import { exchangeCommands } from './commands/exchange';
import { historyCommands } from './commands/history';
import { settingsCommands } from './commands/settings';
import { vaultCommands } from './commands/vault';
import { workspaceCommands } from './commands/workspace';

/**
 * Every command the renderer can send to main: name -> request and response schemas.
 * Each feature keeps its commands in `commands/<feature>.ts` and is spread in here.
 */
export const contract = {
  ...appCommands,
  ...settingsCommands,
  ...endpointsCommands,
  ...vaultCommands,
  ...httpCommands,
  ...discoveryCommands,
  ...workspaceCommands,
  ...sandboxCommands,
  ...historyCommands,
  ...collectionsCommands,
  ...exchangeCommands,
  ...conformanceCommands,
} satisfies Record<string, CommandSpec>;

export type Contract = typeof contract;
export type CommandName = keyof Contract;
/** What the caller passes (defaults not yet applied). */
export type RequestInput<K extends CommandName> = z.input<Contract[K]['request']>;
/** What the handler receives (after validation and defaults). */
export type RequestOf<K extends CommandName> = z.output<Contract[K]['request']>;
export type ResponseOf<K extends CommandName> = z.output<Contract[K]['response']>;

export const commandNames = Object.keys(contract) as CommandName[];

export function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
