import type { ObjectAction, ObjectLog, StepRecord, StepStatus } from '@shared/idp';
import type { JsonValue } from '@shared/scim';
import type { Sent } from './sender';

const RANK: Record<StepStatus, number> = { info: 0, skip: 0, pass: 1, warn: 2, fail: 3 };

/** Collects one object's steps as the IdP's provisioning log shows them, and sums them up. */
export class ObjectLogBuilder {
  readonly steps: StepRecord[] = [];
  action: ObjectAction = 'None';
  targetId: string | undefined;
  private summaryText: string | undefined;

  constructor(
    readonly index: number,
    readonly type: ObjectLog['type'],
    readonly sourceId: string,
    readonly label: string,
  ) {}

  /**
   * A step without a request. `rows` may be a function: the table is then built only when the log is
   * read (most objects of a large run never are), which keeps a run's own cost small.
   */
  note(phase: StepRecord['phase'], title: string, status: StepStatus, detail?: string, rows?: StepRecord['rows'] | (() => StepRecord['rows'])): void {
    const step: StepRecord = { phase, kind: phase, title, status, attempt: 0 };
    if (detail) step.detail = detail;
    if (typeof rows === 'function') {
      let built: StepRecord['rows'];
      Object.defineProperty(step, 'rows', { enumerable: true, configurable: true, get: () => (built ??= rows()) });
    } else if (rows) step.rows = rows;
    this.steps.push(step);
  }

  sent(sent: Sent): void {
    this.steps.push(...sent.steps);
  }

  summary(text: string): void {
    this.summaryText = text;
  }

  get status(): StepStatus {
    let worst: StepStatus = 'pass';
    let any = false;
    for (const step of this.steps) {
      if (step.kind !== step.phase || step.status === 'fail' || step.status === 'warn') any = true;
      if (RANK[step.status] > RANK[worst]) worst = step.status;
    }
    return any ? worst : this.action === 'Skip' ? 'skip' : 'pass';
  }

  failed(): boolean {
    return this.steps.some((s) => s.status === 'fail');
  }

  build(): ObjectLog {
    let lastFail: StepRecord | undefined;
    for (let i = this.steps.length - 1; i >= 0 && !lastFail; i--) if (this.steps[i]!.status === 'fail') lastFail = this.steps[i];
    const summary = lastFail ? `${lastFail.title}: ${lastFail.verdict?.log ?? lastFail.detail ?? 'failed'}` : (this.summaryText ?? this.action);
    return {
      index: this.index,
      type: this.type,
      sourceId: this.sourceId,
      label: this.label,
      action: this.action,
      status: this.status,
      summary,
      ...(this.targetId ? { targetId: this.targetId } : {}),
      stepCount: this.steps.length,
      steps: this.steps,
    };
  }
}

/** A value as a provisioning log's "Modified properties" shows it. */
export function shown(value: JsonValue | undefined | null): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
