import type { RunStats } from '@shared/idp';

/** One request as the report counts it. */
export interface Sample {
  /** ms since the run started, when the request was sent */
  startMs: number;
  latencyMs: number;
  status: number | undefined;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Latency percentiles, errors, achieved rate and a per-second series (for the chart) of a run's requests. */
export function runStats(samples: readonly Sample[], durationMs: number, targetRate: number, retries: number): RunStats {
  const latencies = samples.map((s) => s.latencyMs).sort((a, b) => a - b);
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  for (const s of samples) {
    const key = s.status === undefined ? 'no answer' : String(s.status);
    statusCounts[key] = (statusCounts[key] ?? 0) + 1;
    if (s.status === undefined || s.status < 200 || s.status >= 300) errors++;
  }
  const starts = samples.map((s) => s.startMs).sort((a, b) => a - b);
  const span = starts.length > 1 ? starts.at(-1)! - starts[0]! : 0;
  const achievedRate = span > 0 ? ((starts.length - 1) * 1000) / span : 0;
  const buckets = new Map<number, Sample[]>();
  for (const s of samples) {
    const second = Math.floor(s.startMs / 1000);
    const list = buckets.get(second) ?? [];
    list.push(s);
    buckets.set(second, list);
  }
  const last = starts.length ? Math.floor(starts.at(-1)! / 1000) : -1;
  const series = [];
  for (let second = 0; second <= last; second++) {
    const list = buckets.get(second) ?? [];
    const sorted = list.map((s) => s.latencyMs).sort((a, b) => a - b);
    series.push({
      second,
      requests: list.length,
      errors: list.filter((s) => s.status === undefined || s.status < 200 || s.status >= 300).length,
      p50: round(percentile(sorted, 50)),
      max: round(sorted.at(-1) ?? 0),
    });
  }
  return {
    requests: samples.length,
    errors,
    retries,
    statusCounts,
    latency: {
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? 0),
      mean: round(latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : 0),
    },
    durationMs: round(durationMs),
    achievedRate: round(achievedRate),
    targetRate,
    series,
  };
}
