// `npm test`: typecheck, lint, unit + component tests (vitest), end-to-end tests (Playwright in
// headless Chromium). Every stage runs even if an earlier one failed; the exit code says whether
// all passed, and test-results/summary.json counts them for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const reportDir = process.env.SCIM_TEST_REPORT_DIR ?? join(root, 'test-results', 'reports');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });
const env = { ...process.env, SCIM_TEST_REPORT_DIR: reportDir };
const bin = (name) => join(root, 'node_modules', '.bin', name);

const stages = [
  { name: 'typecheck', command: 'npm', args: ['run', '--silent', 'typecheck'] },
  { name: 'lint', command: 'npm', args: ['run', '--silent', 'lint'] },
  { name: 'vitest', command: bin('vitest'), args: ['run'], report: 'vitest.json' },
  { name: 'playwright', command: bin('playwright'), args: ['test'], report: 'playwright.json' },
];

const counts = { passed: 0, failed: 0, skipped: 0 };
const results = [];
for (const stage of stages) {
  process.stdout.write(`\n── ${stage.name} ──\n`);
  const started = Date.now();
  const run = spawnSync(stage.command, stage.args, { cwd: root, env, stdio: 'inherit' });
  const ok = run.status === 0;
  let passed = ok ? 1 : 0;
  let failed = ok ? 0 : 1;
  let skipped = 0;
  const reportPath = stage.report && join(reportDir, stage.report);
  if (reportPath && existsSync(reportPath)) {
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    if (stage.name === 'vitest') {
      passed = report.numPassedTests;
      failed = report.numFailedTests + (report.numFailedTestSuites ?? 0) + (ok || report.numFailedTests > 0 ? 0 : 1);
      skipped = report.numPendingTests + report.numTodoTests;
    } else {
      passed = report.stats.expected + report.stats.flaky;
      failed = report.stats.unexpected + (report.errors?.length ?? 0) + (ok || report.stats.unexpected > 0 ? 0 : 1);
      skipped = report.stats.skipped;
    }
  } else if (stage.report) {
    failed = Math.max(failed, 1);
    passed = 0;
  }
  counts.passed += passed;
  counts.failed += failed;
  counts.skipped += skipped;
  results.push({ stage: stage.name, ok: ok && failed === 0, passed, failed, skipped, seconds: (Date.now() - started) / 1000 });
}

writeFileSync(join(reportDir, 'summary.json'), JSON.stringify({ ...counts, stages: results }, null, 2));
process.stdout.write('\n── summary ──\n');
for (const r of results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.stage.padEnd(11)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''} (${r.seconds.toFixed(1)} s)\n`);
process.stdout.write(`${counts.passed} passed, ${counts.failed} failed\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
