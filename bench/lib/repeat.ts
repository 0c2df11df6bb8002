/**
 * Timing for CPU-bound comparisons on a shared machine: the cost of a run is the CPU time the process
 * spent on it (process.cpuUsage, all threads, so GC and JIT work count), not wall time, so runs of other
 * processes competing for the cores do not count against whichever library happened to be measured.
 */

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs `fn` once to warm up (unless `warm` is false), then repeatedly until `minMs` of wall time has passed (at least `minRuns` times); returns CPU ms per run. */
export function msPerRun(fn: () => void, minMs = 600, minRuns = 2, warm = true): number {
  if (warm) fn();
  let runs = 0;
  const start = performance.now();
  const cpuStart = cpuMs();
  while (runs < minRuns || performance.now() - start < minMs) {
    fn();
    runs++;
  }
  return (cpuMs() - cpuStart) / runs;
}

/**
 * Ops per CPU second of each entry: each warmed up first, then measured in alternating rounds (A B C,
 * B C A, …, rotating who goes first) reduced to the median.
 */
export function interleavedRates(entries: { fn: () => void; opsPerRun: number }[], rounds = 7, minMs = 250, minRuns = 2, warmMs = 500): number[] {
  const samples = entries.map(() => [] as number[]);
  // let the JIT settle on every entry before any round counts
  for (const e of entries) msPerRun(e.fn, warmMs, 1, true);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < entries.length; k++) {
      const i = (r + k) % entries.length;
      const e = entries[i]!;
      samples[i]!.push((e.opsPerRun * 1000) / msPerRun(e.fn, minMs, minRuns, false));
    }
  }
  return samples.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!);
}
