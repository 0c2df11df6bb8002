import { z } from 'zod';
import { command } from '../command';
import { ExportedFile } from './exchange';
import { ConformanceOptions, ConformanceRun, ReportFormat, RunComparison, RunListItem } from '../../model/conformance';
import { HistoryDetail } from '../../model/history';
import { RedactionOptions } from '../../redact/options';

const runId = z.string().min(1).max(200);

/** One group of the catalogue with the number of checks implemented in it. */
export const CheckGroupInfo = z.object({ key: z.string(), label: z.string(), checks: z.number().int(), mutating: z.number().int() });
export type CheckGroupInfo = z.infer<typeof CheckGroupInfo>;

export const conformanceCommands = {
  /** the groups a run can be limited to, with how many checks each has */
  'conformance.groups': command(z.object({}), z.object({ groups: z.array(CheckGroupInfo), total: z.number().int() })),
  /**
   * runs the catalogue against an endpoint and keeps the run; answers when it is over (progress
   * arrives as `conformance.progress` events; pass `runId` to be able to cancel)
   */
  'conformance.run': command(ConformanceOptions.extend({ runId: runId.optional() }), ConformanceRun),
  /** stops a running run: checks in flight end as skipped, what it created is removed */
  'conformance.cancel': command(z.object({ runId }), z.object({ cancelled: z.boolean() })),
  /** kept runs, newest first */
  'conformance.list': command(
    z.object({ endpointId: z.string().optional(), limit: z.number().int().min(1).max(1000).default(100) }),
    z.object({ runs: z.array(RunListItem), running: z.array(z.string()) }),
  ),
  'conformance.get': command(z.object({ runId }), ConformanceRun),
  'conformance.delete': command(z.object({ runIds: z.array(runId).min(1).max(10_000) }), z.object({ deleted: z.number().int() })),
  /** `baseRunId` is the earlier run */
  'conformance.compare': command(z.object({ baseRunId: runId, headRunId: runId }), RunComparison),
  /** a report file of a kept run, through the one redactor with the export dialog's choices */
  'conformance.export': command(
    z.object({
      runId,
      format: ReportFormat,
      redaction: RedactionOptions.default(RedactionOptions.parse({})),
      /** characters of each body in the HTML and Markdown reports */
      bodyLimit: z.number().int().min(200).max(1_000_000).default(4000),
    }),
    ExportedFile,
  ),
  /** an exchange a check cites, as history keeps it (to open in the response inspector) */
  'conformance.exchange': command(z.object({ exchangeId: z.string().min(1).max(300) }), HistoryDetail),
};
