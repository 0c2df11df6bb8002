import { readFile, rename } from 'node:fs/promises';
import { writeFileAtomic } from '../storage/atomic-write';

export interface LoadResult<T> {
  data: T | undefined;
  /** set when a file existed but could not be used (it is moved aside, never deleted) */
  notice?: string;
}

/** Reads a snapshot; a damaged one is renamed to `<file>.damaged-<time>` and reported. */
export async function loadSnapshot<T>(file: string, check: (value: unknown) => T): Promise<LoadResult<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { data: undefined };
    throw error;
  }
  try {
    return { data: check(JSON.parse(text)) };
  } catch (error) {
    return { data: undefined, notice: await setAside(file, error) };
  }
}

/** Moves a data file that cannot be used to `<file>.damaged-<time>` (never deletes it); says so. */
export async function setAside(file: string, error: unknown): Promise<string> {
  const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, aside);
  return `The sandbox data file could not be read (${error instanceof Error ? error.message : String(error)}); it was moved to ${aside} and the sandbox starts from the seed.`;
}

/**
 * Writes snapshots after changes, coalesced: at most one write in flight and one queued, each
 * atomic (temp file + rename), so a crash leaves the previous or the next state, never half.
 */
export class SnapshotWriter {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => string,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly delayMs = 100,
  ) {}

  schedule(): void {
    this.dirty = true;
    if (this.timer || this.writing) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, this.delayMs);
  }

  /** Writes now if anything changed, and waits for every write to finish. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.dirty) await this.write();
  }

  private async write(): Promise<void> {
    if (this.writing) return this.writing;
    this.dirty = false;
    this.writing = writeFileAtomic(this.file, this.snapshot())
      .catch((error: unknown) => {
        // the next change tries again; retrying in a loop would only repeat the error
        this.onError(error);
      })
      .finally(() => {
        this.writing = undefined;
        if (this.dirty) this.schedule();
      });
    return this.writing;
  }
}
