import { z } from 'zod';

/**
 * A declarative check on a response, saved with a collection request (Bruno's `assert`, Postman's
 * tests without a script). A step of a run passes when all its enabled assertions pass.
 */
export const AssertionSource = z.enum([
  /** the HTTP status code */
  'status',
  /** a response header, named by `path` (case-insensitive) */
  'header',
  /** a value of the JSON body at a JSON/SCIM path: `id`, `Resources[0].id`, `emails[type eq "work"].value` */
  'body',
  /** the response time in milliseconds */
  'time',
  /** the number of SCIM check errors on the response (`path`: only this check id or finding code) */
  'scim',
]);
export type AssertionSource = z.infer<typeof AssertionSource>;

export const AssertionOperator = z.enum(['equals', 'notEquals', 'contains', 'matches', 'exists', 'absent', 'lt', 'lte', 'gt', 'gte', 'in']);
export type AssertionOperator = z.infer<typeof AssertionOperator>;

/** How an operator reads in a table and a report. */
export const OPERATOR_LABELS: Record<AssertionOperator, string> = {
  equals: 'equals',
  notEquals: 'not equals',
  contains: 'contains',
  matches: 'matches',
  exists: 'exists',
  absent: 'is absent',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  in: 'in',
};

/** Operators that compare with nothing. */
export const UNARY_OPERATORS: readonly AssertionOperator[] = ['exists', 'absent'];

export const Assertion = z.object({
  from: AssertionSource,
  /** header name, body path, or (for `scim`) a check id or finding code; '' where it does not apply */
  path: z.string().max(2000).default(''),
  op: AssertionOperator,
  /** the expected value: text, a number, a regular expression (`matches`), a list (`in`: JSON array or comma-separated) */
  value: z.string().max(10_000).default(''),
  enabled: z.boolean().default(true),
});
export type Assertion = z.infer<typeof Assertion>;
export type AssertionInput = z.input<typeof Assertion>;

/** What a step is judged by when its request has no enabled assertion. */
export const DEFAULT_ASSERTION: Assertion = { from: 'status', path: '', op: 'lt', value: '400', enabled: true };

export const AssertionResult = z.object({
  from: AssertionSource,
  path: z.string(),
  op: AssertionOperator,
  /** expected */
  value: z.string(),
  passed: z.boolean(),
  /** what the response had ('(absent)' when nothing was there) */
  actual: z.string(),
  /** why it failed or could not be judged (an invalid regular expression, not a number…) */
  message: z.string().optional(),
  /** the default assertion, applied because the request has none */
  implicit: z.boolean().optional(),
});
export type AssertionResult = z.infer<typeof AssertionResult>;

/** "body emails[type eq "work"].value equals a@b.c", "status < 400". */
export function describeAssertion(a: Pick<Assertion, 'from' | 'path' | 'op' | 'value'>): string {
  const subject = a.from === 'scim' ? `SCIM check errors${a.path ? ` (${a.path})` : ''}` : a.from === 'time' ? 'response time (ms)' : a.path ? `${a.from} ${a.path}` : a.from;
  return UNARY_OPERATORS.includes(a.op) ? `${subject} ${OPERATOR_LABELS[a.op]}` : `${subject} ${OPERATOR_LABELS[a.op]} ${a.value}`;
}
