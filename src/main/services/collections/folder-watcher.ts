import { watch, type FSWatcher } from 'node:fs';

/** Temporary files of atomic writes (`.name.hex.tmp`): their rename brings the event that matters. */
const TEMP_FILE = /(^|[\\/])\.[^\\/]*\.tmp$/;

/**
 * Watches collection folders (recursively) and calls `onChange(key)` once a burst of changes
 * settles: a `git pull` that touches 200 files is one call.
 */
export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly onChange: (key: string) => void,
    private readonly debounceMs: number,
    private readonly onError: (folder: string, error: unknown) => void,
  ) {}

  watch(key: string, folder: string): void {
    if (this.watchers.has(key)) return;
    try {
      const watcher = watch(folder, { recursive: true }, (_event, name) => {
        if (name && TEMP_FILE.test(name)) return;
        clearTimeout(this.timers.get(key));
        this.timers.set(
          key,
          setTimeout(() => {
            this.timers.delete(key);
            this.onChange(key);
          }, this.debounceMs),
        );
      });
      // the folder went away: stop watching; the next read reports it
      watcher.on('error', () => this.unwatch(key));
      this.watchers.set(key, watcher);
    } catch (error) {
      this.onError(folder, error);
    }
  }

  unwatch(key: string): void {
    this.watchers.get(key)?.close();
    this.watchers.delete(key);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  close(): void {
    for (const key of [...this.watchers.keys()]) this.unwatch(key);
  }
}
