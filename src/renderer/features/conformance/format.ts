import type { CheckStatus, RunSummary } from '@shared/model/conformance';

export const STATUS_LABEL: Record<CheckStatus, string> = { pass: 'Pass', fail: 'Fail', warn: 'Warn', skip: 'Skip' };

/** The order filters and counts are shown in: what needs attention first. */
export const STATUS_ORDER: CheckStatus[] = ['fail', 'warn', 'pass', 'skip'];

export const PROFILE_LABEL = { rfc: 'RFC (strict)', entra: 'Microsoft Entra ID', okta: 'Okta' } as const;

export function countOf(summary: RunSummary, status: CheckStatus): number {
  return status === 'pass' ? summary.passed : status === 'fail' ? summary.failed : status === 'warn' ? summary.warned : summary.skipped;
}

export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function seconds(fromIso: string, toIso: string): string {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '';
}
