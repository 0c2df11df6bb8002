import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { scrubStrings } from '@shared/redact/scrub-value';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  close(): Promise<void>;
}

export interface FileLoggerOptions {
  dir: string;
  scrubber: SecretScrubber;
  /** also echo warnings and errors to stderr */
  echo?: boolean;
  file?: string;
}

/** JSON lines in `<dataDir>/logs/app.log`; every line goes through the secret scrubber first. */
export function createFileLogger(options: FileLoggerOptions): Logger {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const stream: WriteStream = createWriteStream(join(options.dir, options.file ?? 'app.log'), { flags: 'a', mode: 0o600 });
  stream.on('error', () => {
    // logging must never bring the app down
  });
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify(scrubStrings({ time: new Date().toISOString(), level, message, ...fields }, (text) => options.scrubber.scrub(text)));
    stream.write(`${line}\n`);
    if (options.echo && (level === 'warn' || level === 'error')) process.stderr.write(`${line}\n`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    close: () => new Promise((resolve) => stream.end(resolve)),
  };
}

/** For tests and tools that want no log file. */
export function createMemoryLogger(scrubber?: SecretScrubber): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    const entry = { level, message, ...fields };
    lines.push(JSON.stringify(scrubber ? scrubStrings(entry, (text) => scrubber.scrub(text)) : entry));
  };
  return {
    lines,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    close: async () => {},
  };
}
