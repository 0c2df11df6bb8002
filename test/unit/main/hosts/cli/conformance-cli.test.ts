import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretSpellings } from '@shared/redact/secret-scrubber';
import { compose } from '../../../../../src/main/compose';
import { startSandbox, type SandboxServer } from '../../../../../src/main/services/sandbox/sandbox';
import { repoRoot } from '../../../../support/repo-root';
import { tempDir } from '../../../../support/temp-dir';
import { BIN, buildOnce, cli } from './support/cli';
import { startCountingProxy } from '../../conformance/counting-proxy';

const CANARY = 'canary-cli-8b2f61d0c4e9a735';



function allFiles(dir: string): { path: string; bytes: Buffer }[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

const leaks = (text: string) => secretSpellings(CANARY).filter((form) => text.includes(form));

describe('npx scim-inspector conformance (the command line host)', () => {
  const work = tempDir('scim-cli-test-');
  let strict: SandboxServer;
  let defective: SandboxServer;

  beforeAll(async () => {
    // what `npx scim-inspector` does first when the sources are newer than out/ (done once here, not inside a test's time)
    buildOnce();
    strict = await startSandbox({ users: 5, token: CANARY });
    defective = await startSandbox({ users: 5, token: CANARY, defects: ['json-content-type'] });
  }, 180_000);

  afterAll(async () => {
    await strict.close();
    await defective.close();
    work.cleanup();
  });

  it('--help lists the commands; conformance --help lists its options', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Usage: scim-inspector <command>/);
    expect(top.stdout).toMatch(/conformance\s+run the conformance checks/);
    const own = await cli(['conformance', '--help']);
    expect(own.code).toBe(0);
    for (const option of ['--url', '--bearer-env', '--basic-env', '--endpoint', '--profile', '--read-only', '--only', '--limited-bearer-env', '--json', '--junit', '--html', '--markdown', '--data-dir']) expect(own.stdout).toContain(option);
    expect((await cli([])).code).toBe(2);
  });

  it('exit 0 when nothing fails, with all four reports written, plain progress lines, and the token nowhere', async () => {
    const out = join(work.path, 'pass');
    const dataDir = join(work.path, 'pass-data');
    mkdirSync(out, { recursive: true });
    const result = await cli(
      ['conformance', '--url', strict.baseUrl, '--bearer-env', 'SCIM_TOKEN', '--only', 'discovery', '--json', 'r.json', '--junit', 'r.junit.xml', '--html', 'r.html', '--markdown', 'r.md', '--data-dir', dataDir],
      { SCIM_TOKEN: CANARY },
      out,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/: \d+ passed, 0 failed, \d+ warned, \d+ skipped in [\d.]+ s/);
    expect(result.stderr).toMatch(/^PASS D01 GET \/ServiceProviderConfig/m);
    for (const file of ['r.json', 'r.junit.xml', 'r.html', 'r.md']) {
      expect(existsSync(join(out, file)), file).toBe(true);
      expect(result.stdout).toContain(`Wrote ${join(out, file)}`);
    }
    const json = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')) as { tool: string; target: { url: string }; profile: string; summary: { failed: number }; checks: { id: string; group: string; status: string }[] };
    expect(Object.keys(json)).toEqual(['tool', 'version', 'target', 'profile', 'summary', 'checks']);
    expect(json).toMatchObject({ tool: 'scim-inspector', target: { url: strict.baseUrl }, profile: 'rfc', summary: { failed: 0 } });
    expect(json.checks.map((c) => c.group)).toEqual(json.checks.map(() => 'Discovery'));
    const xml = readFileSync(join(out, 'r.junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as { testsuites: { tests: string } };
    expect(Number(suites.testsuites.tests)).toBe(json.checks.length);
    expect(readFileSync(join(out, 'r.html'), 'utf8')).toContain('<span class="id">D01</span>');
    expect(readFileSync(join(out, 'r.md'), 'utf8')).toMatch(/^# SCIM conformance report/);
    // the canary: not printed, not in a report, not in any file the run left in its data folder
    expect(leaks(result.stdout + result.stderr)).toEqual([]);
    for (const file of [...allFiles(out), ...allFiles(dataDir)]) expect(leaks(file.bytes.toString('latin1')), file.path).toEqual([]);
    expect(allFiles(dataDir).some((f) => f.path.endsWith('runs.sqlite'))).toBe(true);
  });

  it('exit 1 when a check fails (a planted defect), named on stdout and as a JUnit failure', async () => {
    const out = join(work.path, 'fail.junit.xml');
    const result = await cli(['conformance', '--url', defective.baseUrl, '--bearer-env', 'SCIM_TOKEN', '--only', 'http', '--junit', out], { SCIM_TOKEN: CANARY });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^ {2}FAIL H01 responses use Content-Type application\/scim\+json: /m);
    const xml = readFileSync(out, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(/<testcase classname="scim-inspector.HTTP" name="H01 [^"]*" time="[\d.]+">\n\s+<failure message="/);
    expect(leaks(result.stdout + result.stderr + xml)).toEqual([]);
  });

  it.each<[string, string[], NodeJS.ProcessEnv, RegExp]>([
    ['an unknown profile', ['--profile', 'azure'], { SCIM_TOKEN: CANARY }, /--profile must be one of rfc, entra, okta/],
    ['an unknown group', ['--only', 'discovery,nothing'], { SCIM_TOKEN: CANARY }, /--only nothing: no such group or check/],
    ['an unset variable', [], {}, /--bearer-env: the environment variable SCIM_TOKEN is not set/],
    ['an unknown option', ['--token', CANARY], { SCIM_TOKEN: CANARY }, /Unknown option '--token'/],
  ])('exit 2 on bad usage: %s, with one line on stderr', async (_what, extra, env, message) => {
    const result = await cli(['conformance', '--url', strict.baseUrl, '--bearer-env', 'SCIM_TOKEN', ...extra], { SCIM_TOKEN: '', ...env });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(leaks(result.stderr)).toEqual([]);
  });

  it('exit 2 when the server cannot be reached, or refuses the token', async () => {
    const down = await cli(['conformance', '--url', 'http://127.0.0.1:9/scim/v2']);
    expect(down.code).toBe(2);
    expect(down.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^scim-inspector conformance: http:\/\/127\.0\.0\.1:9\/scim\/v2 could not be reached .*refused the connection/)]);
    const wrong = await cli(['conformance', '--url', strict.baseUrl, '--bearer-env', 'SCIM_TOKEN'], { SCIM_TOKEN: 'not-the-sandbox-token' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trim().split('\n')).toEqual([expect.stringMatching(/refused the endpoint's credentials: GET \/ServiceProviderConfig answered 401/)]);
    expect(wrong.stderr).not.toContain('not-the-sandbox-token');
  });

  it('Ctrl+C cancels: what the run created is removed, the partial report is written, exit 2', async () => {
    const proxy = await startCountingProxy(strict.baseUrl, { latencyMs: 150 });
    try {
      const users = async () => ((await (await fetch(`${strict.baseUrl}/Users?count=0`, { headers: { authorization: `Bearer ${CANARY}` } })).json()) as { totalResults: number }).totalResults;
      const before = await users();
      const out = join(work.path, 'cancelled.json');
      const child = spawn(process.execPath, [BIN, 'conformance', '--url', proxy.baseUrl, '--bearer-env', 'SCIM_TOKEN', '--concurrency', '1', '--json', out], { cwd: repoRoot, env: { ...process.env, SCIM_TOKEN: CANARY }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      // once a user exists that the run made, interrupt it
      await expect.poll(() => proxy.requests.some((r) => r.method === 'POST' && r.path.endsWith('/Users')), { timeout: 30_000 }).toBe(true);
      child.kill('SIGINT');
      expect(await exited).toBe(2);
      expect(stderr).toMatch(/Stopping: removing what the run created/);
      expect(stderr).toMatch(/The run was cancelled: the results above are incomplete\./);
      expect(proxy.requests.some((r) => r.method === 'DELETE')).toBe(true);
      expect(await users()).toBe(before);
      const report = JSON.parse(readFileSync(out, 'utf8')) as { checks: { status: string; detail: string }[] };
      expect(report.checks.some((c) => /cancelled/.test(c.detail))).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('takes Basic credentials from --basic-env as user:password', async () => {
    const result = await cli(['conformance', '--url', strict.baseUrl, '--basic-env', 'SCIM_BASIC', '--only', 'D01'], { SCIM_BASIC: `anyone:${CANARY}` });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/1 passed, 0 failed/);
    expect(leaks(result.stdout + result.stderr)).toEqual([]);
  });

  it('takes a second, read-only credential from --limited-bearer-env for Sec04 (403, not 401), never from arguments', async () => {
    const readOnly = `${CANARY}-read-only`;
    const server = await startSandbox({ users: 2, token: CANARY, readOnlyToken: readOnly });
    try {
      const out = join(work.path, 'limited');
      mkdirSync(out, { recursive: true });
      const result = await cli(['conformance', '--url', server.baseUrl, '--bearer-env', 'SCIM_TOKEN', '--limited-bearer-env', 'SCIM_READ_ONLY', '--only', 'Sec04', '--json', 'r.json'], { SCIM_TOKEN: CANARY, SCIM_READ_ONLY: readOnly }, out);
      expect(result.code, result.stderr).toBe(0);
      const json = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')) as { checks: { id: string; status: string; detail: string }[] };
      expect(json.checks).toEqual([expect.objectContaining({ id: 'Sec04', status: 'pass', detail: expect.stringMatching(/403/) })]);
      expect(leaks(result.stdout + result.stderr + readFileSync(join(out, 'r.json'), 'utf8'))).toEqual([]);
      const without = await cli(['conformance', '--url', server.baseUrl, '--bearer-env', 'SCIM_TOKEN', '--only', 'Sec04'], { SCIM_TOKEN: CANARY });
      expect(without.code).toBe(0);
      expect(without.stdout).toMatch(/0 passed, 0 failed, 0 warned, 1 skipped/);
      const unset = await cli(['conformance', '--url', server.baseUrl, '--limited-bearer-env', 'NOT_SET_ANYWHERE', '--only', 'Sec04'], {});
      expect(unset.code).toBe(2);
      expect(unset.stderr).toMatch(/--limited-bearer-env: the environment variable NOT_SET_ANYWHERE is not set/);
      const saved = await cli(['conformance', '--endpoint', 'x', '--limited-bearer-env', 'SCIM_READ_ONLY'], { SCIM_READ_ONLY: readOnly });
      expect(saved.code).toBe(2);
      expect(saved.stderr).toMatch(/go with --url/);
    } finally {
      await server.close();
    }
  });

  it('runs against an endpoint saved in a data folder (--endpoint NAME), its secret from the keychain', async () => {
    const dataDir = join(work.path, 'saved');
    const core = await compose({ host: 'web', dataDir, sandbox: false });
    const created = await core.router.dispatch('endpoints.create', { endpoint: { name: 'Staging SCIM', baseUrl: strict.baseUrl, auth: { kind: 'bearer' } } }, { origin: 'test' });
    if (!created.ok) throw new Error(created.error.message);
    const secret = await core.router.dispatch('endpoints.setSecret', { endpointId: (created.value as { id: string }).id, field: 'token', value: CANARY }, { origin: 'test' });
    if (!secret.ok) throw new Error(secret.error.message);
    await core.dispose();
    const result = await cli(['conformance', '--endpoint', 'staging scim', '--data-dir', dataDir, '--only', 'D01,D05']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/2 passed, 0 failed/);
    const unknown = await cli(['conformance', '--endpoint', 'Production', '--data-dir', dataDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No saved endpoint named "Production" .*; saved: Staging SCIM/);
    const mixed = await cli(['conformance', '--endpoint', 'Staging SCIM', '--bearer-env', 'X', '--data-dir', dataDir]);
    expect(mixed.stderr).toMatch(/--bearer-env and --basic-env go with --url/);
  });
});
