import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppFailure } from '@shared/api/errors';
import type { Collection } from '@shared/model/collection';
import type { RunResult } from '@shared/model/collection-run';
import { failureLines, runExitCode, runReportJson, runReportJunit } from '../../services/collections/run-report';
import { runTarget } from '../../services/collections/run-target';
import { APP_VERSION } from '../../version';
import { parseCommandLine, writeReportFile } from './command-line';
import { EXIT, UsageError, type CliCommand, type CliIo } from './command';
import { openTarget, TARGET_HELP, TARGET_OPTIONS, type OpenTarget } from './target';

const HELP = `Usage: scim-inspector run COLLECTION --url URL [--bearer-env NAME | --basic-env NAME] [options]
       scim-inspector run COLLECTION --endpoint NAME [options]

Runs the requests of a saved collection one after another (captures feed the next request) and
judges each by its assertions (status < 400 when it has none), like newman or bru run.

COLLECTION              a collection folder (the one holding collection.json, e.g. in a git
                        checkout), or the name or id of a collection saved in the app's data folder

${TARGET_HELP}

Run:
  --folder F            only this folder or request: its path of names from the top
                        ("Users/Lifecycle") or its id (default: the whole collection)
  --var NAME=VALUE      set a collection variable for this run (repeatable); it wins over the
                        collection's own values
  --bail                stop at the first step that fails

Reports (each written whole, or not at all):
  --json FILE           the steps with their assertions (expected, actual) and SCIM checks
  --junit FILE          JUnit XML: a testcase per step, a failed assertion as <failure>

Exit status: 0 every step passed, 1 a step failed, 2 the run could not be made (bad usage, no such
collection or folder, the server cannot be reached, cancelled).`;

function parse(args: string[]) {
  return parseCommandLine({
    args,
    options: {
      ...TARGET_OPTIONS,
      folder: { type: 'string' },
      var: { type: 'string', multiple: true, default: [] },
      bail: { type: 'boolean', default: false },
      json: { type: 'string' },
      junit: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
}

function variables(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var takes NAME=VALUE, not "${pair}"`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/** A folder on disk is opened as a collection; anything else is a collection saved in the data folder. */
async function findCollection(target: OpenTarget, wanted: string): Promise<Collection> {
  const path = resolve(wanted);
  if (existsSync(path) && statSync(path).isDirectory()) return target.core.collections.open(path);
  const collections = await target.core.collections.list();
  const match = collections.find((c) => c.id === wanted) ?? collections.find((c) => c.name.toLowerCase() === wanted.toLowerCase());
  if (!match) {
    const names = collections.map((c) => c.name);
    throw new UsageError(`No collection folder "${path}" and no saved collection named "${wanted}"${names.length ? ` (saved: ${names.join(', ')})` : ''}`);
  }
  return target.core.collections.get(match.id);
}

/** No step got an answer: the run says nothing about the server, it could not be made. */
const unreachable = (result: RunResult) => result.steps.length > 0 && result.steps.every((s) => s.error && ['network', 'dns', 'connect', 'tls', 'timeout'].includes(s.error.kind));

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'Say which collection to run: scim-inspector run COLLECTION …' : `One collection at a time, not ${positionals.length} (${positionals.join(', ')})`);
  const overrides = variables(values.var);
  const reports = [
    ...(values.json !== undefined ? [{ format: 'json' as const, file: resolve(values.json) }] : []),
    ...(values.junit !== undefined ? [{ format: 'junit' as const, file: resolve(values.junit) }] : []),
  ];
  if (reports.length === 2 && reports[0]!.file === reports[1]!.file) throw new UsageError(`Two reports would be written to the same file: ${reports[0]!.file}`);
  const target = await openTarget(values, io);
  const runId = randomUUID();
  const cancel = () => target.core.collectionRunner.cancel(runId);
  io.interrupted.addEventListener('abort', cancel, { once: true });
  const unsubscribe = target.core.events.subscribe((event) => {
    if (event.name !== 'collections.runStep' || event.payload.runId !== runId) return;
    const { step, index, total } = event.payload;
    const line = `[${index + 1}/${total}] ${step.ok ? 'PASS' : 'FAIL'} ${step.name} (${step.method} ${step.path}${step.status !== undefined ? ` → ${step.status}` : ''})`;
    if (io.isTTY) io.status(line);
    else io.err(line);
  });
  try {
    let collection: Collection;
    let itemId: string;
    try {
      collection = await findCollection(target, positionals[0]!);
      itemId = runTarget(collection, values.folder);
    } catch (error) {
      if (error instanceof AppFailure) throw new UsageError(error.message);
      throw error;
    }
    const result = await target.core.collectionRunner.run({ collectionId: collection.id, itemId, endpointId: target.endpointId, variables: overrides, stopOnError: values.bail, runId });
    io.status('');
    const passed = result.steps.filter((s) => s.ok).length;
    io.out(`${collection.name}${values.folder ? ` › ${values.folder}` : ''} against ${target.baseUrl}: ${passed} passed, ${result.steps.length - passed} failed of ${result.steps.length} steps`);
    for (const step of result.steps.filter((s) => !s.ok)) {
      io.out(`  FAIL ${step.name} (${step.method} ${step.path}${step.status !== undefined ? ` → ${step.status}` : ''})`);
      for (const line of failureLines(step)) io.out(`       ${line}`);
    }
    for (const { format, file } of reports) {
      const content = format === 'json' ? `${JSON.stringify(runReportJson(result, { version: APP_VERSION, target: { url: target.baseUrl } }), null, 2)}\n` : runReportJunit(result);
      await writeReportFile(io, file, format, target.core.scrubber.scrub(content));
    }
    if (result.cancelled) {
      io.err('The run was cancelled: the results above are incomplete.');
      return EXIT.cannotRun;
    }
    if (unreachable(result)) {
      io.err(`${target.baseUrl} could not be reached: ${result.steps[0]!.error!.message}`);
      return EXIT.cannotRun;
    }
    return runExitCode(result);
  } finally {
    unsubscribe();
    io.interrupted.removeEventListener('abort', cancel);
    io.status('');
    await target.close();
  }
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a saved collection with its assertions (like newman or bru run)',
  help: HELP,
  run,
};
