/** Fault knobs for exercising clients: all off by default. */
export interface FaultSettings {
  /** added before every answer */
  latencyMs: number;
  /** the next `count` requests get this status and an Error body */
  failNext: { status: number; count: number } | null;
  /** the next N requests have their connection dropped without an answer */
  dropNext: number;
}

export interface FaultChanges {
  latencyMs?: number;
  failNext?: { status: number; count: number } | null;
  dropNext?: number;
}

export type FaultDecision = { kind: 'none' } | { kind: 'drop' } | { kind: 'fail'; status: number };

export class Faults {
  private state: FaultSettings = { latencyMs: 0, failNext: null, dropNext: 0 };

  get settings(): FaultSettings {
    return { latencyMs: this.state.latencyMs, failNext: this.state.failNext ? { ...this.state.failNext } : null, dropNext: this.state.dropNext };
  }

  configure(changes: FaultChanges): void {
    if (changes.latencyMs !== undefined) this.state.latencyMs = Math.max(0, Math.floor(changes.latencyMs));
    if (changes.failNext !== undefined) this.state.failNext = changes.failNext && changes.failNext.count > 0 ? { ...changes.failNext } : null;
    if (changes.dropNext !== undefined) this.state.dropNext = Math.max(0, Math.floor(changes.dropNext));
  }

  get latencyMs(): number {
    return this.state.latencyMs;
  }

  /** Consumes one request's worth of the counters: a drop first, then a failure. */
  next(): FaultDecision {
    if (this.state.dropNext > 0) {
      this.state.dropNext--;
      return { kind: 'drop' };
    }
    const fail = this.state.failNext;
    if (fail) {
      fail.count--;
      if (fail.count <= 0) this.state.failNext = null;
      return { kind: 'fail', status: fail.status };
    }
    return { kind: 'none' };
  }
}
