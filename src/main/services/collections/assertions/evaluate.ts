import { DEFAULT_ASSERTION, describeAssertion, type Assertion, type AssertionResult } from '@shared/model/assertion';
import type { HttpExchange } from '@shared/model/exchange';
import { attributeSegments } from '@shared/redact/attribute-paths';
import { isSecretMember } from '@shared/redact/credential-names';
import { isSecretHeader } from '@shared/redact/headers';
import { REDACTED } from '@shared/redact/secret-scrubber';
import type { SchemaRegistry } from '@shared/scim';
import { valuesAt } from './body-path';
import { asText, judgeFor } from './compare';

/** What assertions are judged on: one step's answer. */
export interface AssertionSubject {
  exchange: HttpExchange | undefined;
  /** the whole response body, when it could be read */
  body: string | undefined;
  /** every finding of the SCIM checks on the answer (undefined: not checked) */
  findings: readonly { severity: string; code: string; checkId?: string | undefined }[] | undefined;
  registry: SchemaRegistry;
}

const SHOWN = 300;

function shown(values: readonly unknown[]): string {
  if (values.length === 0) return '(absent)';
  const text = values.length === 1 ? asText(values[0]) : JSON.stringify(values);
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
}

/** A credential is judged like any value but never shown (a password attribute, an Authorization header). */
function holdsCredential(assertion: Assertion): boolean {
  if (assertion.from === 'header') return isSecretHeader(assertion.path.trim());
  if (assertion.from !== 'body') return false;
  return attributeSegments(assertion.path).some((segment) => isSecretMember(segment));
}

type Actual = { values: unknown[] } | { problem: string };

function actualOf(assertion: Assertion, subject: AssertionSubject): Actual {
  const response = subject.exchange?.response;
  if (!response) return { problem: subject.exchange?.error ? `no response: ${subject.exchange.error.message}` : 'no response' };
  switch (assertion.from) {
    case 'status':
      return { values: [response.status] };
    case 'time':
      return { values: [Math.round(subject.exchange!.timings.total * 10) / 10] };
    case 'header': {
      if (!assertion.path.trim()) return { problem: 'name the header' };
      const name = assertion.path.trim().toLowerCase();
      return { values: response.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v) };
    }
    case 'scim': {
      if (!subject.findings) return { problem: 'the SCIM checks could not read this answer' };
      const only = assertion.path.trim().toLowerCase();
      const errors = subject.findings.filter((f) => f.severity === 'error' && (only === '' || f.code.toLowerCase() === only || f.checkId?.toLowerCase() === only));
      return { values: [errors.length] };
    }
    case 'body': {
      if (subject.body === undefined || subject.body.trim() === '') return { values: [] };
      let json: unknown;
      try {
        json = JSON.parse(subject.body);
      } catch {
        return { problem: 'the response body is not JSON' };
      }
      return valuesAt(json, assertion.path, subject.registry);
    }
  }
}

/** One assertion against an answer: passed or not, with what the answer had. */
export function evaluateAssertion(assertion: Assertion, subject: AssertionSubject): AssertionResult {
  const base = { from: assertion.from, path: assertion.path, op: assertion.op, value: assertion.value };
  const actual = actualOf(assertion, subject);
  if ('problem' in actual) return { ...base, passed: false, actual: '(not available)', message: actual.problem };
  const { values } = actual;
  const text = values.length > 0 && holdsCredential(assertion) ? REDACTED : shown(values);
  if (assertion.op === 'exists') return { ...base, passed: values.length > 0, actual: text };
  if (assertion.op === 'absent') return { ...base, passed: values.length === 0, actual: text };
  const judge = judgeFor(assertion.op, assertion.value);
  if ('problem' in judge) return { ...base, passed: false, actual: text, message: judge.problem };
  if (assertion.op === 'notEquals') return { ...base, passed: !values.some(judge), actual: text };
  if (values.length === 0) return { ...base, passed: false, actual: text, message: `nothing at ${assertion.from === 'header' ? `header ${assertion.path}` : `"${assertion.path}"`}` };
  return { ...base, passed: values.some(judge), actual: text };
}

/**
 * Every enabled assertion of a request against its answer; when none is enabled, the default one
 * (status below 400), marked `implicit`.
 */
export function evaluateAssertions(assertions: readonly Assertion[], subject: AssertionSubject): AssertionResult[] {
  const enabled = assertions.filter((a) => a.enabled);
  if (enabled.length === 0) return [{ ...evaluateAssertion(DEFAULT_ASSERTION, subject), implicit: true }];
  return enabled.map((a) => evaluateAssertion(a, subject));
}

/** "status < 400: got 404" — one line per failed assertion, for a report. */
export function failureLine(result: AssertionResult): string {
  return `${describeAssertion(result)}: got ${result.actual}${result.message ? ` (${result.message})` : ''}`;
}
