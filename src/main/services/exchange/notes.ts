import type { AssertionResult } from '@shared/model/assertion';
import type { RunResult, RunStep, StepChecks } from '@shared/model/collection-run';
import type { ExchangeRecord } from '@shared/redact/exchanges';
import type { Redactor } from '@shared/redact/redactor';
import type { SchemaRegistry } from '@shared/scim';
import { checkExchange, type ExchangeFindings } from './scim-findings';

/** Findings listed per exchange in an export (the counts always cover all of them). */
export const MAX_EXPORTED_FINDINGS = 200;

/** What an export says about one exchange besides the exchange itself. */
export interface ExchangeNotes {
  /** the shared SCIM response checks on its answer (absent when no answer came) */
  checks?: StepChecks;
  /** the run step that sent it (run exports) */
  step?: { name: string; requestId: string; ok: boolean; assertions: AssertionResult[] };
}

function asChecks(found: ExchangeFindings): StepChecks {
  return { ...found.checks, findings: found.findings.slice(0, MAX_EXPORTED_FINDINGS).map((f) => ({ severity: f.severity, path: f.path, code: f.code, message: f.message, rfc: f.rfc, ...(f.checkId ? { checkId: f.checkId } : {}) })) };
}

/** The SCIM checks of each record, computed on the records as recorded (before redaction), by the shared rules. */
export async function checkRecords(records: readonly ExchangeRecord[], registry: (endpointId: string | undefined) => SchemaRegistry, known?: ReadonlyMap<string, ExchangeFindings>): Promise<ExchangeNotes[]> {
  const out: ExchangeNotes[] = [];
  for (const record of records) {
    const found = known?.get(record.exchange.id) ?? (await checkExchange(record.exchange, record.responseBody, registry(record.exchange.endpointId)).catch(() => undefined));
    out.push(found ? { checks: asChecks(found) } : {});
  }
  return out;
}

/** Each record's run step, by exchange id. */
export function withSteps(notes: ExchangeNotes[], records: readonly ExchangeRecord[], steps: readonly RunStep[]): ExchangeNotes[] {
  const byExchange = new Map(steps.filter((s) => s.exchangeId).map((s) => [s.exchangeId!, s]));
  return notes.map((note, i) => {
    const step = byExchange.get(records[i]!.exchange.id);
    return step ? { ...note, step: { name: step.name, requestId: step.requestId, ok: step.ok, assertions: step.assertions } } : note;
  });
}

function redactAssertion(a: AssertionResult, redactor: Redactor): AssertionResult {
  return { ...a, path: redactor.redactText(a.path), value: redactor.redactText(a.value), actual: redactor.redactText(a.actual), ...(a.message ? { message: redactor.redactText(a.message) } : {}) };
}

/**
 * The notes as an export may show them: every text that can quote a value of the exchange (a
 * finding's message, an assertion's expected and actual value) through the export's redactor, so a
 * personal value reads as the same placeholder as in the bodies and no known secret remains.
 */
export function redactNotes(note: ExchangeNotes, redactor: Redactor): ExchangeNotes {
  return {
    ...(note.checks ? { checks: { ...note.checks, scope: redactor.redactText(note.checks.scope), findings: note.checks.findings.map((f) => ({ ...f, path: redactor.redactText(f.path), message: redactor.redactText(f.message) })) } } : {}),
    ...(note.step ? { step: { ...note.step, name: redactor.redactText(note.step.name), assertions: note.step.assertions.map((a) => redactAssertion(a, redactor)) } } : {}),
  };
}

/** The run's steps as an export shows them, redacted the same way. */
export function redactRun(result: RunResult, redactor: Redactor): RunResult {
  return {
    ...result,
    variables: {},
    steps: result.steps.map((step) => ({
      ...step,
      name: redactor.redactText(step.name),
      path: redactor.redactText(step.path),
      captured: {},
      captureProblems: step.captureProblems.map((p) => redactor.redactText(p)),
      assertions: step.assertions.map((a) => redactAssertion(a, redactor)),
      ...(step.error ? { error: { ...step.error, message: redactor.redactText(step.error.message) } } : {}),
      ...(step.checks ? { checks: { ...step.checks, findings: step.checks.findings.map((f) => ({ ...f, message: redactor.redactText(f.message) })) } } : {}),
    })),
  };
}
