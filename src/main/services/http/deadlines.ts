/** A phase limit of one request in flight. */
export interface Deadline {
  /** (re)starts the limit for a phase: `onExpire` runs unless `clear` or another `start` comes first */
  start(phase: 'headers' | 'body', afterMs: number): void;
  clear(): void;
}

interface Entry {
  at: number;
  phase: 'headers' | 'body';
  afterMs: number;
}

/**
 * One coarse ticker for every request in flight instead of a timer per request and phase: arming a
 * limit is a field write on the hot path. A limit fires up to `tickMs` late, which is fine for
 * timeouts counted in seconds. The ticker runs only while something is armed.
 */
export class Deadlines {
  private readonly armed = new Map<Entry, (phase: 'headers' | 'body', afterMs: number) => void>();
  private ticker: NodeJS.Timeout | undefined;

  constructor(private readonly tickMs = 20) {}

  create(onExpire: (phase: 'headers' | 'body', afterMs: number) => void): Deadline {
    const entry: Entry = { at: 0, phase: 'headers', afterMs: 0 };
    return {
      start: (phase, afterMs) => {
        entry.phase = phase;
        entry.afterMs = afterMs;
        entry.at = performance.now() + afterMs;
        this.armed.set(entry, onExpire);
        this.ticker ??= setInterval(() => this.tick(), this.tickMs).unref();
      },
      clear: () => {
        this.armed.delete(entry);
      },
    };
  }

  private tick(): void {
    const now = performance.now();
    for (const [entry, onExpire] of this.armed) {
      if (entry.at > now) continue;
      this.armed.delete(entry);
      onExpire(entry.phase, entry.afterMs);
    }
    if (this.armed.size === 0 && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }
}
