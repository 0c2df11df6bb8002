import { Pool } from 'undici';

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  latencies: number[];
  /** status code → count */
  statuses: Record<number, number>;
}

export interface LoadOptions {
  concurrency: number;
  /** keep going at least this long… */
  durationMs: number;
  /** …and until at least this many requests completed (slow servers) */
  minRequests: number;
}

/**
 * Closed-loop load: `concurrency` clients on keep-alive connections, each sending its next request as
 * soon as the previous answer is fully read. Requests per second and each request's latency.
 */
export async function runLoad(origin: string, headers: Record<string, string>, nextPath: (i: number) => string, options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: options.concurrency, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let issued = 0;
  const started = performance.now();
  const more = () => performance.now() - started < options.durationMs || issued < options.minRequests;
  const worker = async () => {
    while (more()) {
      const i = issued++;
      const t0 = performance.now();
      const res = await pool.request({ origin, path: nextPath(i), method: 'GET', headers });
      await res.body.text();
      latencies.push(performance.now() - t0);
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { requests: latencies.length, seconds, rps: latencies.length / seconds, latencies, statuses };
}

/**
 * One client, one request at a time: the round-trip latency of each of `count` requests, and the time
 * the server says it spent (its Server-Timing header), when it says so.
 */
export async function sequential(origin: string, headers: Record<string, string>, nextPath: (i: number) => string, count: number, warmup = 100): Promise<{ roundTrip: number[]; server: number[] }> {
  const pool = new Pool(origin, { connections: 1 });
  const roundTrip: number[] = [];
  const server: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const t0 = performance.now();
    const res = await pool.request({ origin, path: nextPath(i), method: 'GET', headers });
    await res.body.text();
    if (i < warmup) continue;
    roundTrip.push(performance.now() - t0);
    const timing = /dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
    if (timing) server.push(Number(timing[1]));
  }
  await pool.close();
  return { roundTrip, server };
}

export async function getJson(origin: string, path: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
  const res = await fetch(`${origin}${path}`, { headers });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}
