import type { ReportInput } from './report-input';

/**
 * The JSON report, in exactly the shape issue 13 gives (no other keys):
 * `{"tool","version","target":{"url"},"profile","summary":{passed,failed,warned,skipped},"checks":[{id,group,title,rfc,status,detail,exchanges}]}`.
 * `exchanges` holds the ids of the exchanges that show the result (the app's history keeps them).
 */
export function toJsonReport({ run }: ReportInput): string {
  const report = {
    tool: 'scim-inspector' as const,
    version: run.version,
    target: { url: run.target.url },
    profile: run.profile,
    summary: { passed: run.summary.passed, failed: run.summary.failed, warned: run.summary.warned, skipped: run.summary.skipped },
    checks: run.checks.map((c) => ({ id: c.id, group: c.group, title: c.title, rfc: c.rfc, status: c.status, detail: c.detail, exchanges: [...c.exchanges] })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
