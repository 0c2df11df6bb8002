import type { CheckGroupInfo } from '@shared/api/commands/conformance';
import { compareRuns } from '@shared/conformance/compare';
import { buildReport, prepareReport } from '@shared/conformance/reports';
import type { ConformanceRun, ReportFormat, RunComparison, RunListItem } from '@shared/model/conformance';
import type { ExchangeRecord } from '@shared/redact/exchanges';
import type { RedactionOptions } from '@shared/redact/options';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import { CATALOGUE, GROUP_LABELS, type CheckGroup } from '@shared/scim/checks/catalogue-data';
import type { CheckDefinition } from '@shared/scim/checks/types';
import type { HistoryStore, StoredEntry } from '../history/history-store';
import type { ConformanceProgress, ConformanceRunner, RunHooks, RunRequest } from './runner';
import type { RunStore } from './run-store';

export interface ConformanceServiceOptions {
  runner: ConformanceRunner;
  store: RunStore;
  history: Pick<HistoryStore, 'findByExchangeId'>;
  scrubber: SecretScrubber;
  checks: readonly CheckDefinition[];
  /** more credential header names for reports (the endpoints' API-key headers) */
  secretHeaders?: () => string[] | Promise<string[]>;
  /** every run's progress, secrets already replaced (the app's event bus) */
  onProgress?: (progress: ConformanceProgress) => void;
  now?: () => Date;
}

export interface ReportRequest {
  format: ReportFormat;
  redaction: RedactionOptions;
  /** characters of each body in the HTML and Markdown reports */
  bodyLimit: number;
}

/**
 * The conformance feature as the hosts see it: runs (with progress and cancel) kept in SQLite,
 * compared, and exported as reports through the one redactor. Nothing it returns or emits holds a
 * known secret: results may quote the server's answers, so every run is scrubbed before it is kept.
 */
export class ConformanceService {
  constructor(private readonly options: ConformanceServiceOptions) {}

  groups(): { groups: CheckGroupInfo[]; total: number } {
    const byId = new Map(CATALOGUE.map((e) => [e.id, e.group]));
    const counts = new Map<CheckGroup, { checks: number; mutating: number }>();
    for (const check of this.options.checks) {
      const group = byId.get(check.id);
      if (!group) continue;
      const count = counts.get(group) ?? { checks: 0, mutating: 0 };
      count.checks++;
      if (check.run && check.mutates) count.mutating++;
      counts.set(group, count);
    }
    const groups = (Object.keys(GROUP_LABELS) as CheckGroup[]).map((key) => ({ key, label: GROUP_LABELS[key], checks: counts.get(key)?.checks ?? 0, mutating: counts.get(key)?.mutating ?? 0 }));
    return { groups, total: this.options.checks.length };
  }

  /** Runs the catalogue, keeps the run and returns it (secrets replaced). */
  async run(request: RunRequest, hooks: RunHooks = {}): Promise<ConformanceRun> {
    const raw = await this.options.runner.run(request, {
      onProgress: (progress) => {
        const clean = this.scrub(progress);
        this.options.onProgress?.(clean);
        hooks.onProgress?.(clean);
      },
    });
    const run = this.scrub(raw);
    this.options.store.save(run);
    return run;
  }

  cancel(runId: string): boolean {
    return this.options.runner.cancel(runId);
  }

  running(): string[] {
    return this.options.runner.running();
  }

  list(query: { endpointId?: string | undefined; limit: number }): RunListItem[] {
    return this.options.store.list(query);
  }

  get(runId: string): ConformanceRun {
    return this.options.store.get(runId);
  }

  delete(runIds: readonly string[]): number {
    return this.options.store.delete(runIds);
  }

  compare(baseRunId: string, headRunId: string): RunComparison {
    return compareRuns(this.get(baseRunId), this.get(headRunId));
  }

  /** A report file of a kept run: its exchanges from history, everything through one redactor. */
  async report(runId: string, request: ReportRequest): Promise<{ fileName: string; mimeType: string; content: string }> {
    const run = this.get(runId);
    const secretHeaders = [...request.redaction.secretHeaders, ...((await this.options.secretHeaders?.()) ?? [])];
    const input = prepareReport(run, this.records(run), this.options.scrubber, {
      redaction: { personalData: request.redaction.personalData, secretHeaders },
      bodyLimit: request.bodyLimit,
      generatedAt: (this.options.now?.() ?? new Date()).toISOString(),
    });
    const file = buildReport(request.format, input);
    // the last line of defence: nothing known to be secret leaves, whatever path it took
    return { ...file, content: this.options.scrubber.scrub(file.content) };
  }

  /** An exchange a check cites, as history keeps it. */
  exchange(exchangeId: string): StoredEntry | undefined {
    return this.options.history.findByExchangeId(exchangeId);
  }

  private records(run: ConformanceRun): ExchangeRecord[] {
    const ids = [...new Set(run.checks.flatMap((c) => c.exchanges))];
    const records: ExchangeRecord[] = [];
    for (const id of ids) {
      const stored = this.options.history.findByExchangeId(id);
      if (stored) records.push({ exchange: stored.exchange, requestBody: stored.requestBody, responseBody: stored.responseBody });
    }
    return records;
  }

  private scrub<T>(value: T): T {
    const json = JSON.stringify(value);
    const clean = this.options.scrubber.scrub(json);
    return clean === json ? value : (JSON.parse(clean) as T);
  }
}
