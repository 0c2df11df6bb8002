import type { ExchangeRecord } from '@shared/redact/exchanges';

/** What an export says about where it came from (no secrets, no personal data). */
export interface ExportEnvironment {
  app: { name: string; version: string };
  host: string;
  platform: string;
  runtime: string;
}

export interface EnvironmentSummary {
  exportedAt: string;
  app: string;
  host: string;
  platform: string;
  runtime: string;
  count: number;
  firstStartedAt?: string;
  lastStartedAt?: string;
  /** endpoint name → the origins its requests went to */
  endpoints: { name: string; origins: string[] }[];
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url.split('?')[0]!;
  }
}

/** Built from records that went through the redactor already. */
export function summarize(records: readonly ExchangeRecord[], env: ExportEnvironment, now = new Date()): EnvironmentSummary {
  const times = records.map((r) => r.exchange.startedAt).sort();
  const endpoints = new Map<string, Set<string>>();
  for (const { exchange } of records) {
    const name = exchange.endpointName ?? exchange.endpointId ?? '(no endpoint)';
    if (!endpoints.has(name)) endpoints.set(name, new Set());
    endpoints.get(name)!.add(originOf(exchange.request.url));
  }
  return {
    exportedAt: now.toISOString(),
    app: `${env.app.name} ${env.app.version}`,
    host: env.host,
    platform: env.platform,
    runtime: env.runtime,
    count: records.length,
    ...(times.length ? { firstStartedAt: times[0], lastStartedAt: times[times.length - 1] } : {}),
    endpoints: [...endpoints].map(([name, origins]) => ({ name, origins: [...origins].sort() })),
  };
}
