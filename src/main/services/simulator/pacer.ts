/** Resolves after `ms`, or rejects with an AbortError when `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortError(): Error {
  return Object.assign(new Error('The run was cancelled'), { name: 'AbortError' });
}

/**
 * Spaces request starts `1000 / rate` ms apart on one schedule shared by every worker, so a run keeps
 * the rate an IdP keeps (Entra's gallery asks servers to take 25 requests/s). Slots are absolute, so a
 * late timer does not push every later request back. Rate 0: no pacing.
 */
export class Pacer {
  private next = 0;

  constructor(private readonly rate: number) {}

  /** false when the run sends as fast as the server answers */
  get paced(): boolean {
    return this.rate > 0;
  }

  async take(signal?: AbortSignal): Promise<void> {
    if (!(this.rate > 0)) return;
    const now = performance.now();
    const slot = Math.max(now, this.next);
    this.next = slot + 1000 / this.rate;
    if (slot > now) await sleep(slot - now, signal);
  }
}
