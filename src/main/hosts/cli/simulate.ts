import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { buildReport, prepareReport, type ReportRun } from '@shared/conformance/reports';
import {
  MappingSet,
  PROFILE_IDS,
  ProfileId,
  SourceDirectory,
  defaultMappings,
  directoryProblems,
  idpOf,
  mappingProblems,
  profileById,
  seedDirectory,
  simulationRun,
  updateCycleEdits,
  type ClientProfile,
  type RunMode,
  type SimulatedCycle,
} from '@shared/idp';
import type { ReportFormat } from '@shared/model/conformance';
import type { ExchangeRecord } from '@shared/redact/exchanges';
import type { z } from 'zod';
import { readJsonFile } from '../../services/collections/json-file';
import { APP_VERSION } from '../../version';
import { parseCommandLine, writeReportFile } from './command-line';
import { EXIT, UsageError, type CliCommand, type CliIo } from './command';
import { simulationReporter } from './progress';
import { openTarget, TARGET_HELP, TARGET_OPTIONS, type OpenTarget } from './target';

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

const REPORT_OPTIONS: Record<string, ReportFormat> = { json: 'json', junit: 'junit' };

const HELP = `Usage: scim-inspector simulate --profile PROFILE --url URL [--bearer-env NAME | --basic-env NAME] [options]
       scim-inspector simulate --profile PROFILE --endpoint NAME [options]

Plays Microsoft Entra ID or Okta against a SCIM server: the exact requests that IdP sends, built from
its attribute mappings and a test directory, each answer judged as that IdP would read it. Three cycles:
  1. full cycle: test connection, match, create, the manager, groups and their members;
  2. update cycle, after edits to the directory: the first user in scope gets a new displayName and
     jobTitle, the second a new jobTitle, the third is soft-deleted; the first group with two
     members or more loses its last one, another group is renamed;
  3. deprovision: Entra disables, then deletes, every user and deletes the groups; Okta deactivates
     the users (it never deletes users) and deletes the groups it pushed.

${TARGET_HELP}

Simulation:
  --profile PROFILE     entra       Entra ID's default shapes ("Replace", "False", Remove with a value)
                        entra-flag  Entra ID with ?aadOptscim062020 (RFC 7644 shapes)
                        okta        Okta OIN (profile updates by PUT, activation and groups by PATCH)
                        okta-put    Okta App Integration Wizard (every update a GET then a PUT)
  --mapping FILE        attribute mappings, a JSON file as the app's IdP simulator saves it
                        (default: the IdP's default mapping table)
  --users FILE          test users and groups, a JSON file as the app's IdP simulator saves it
                        (default: 12 sample users in 3 groups)
  --rate N              requests per second, 0 for unpaced (default 25: the Entra gallery's floor)
  --keep                leave what the run created in place: no deprovision cycle

Reports (each written whole, or not at all):
  --json FILE           {"tool","version","target","profile","summary","checks"}, the shape of the
                        conformance report: each request the IdP sent is a check, with the id of the
                        catalogue entry it exercises (En06, Ok10 …) or, when there is none,
                        SIM-<profile>-<step>-<object> (e.g. SIM-entra-get-user-adele.vance@contoso.example);
                        its group is the cycle, its detail what the IdP logs (and on a failure why
                        and the fix)
  --junit FILE          JUnit XML: a testsuite per cycle, a testcase per step; a failed step is a
                        <failure>, a warning a passing testcase with a WARNING: line

Exit status: 0 no step failed, 1 a step failed, 2 the run could not be made (bad usage, a bad
--mapping or --users file, the server cannot be reached, the credentials are refused, cancelled).`;

function parse(args: string[]) {
  return parseCommandLine({
    args,
    options: {
      ...TARGET_OPTIONS,
      profile: { type: 'string' },
      mapping: { type: 'string' },
      users: { type: 'string' },
      rate: { type: 'string' },
      keep: { type: 'boolean', default: false },
      json: { type: 'string' },
      junit: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
    strict: true,
  }).values;
}

type Values = ReturnType<typeof parse>;

/** A file as the simulator saves it, validated; a problem names the file (and line) and what is wrong. */
async function readFile<S extends z.ZodType>(option: string, file: string, schema: S): Promise<z.output<S>> {
  const path = resolve(file);
  const read = await readJsonFile(path, schema);
  if (read.ok) return read.value;
  const message = read.problem.message;
  throw new UsageError(`--${option} ${path}${/^(is|cannot) /.test(message) ? ' ' : ': '}${message}`);
}

async function options(values: Values, io: CliIo) {
  if (values.profile === undefined) throw new UsageError(`--profile is required: one of ${PROFILE_IDS.join(', ')}`);
  const profileId = ProfileId.safeParse(values.profile);
  if (!profileId.success) throw new UsageError(`--profile must be one of ${PROFILE_IDS.join(', ')}, not "${values.profile}"`);
  const profile = profileById(profileId.data);
  let rate = profile.defaults.rate;
  if (values.rate !== undefined) {
    rate = Number(values.rate);
    if (!/^\d+(\.\d+)?$/.test(values.rate) || rate > 10_000) throw new UsageError(`--rate must be a number of requests per second from 0 (unpaced) to 10000, not "${values.rate}"`);
  }
  const mappings = values.mapping === undefined ? defaultMappings(profile.id) : await readFile('mapping', values.mapping, MappingSet);
  if (values.mapping !== undefined) {
    const path = resolve(values.mapping);
    if (idpOf(mappings.profile) !== profile.idp) throw new UsageError(`--mapping ${path} was written for the profile "${mappings.profile}": its source attributes are not ${profile.label}'s`);
    const errors = mappingProblems(mappings, profile.idp).filter((p) => p.severity === 'error');
    const first = errors[0];
    if (first) throw new UsageError(`--mapping ${path}: ${errors.length} error${errors.length === 1 ? '' : 's'} in the mappings, first ${first.object} ${first.rowId ? `row "${first.rowId}" ` : ''}${first.field}: ${first.message}`);
  }
  const directory = values.users === undefined ? seedDirectory() : await readFile('users', values.users, SourceDirectory);
  if (values.users !== undefined) for (const problem of directoryProblems(directory)) io.err(`--users ${resolve(values.users)}: ${problem}`);
  const reports = Object.entries(REPORT_OPTIONS).flatMap(([option, format]) => {
    const file = values[option as 'json' | 'junit'];
    return file === undefined ? [] : [{ format, file: resolve(file) }];
  });
  if (reports.length === 2 && reports[0]!.file === reports[1]!.file) throw new UsageError(`Two reports would be written to the same file: ${reports[0]!.file}`);
  return { profile, rate, mappings, directory, reports, keep: values.keep };
}

/**
 * The profile's own Test Connection request, once, before anything is created: a server that cannot be
 * reached or refuses the credentials is "could not run" (exit 2), not a cycle of failures.
 */
async function preflight(target: OpenTarget, profile: ClientProfile): Promise<void> {
  const [planned] = profile.testConnection('userName', { baseUrl: target.baseUrl, random: Math.random });
  const { method, path, headers } = planned!.request;
  const what = `${method} ${path.split('?')[0]}`;
  const exchange = await target.core.engine.send(`cli-simulate-${randomUUID()}`, { endpointId: target.endpointId, method, path, headers: headers.map(([name, value]) => ({ name, value, enabled: true })), variables: {} });
  if (!exchange.response) throw new Error(`${target.baseUrl} could not be reached (${what}): ${exchange.error?.message ?? 'no answer'}. Nothing was simulated.`);
  const status = exchange.response.status;
  if (status === 401 || status === 403) {
    throw new Error(`The server refused the credentials: ${what} answered ${status}. Nothing was simulated. Check the token or password (the variable named by --bearer-env or --basic-env).`);
  }
}

function summaryLines(run: ReportRun, seconds: number, cycles: readonly SimulatedCycle[]): string[] {
  const s = run.summary;
  const lines = [`${run.target.url} (simulated ${profileById(run.profile as ProfileId).label}): ${s.passed} passed, ${s.failed} failed, ${s.warned} warned, ${s.skipped} skipped in ${seconds.toFixed(1)} s`];
  for (const cycle of cycles) {
    const c = cycle.report.counts;
    lines.push(`  ${cycle.label}: ${cycle.report.stats.requests} requests; ${c.created} created, ${c.updated} updated, ${c.disabled} disabled, ${c.deleted} deleted, ${c.failed} object(s) failed`);
    for (const note of cycle.report.notes) lines.push(`    Note: ${note}`);
  }
  // one line each (the reports hold the whole finding, with the fix)
  for (const check of run.checks.filter((c) => c.status === 'fail')) lines.push(`  FAIL ${check.id} ${check.group}: ${check.title}: ${clip(check.detail, 300)}`);
  return lines;
}

async function writeReports(target: OpenTarget, run: ReportRun, reports: readonly { format: ReportFormat; file: string }[], io: CliIo): Promise<void> {
  if (reports.length === 0) return;
  const records: ExchangeRecord[] = [];
  for (const id of new Set(run.checks.flatMap((c) => c.exchanges))) {
    const stored = target.core.history.findByExchangeId(id);
    if (stored) records.push({ exchange: stored.exchange, requestBody: stored.requestBody, responseBody: stored.responseBody });
  }
  const secretHeaders = (await target.core.endpoints.list()).endpoints.flatMap((e) => (e.auth.kind === 'api-key' ? [e.auth.headerName] : []));
  const input = prepareReport(run, records, target.core.scrubber, { redaction: { personalData: [], secretHeaders }, bodyLimit: 4000, generatedAt: new Date().toISOString() });
  for (const { format, file } of reports) {
    // the last line of defence: nothing known to be secret leaves, whatever path it took
    const content = target.core.scrubber.scrub(buildReport(format, input).content);
    await writeReportFile(io, file, format, content);
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  const values = parse(args);
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  const chosen = await options(values, io);
  const { profile } = chosen;
  const target = await openTarget(values, io);
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const cycles: SimulatedCycle[] = [];
  const columns = process.stderr.columns || 100;
  const cycle = async (label: string, mode: RunMode, directory: SourceDirectory): Promise<void> => {
    if (io.interrupted.aborted) return;
    const runId = randomUUID();
    const cancel = () => target.core.simulator.cancel(runId);
    const report = simulationReporter(io, label, columns);
    const unsubscribe = target.core.events.subscribe((event) => {
      if (event.name === 'simulator.progress' && event.payload.runId === runId) report(event.payload);
    });
    io.interrupted.addEventListener('abort', cancel, { once: true });
    try {
      const result = await target.core.simulator.run({ runId, endpointId: target.endpointId, profile: profile.id, mode, settings: { rate: chosen.rate } }, { mappings: chosen.mappings, directory });
      cycles.push({ label, report: result, logs: result.objects.map((o) => target.core.simulator.object(runId, o.index)) });
    } finally {
      io.interrupted.removeEventListener('abort', cancel);
      unsubscribe();
      io.status('');
    }
  };
  try {
    await preflight(target, profile);
    await cycle('Full cycle', 'full', chosen.directory);
    const { directory: edited, edits } = updateCycleEdits(chosen.directory);
    if (edits.length) io.err(`Update cycle: ${edits.join('; ')}`);
    await cycle('Update cycle', 'incremental', edited);
    if (!chosen.keep) await cycle('Deprovision', 'deprovision', edited);
    const cancelled = io.interrupted.aborted || cycles.some((c) => c.report.cancelled);
    const raw = simulationRun({ runId: randomUUID(), version: APP_VERSION, url: target.baseUrl, profile: profile.id, startedAt, finishedAt: new Date().toISOString(), cancelled, cycles });
    // answers may quote what the server echoed: every finding is scrubbed before it is printed or written
    const result = JSON.parse(target.core.scrubber.scrub(JSON.stringify(raw))) as ReportRun;
    for (const line of summaryLines(result, (performance.now() - started) / 1000, cycles)) io.out(line);
    await writeReports(target, result, chosen.reports, io);
    if (cancelled) {
      io.err('The run was cancelled: the results above are incomplete, and what it created may be left on the server.');
      return EXIT.cannotRun;
    }
    return result.summary.failed > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    io.status('');
    await target.close();
  }
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'play Entra ID or Okta against a SCIM server: full, update and deprovision cycles',
  help: HELP,
  run,
};
