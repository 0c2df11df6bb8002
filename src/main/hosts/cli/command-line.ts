import { parseArgs, type ParseArgsConfig } from 'node:util';
import { writeFileAtomic } from '../../services/storage/atomic-write';
import { UsageError, type CliIo } from './command';

/** `parseArgs`, with a mistake on the command line reported as a usage error (one line, exit 2). */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Writes a report whole (or not at all) and says so; a file that cannot be written is a usage error. */
export async function writeReportFile(io: CliIo, file: string, format: string, content: string): Promise<void> {
  try {
    await writeFileAtomic(file, content, 0o644);
  } catch (error) {
    throw new UsageError(`Could not write the ${format} report to ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  io.out(`Wrote ${file}`);
}
