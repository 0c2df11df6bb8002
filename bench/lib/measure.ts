/** Small, dependency-free measuring helpers shared by every benchmark. */

export interface Throughput {
  opsPerSecond: number;
  iterations: number;
  ms: number;
}

/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and reports operations per second. */
export function throughput(fn: () => void, opsPerCall = 1, ms = 1000): Throughput {
  const warmUntil = performance.now() + Math.min(200, ms / 4);
  while (performance.now() < warmUntil) fn();
  let iterations = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 16; i++) fn();
    iterations += 16;
    now = performance.now();
  }
  const elapsed = now - start;
  return { opsPerSecond: (iterations * opsPerCall * 1000) / elapsed, iterations: iterations * opsPerCall, ms: elapsed };
}

export async function throughputAsync(fn: () => Promise<void>, ms = 1000): Promise<Throughput> {
  const warmUntil = performance.now() + Math.min(200, ms / 4);
  while (performance.now() < warmUntil) await fn();
  let iterations = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    await fn();
    iterations++;
  }
  const elapsed = performance.now() - start;
  return { opsPerSecond: (iterations * 1000) / elapsed, iterations, ms: elapsed };
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (samples: number[]): number => percentile(samples, 50);

/** Latency of each of `count` sequential calls, in milliseconds. */
export async function latencies(fn: () => Promise<unknown>, count: number, warmup = Math.min(50, count)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

export function rssMiB(): number {
  return process.memoryUsage().rss / (1024 * 1024);
}

export const fmt = (n: number, digits = 2): string =>
  Number.isFinite(n) ? (Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : n.toFixed(digits)) : String(n);

/** A markdown table from a header row and rows. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
