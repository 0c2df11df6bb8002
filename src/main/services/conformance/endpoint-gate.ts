type Waiter = { kind: 'shared' | 'exclusive'; start: () => void };

/**
 * The requests conformance runs have in flight against one endpoint: at most `limit` shared ones
 * at a time (the smallest limit of the runs using the endpoint), and an exclusive holder alone: it
 * waits for the requests in flight to end and, while it holds the gate, nothing else starts. Waiters
 * are served in order, so an exclusive check is not starved by a stream of shared requests.
 */
export class EndpointGate {
  private inFlight = 0;
  private exclusiveHeld = false;
  private readonly waiting: Waiter[] = [];
  private readonly limits: number[] = [];

  /** A run starts using the endpoint with its own limit; `release` when it is over. */
  join(limit: number): () => void {
    this.limits.push(limit);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.limits.splice(this.limits.indexOf(limit), 1);
      this.pump();
    };
  }

  get users(): number {
    return this.limits.length;
  }

  /** Requests in flight now (tests and the bench read it). */
  get active(): number {
    return this.inFlight;
  }

  private get limit(): number {
    let least = this.limits[0] ?? 1;
    for (const limit of this.limits) if (limit < least) least = limit;
    return least;
  }

  /** One request, within the limit. */
  shared<T>(task: () => Promise<T>): Promise<T> {
    // a free slot and nobody waiting: straight through, without a place in the queue
    if (this.waiting.length === 0 && !this.exclusiveHeld && this.inFlight < this.limit) return this.runShared(task);
    return this.enqueue('shared', task);
  }

  private async runShared<T>(task: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await task();
    } finally {
      this.inFlight--;
      this.pump();
    }
  }

  /** Everything `task` does happens alone against the endpoint (its own requests go straight through). */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.enqueue('exclusive', task);
  }

  private async enqueue<T>(kind: Waiter['kind'], task: () => Promise<T>): Promise<T> {
    // `pump` counts the request in (or marks the gate held) before it lets it start
    await new Promise<void>((start) => {
      this.waiting.push({ kind, start });
      this.pump();
    });
    try {
      return await task();
    } finally {
      if (kind === 'exclusive') this.exclusiveHeld = false;
      else this.inFlight--;
      this.pump();
    }
  }

  private pump(): void {
    for (;;) {
      const next = this.waiting[0];
      if (!next || this.exclusiveHeld) return;
      if (next.kind === 'exclusive') {
        if (this.inFlight > 0) return;
        this.exclusiveHeld = true;
      } else {
        if (this.inFlight >= this.limit) return;
        this.inFlight++;
      }
      this.waiting.shift();
      next.start();
    }
  }
}

/** One gate per endpoint, kept while a run uses it. */
export class EndpointGates {
  private readonly gates = new Map<string, EndpointGate>();

  acquire(endpointId: string, limit: number): { gate: EndpointGate; release: () => void } {
    let gate = this.gates.get(endpointId);
    if (!gate) this.gates.set(endpointId, (gate = new EndpointGate()));
    const leave = gate.join(limit);
    const owned = gate;
    return {
      gate: owned,
      release: () => {
        leave();
        if (owned.users === 0 && this.gates.get(endpointId) === owned) this.gates.delete(endpointId);
      },
    };
  }

  get(endpointId: string): EndpointGate | undefined {
    return this.gates.get(endpointId);
  }
}
