import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { ConformanceProfile, type ConformanceRun, type ReportFormat } from '@shared/model/conformance';
import { OFFERED_PERSONAL_DATA_PATHS } from '@shared/redact/attribute-paths';
import { RedactionOptions } from '@shared/redact/options';
import { unknownSelectors } from '@shared/scim/checks/plan';
import { parseCommandLine, writeReportFile } from './command-line';
import { EXIT, UsageError, type CliCommand, type CliIo } from './command';
import { progressReporter } from './progress';
import { limitedEndpoint, openTarget, TARGET_HELP, TARGET_OPTIONS } from './target';

const REPORT_OPTIONS: Record<string, ReportFormat> = { json: 'json', junit: 'junit', html: 'html', markdown: 'markdown' };

const HELP = `Usage: scim-inspector conformance --url URL [--bearer-env NAME | --basic-env NAME] [options]
       scim-inspector conformance --endpoint NAME [options]

Runs the conformance checks (RFC 7643, RFC 7644, RFC 9865) against a SCIM server, removes what it
created, and writes the reports you ask for.

${TARGET_HELP}

Run:
  --profile rfc|entra|okta   whose expectations to hold the server to (default rfc)
  --read-only           only checks that never write (for servers holding real data)
  --only GROUP,…        only these groups or check ids (e.g. discovery,filter or F12)
  --concurrency N       requests in flight at once, 1 to 32 (default 4)
  --limited-bearer-env NAME | --limited-basic-env NAME
                        a second credential for the same --url, one the server accepts but does
                        not let write (a read-only token), from $NAME: check Sec04 expects 403,
                        not 401, when it tries to write (skipped without it)

Reports (each written whole, or not at all):
  --json FILE           {"tool","version","target","profile","summary","checks"}
  --junit FILE          JUnit XML: a testcase per check; skip as <skipped/>, fail as <failure>,
                        warn as a passing testcase with a WARNING: line in <system-out>
  --html FILE           one self-contained page (opens offline)
  --markdown FILE       for a ticket or a pull request
  --redact PATH,…       attribute paths whose values get placeholders in the reports
                        (default: ${OFFERED_PERSONAL_DATA_PATHS.join(', ')}; "none" for none).
                        Secrets are always replaced.

Exit status: 0 no check failed, 1 a check failed, 2 the run could not be made (bad usage, the
server cannot be reached, the credentials are refused, cancelled).`;

function parse(args: string[]) {
  return parseCommandLine({
    args,
    options: {
      ...TARGET_OPTIONS,
      profile: { type: 'string', default: 'rfc' },
      'read-only': { type: 'boolean', default: false },
      only: { type: 'string', multiple: true, default: [] },
      concurrency: { type: 'string' },
      'limited-bearer-env': { type: 'string' },
      'limited-basic-env': { type: 'string' },
      json: { type: 'string' },
      junit: { type: 'string' },
      html: { type: 'string' },
      markdown: { type: 'string' },
      redact: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
    strict: true,
  }).values;
}

type Values = ReturnType<typeof parse>;

function options(values: Values) {
  const profile = ConformanceProfile.safeParse(values.profile);
  if (!profile.success) throw new UsageError(`--profile must be one of ${ConformanceProfile.options.join(', ')}, not "${values.profile}"`);
  const only = values.only.flatMap((o) => o.split(',')).map((o) => o.trim()).filter(Boolean);
  const unknown = unknownSelectors(only);
  if (unknown.length > 0) throw new UsageError(`--only ${unknown.join(', ')}: no such group or check (groups: discovery, schema, create, read, filter, sort, paging, cursor, attributes, patch, put, delete, etag, search, bulk, errors, auth, entra, okta, performance, http)`);
  let concurrency = 4;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!/^\d+$/.test(values.concurrency) || concurrency < 1 || concurrency > 32) throw new UsageError(`--concurrency must be a whole number from 1 to 32, not "${values.concurrency}"`);
  }
  const personalData = values.redact === undefined ? [...OFFERED_PERSONAL_DATA_PATHS] : values.redact.trim().toLowerCase() === 'none' ? [] : values.redact.split(',').map((p) => p.trim()).filter(Boolean);
  const reports = Object.entries(REPORT_OPTIONS).flatMap(([option, format]) => {
    const file = values[option as keyof typeof REPORT_OPTIONS & keyof Values] as string | undefined;
    return file === undefined ? [] : [{ format, file: resolve(file) }];
  });
  const files = reports.map((r) => r.file);
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice) throw new UsageError(`Two reports would be written to the same file: ${twice}`);
  return { profile: profile.data, readOnly: values['read-only'], only, concurrency, redaction: RedactionOptions.parse({ personalData }), reports };
}

function summaryLines(run: ConformanceRun, seconds: number): string[] {
  const s = run.summary;
  const lines = [`${run.target.url} (${run.profile}${run.readOnly ? ', read-only' : ''}): ${s.passed} passed, ${s.failed} failed, ${s.warned} warned, ${s.skipped} skipped in ${seconds.toFixed(1)} s`];
  for (const check of run.checks.filter((c) => c.status === 'fail')) lines.push(`  FAIL ${check.id} ${check.title}: ${check.detail}`);
  for (const l of run.leftovers) lines.push(`  Left on the server: ${l.endpoint}/${l.id} (${l.reason})`);
  return lines;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const values = parse(args);
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  const chosen = options(values);
  const limited = limitedEndpoint(values, io.env);
  const target = await openTarget(values, io, limited ? [limited] : []);
  const runId = randomUUID();
  const cancel = () => target.core.conformance.cancel(runId);
  io.interrupted.addEventListener('abort', cancel, { once: true });
  const started = performance.now();
  try {
    const result = await target.core.conformance.run(
      { endpointId: target.endpointId, profile: chosen.profile, readOnly: chosen.readOnly, only: chosen.only, concurrency: chosen.concurrency, runId, ...(limited ? { limitedEndpointId: limited.id } : {}) },
      { onProgress: progressReporter(io, process.stderr.columns || 100) },
    );
    io.status('');
    for (const line of summaryLines(result, (performance.now() - started) / 1000)) io.out(line);
    for (const { format, file } of chosen.reports) {
      const report = await target.core.conformance.report(result.runId, { format, redaction: chosen.redaction, bodyLimit: 4000 });
      await writeReportFile(io, file, format, report.content);
    }
    if (result.cancelled) {
      io.err('The run was cancelled: the results above are incomplete.');
      return EXIT.cannotRun;
    }
    return result.summary.failed > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    io.interrupted.removeEventListener('abort', cancel);
    io.status('');
    await target.close();
  }
}

export const conformanceCommand: CliCommand = {
  name: 'conformance',
  summary: 'run the conformance checks against a SCIM server and write reports',
  help: HELP,
  run,
};
