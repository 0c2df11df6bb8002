import type { ReportRun } from '../conformance/report-input';
import { summarize, type CheckResult, type CheckStatus } from '../model/conformance';
import { CATALOGUE, GROUP_LABELS } from '../scim/checks/catalogue-data';
import type { ObjectLog, RunReport, StepRecord } from './report';
import type { ProfileId } from './types';

/** One cycle of a simulated provisioning run, as the simulator reported it. */
export interface SimulatedCycle {
  /** the cycle's name in reports: "Full cycle", "Update cycle", "Deprovision" */
  label: string;
  report: RunReport;
  logs: ObjectLog[];
}

const ENTRIES = new Map(CATALOGUE.map((e) => [e.id, e]));

/** An object's label as a piece of an id: lower-case, accents dropped, anything but letters, digits, . @ _ - as "-". */
function slug(label: string): string {
  return (
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9.@_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'object'
  );
}

/**
 * The id a step has as a check: the first catalogue id its request exercises (En06, Ok10…), else
 * `SIM-<profile>-<step kind>-<object>` (`SIM-entra-get-user-adele.vance@contoso.example`,
 * `SIM-okta-match-test-connection`): stable for the same directory, mapping and server.
 */
export function stepCheckId(profile: ProfileId, step: StepRecord, objectLabel: string): string {
  const catalogued = step.request?.checks.find((id) => ENTRIES.has(id));
  return catalogued ?? `SIM-${profile}-${step.kind}-${slug(objectLabel)}`;
}

function source(step: StepRecord): string {
  const ref = step.request?.source;
  if (!ref) return 'IdP provisioning log';
  return ref.provenance === 'documented' ? ref.cite : `${ref.cite} (${ref.provenance})`;
}

/** One line: what the IdP logs; on fail and warn why (the departures), the notes and the fix. */
function detail(step: StepRecord): string {
  const verdict = step.verdict;
  if (!verdict) return step.detail ?? step.title;
  if (step.status !== 'fail' && step.status !== 'warn') return verdict.log;
  const parts = [verdict.log, verdict.why, ...verdict.notes, verdict.fix ? `Fix: ${verdict.fix}` : undefined, step.status === 'fail' ? `Then: ${verdict.next}` : undefined];
  return parts.filter((p): p is string => Boolean(p)).join(' — ');
}

function status(step: StepRecord): CheckStatus {
  return step.status === 'info' ? 'skip' : step.status;
}

/**
 * A simulated run's steps as checks, cycle by cycle, object by object: every request the IdP sent, and
 * every step without a request that failed or warned (a match the IdP could not make). The cycle's
 * rate (En22) is a check of its own.
 */
export function simulationChecks(profile: ProfileId, cycles: readonly SimulatedCycle[]): CheckResult[] {
  const out: CheckResult[] = [];
  for (const cycle of cycles) {
    for (const log of [...cycle.logs].sort((a, b) => a.index - b.index)) {
      for (const step of log.steps) {
        if (!step.request && step.status !== 'fail' && step.status !== 'warn') continue;
        out.push({
          id: stepCheckId(profile, step, log.label),
          group: cycle.label,
          title: `${step.title} (${log.label})`,
          rfc: source(step),
          status: status(step),
          detail: detail(step),
          ...(step.request ? { actual: `${step.request.method} ${step.request.url} → ${step.response?.status ?? `no answer${step.response?.error ? ` (${step.response.error})` : ''}`}` } : {}),
          exchanges: step.request?.exchangeId ? [step.request.exchangeId] : [],
          durationMs: step.response?.durationMs ?? 0,
        });
      }
    }
    for (const measure of cycle.report.checks.filter((c) => c.id === 'En22')) {
      const entry = ENTRIES.get(measure.id)!;
      out.push({ id: measure.id, group: cycle.label, title: entry.title, rfc: `${GROUP_LABELS[entry.group]}: ${entry.rfc}`, status: measure.status, detail: measure.detail, exchanges: [], durationMs: 0 });
    }
  }
  return out;
}

export interface SimulationRunInput {
  runId: string;
  version: string;
  url: string;
  profile: ProfileId;
  startedAt: string;
  finishedAt: string;
  cancelled: boolean;
  cycles: readonly SimulatedCycle[];
}

/** A simulated run in the shape of a conformance run, for the same report builders (JSON, JUnit…). */
export function simulationRun(input: SimulationRunInput): ReportRun {
  const checks = simulationChecks(input.profile, input.cycles);
  return {
    runId: input.runId,
    tool: 'scim-inspector',
    version: input.version,
    command: 'simulate',
    target: { url: input.url },
    profile: input.profile,
    readOnly: false,
    only: [],
    prefix: '',
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    cancelled: input.cancelled,
    summary: summarize(checks),
    checks,
    leftovers: [],
  };
}
