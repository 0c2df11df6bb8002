/** Exit codes every `scim-inspector` command keeps. */
export const EXIT = {
  /** it ran and nothing failed */
  ok: 0,
  /** it ran and at least one check (step, assertion) failed */
  failed: 1,
  /** it could not run: bad usage, the server cannot be reached, the credentials are refused */
  cannotRun: 2,
} as const;

/** A mistake on the command line: one line on stderr, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Where a command writes, and what it may read of its environment. */
export interface CliIo {
  /** results (summary lines) */
  out(line: string): void;
  /** progress and problems */
  err(line: string): void;
  /** the progress stream is a terminal: one updating line instead of a line per step */
  isTTY: boolean;
  /** redraws the updating progress line (TTY only) */
  status(text: string): void;
  env: NodeJS.ProcessEnv;
  /** from now on every line printed goes through `scrub` (the app's scrubber, once it knows the secrets) */
  scrubWith(scrub: (text: string) => string): void;
  /** aborted on Ctrl+C (SIGINT) or SIGTERM */
  interrupted: AbortSignal;
}

/**
 * One subcommand of `scim-inspector`. Each lives in its own file in this folder and is listed in
 * `commands.ts`; it parses its own arguments and returns the exit code.
 */
export interface CliCommand {
  name: string;
  /** one line for `scim-inspector --help` */
  summary: string;
  /** the full `scim-inspector <name> --help` text */
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}
