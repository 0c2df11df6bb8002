import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMappings, seedDirectory, type MappingSet, type SourceDirectory } from '@shared/idp';
import { secretSpellings } from '@shared/redact/secret-scrubber';
import { startSandbox, type SandboxOptions, type SandboxServer } from '../../../../../src/main/services/sandbox/sandbox';
import { tempDir } from '../../../../support/temp-dir';
import { buildOnce, cli } from './support/cli';

const CANARY = 'canary-sim-4d1c97e2b05a8f36';



const leaks = (text: string) => secretSpellings(CANARY).filter((form) => text.includes(form));
const allFiles = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[])
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path).toString('latin1') }));

interface JsonReport {
  tool: string;
  version: string;
  target: { url: string };
  profile: string;
  summary: { passed: number; failed: number; warned: number; skipped: number };
  checks: { id: string; group: string; title: string; rfc: string; status: string; detail: string; exchanges: string[] }[];
}

describe('npx scim-inspector simulate (the IdP simulator on the command line)', () => {
  const work = tempDir('scim-sim-cli-');
  const servers: SandboxServer[] = [];
  /** a sandbox of its own per scenario: a cycle leaves the server changed */
  const sandbox = async (options: SandboxOptions = {}) => {
    const server = await startSandbox({ users: 3, token: CANARY, ...options });
    servers.push(server);
    return server;
  };
  const simulate = (server: SandboxServer, profile: string, extra: string[] = [], cwd?: string) =>
    cli(['simulate', '--profile', profile, '--url', server.baseUrl, '--bearer-env', 'SCIM_TOKEN', '--rate', '0', ...extra], { SCIM_TOKEN: CANARY }, cwd);

  beforeAll(() => {
    buildOnce();
  }, 180_000);

  afterAll(async () => {
    for (const server of servers) await server.close();
    work.cleanup();
  });

  it('--help lists simulate; simulate --help lists its options and the ids of steps without a catalogue entry', async () => {
    const top = await cli(['--help']);
    expect(top.stdout).toMatch(/simulate\s+play Entra ID or Okta against a SCIM server/);
    const own = await cli(['simulate', '--help']);
    expect(own.code).toBe(0);
    for (const option of ['--profile', '--url', '--bearer-env', '--basic-env', '--endpoint', '--mapping', '--users', '--rate', '--keep', '--json', '--junit', 'entra-flag', 'okta-put']) expect(own.stdout).toContain(option);
    expect(own.stdout).toContain('SIM-<profile>-<step>-<object>');
  });

  it('entra-flag against the strict sandbox: every step passes, exit 0; the JSON report has the conformance shape, JUnit is valid, the token is nowhere', async () => {
    const server = await sandbox();
    const out = join(work.path, 'flag');
    const dataDir = join(work.path, 'flag-data');
    mkdirSync(out, { recursive: true });
    const result = await simulate(server, 'entra-flag', ['--json', 'r.json', '--junit', 'r.junit.xml', '--data-dir', dataDir], out);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\(simulated Microsoft Entra ID \(aadOptscim062020\)\): \d+ passed, 0 failed, \d+ warned, 0 skipped in [\d.]+ s/);
    expect(result.stdout).toMatch(/^ {2}Full cycle: \d+ requests; 15 created, 0 updated/m);
    expect(result.stdout).toMatch(/^ {2}Update cycle: \d+ requests; 0 created, 4 updated, 1 disabled/m);
    expect(result.stdout).toMatch(/^ {2}Deprovision: \d+ requests; 0 created, 0 updated, 0 disabled, 15 deleted, 0 object\(s\) failed/m);
    // not a terminal: one plain line per object, as the provisioning log lists it
    expect(result.stderr).toMatch(/^Full cycle: PASS user adele\.vance@contoso\.example: Created /m);
    expect(result.stderr).toMatch(/^Update cycle: adele\.vance@contoso\.example: displayName and jobTitle changed; .*diego\.siciliani@contoso\.example: soft-deleted/m);

    const json = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')) as JsonReport;
    expect(Object.keys(json)).toEqual(['tool', 'version', 'target', 'profile', 'summary', 'checks']);
    expect(json).toMatchObject({ tool: 'scim-inspector', target: { url: server.baseUrl }, profile: 'entra-flag', summary: { failed: 0, skipped: 0 } });
    for (const c of json.checks) {
      expect(Object.keys(c)).toEqual(['id', 'group', 'title', 'rfc', 'status', 'detail', 'exchanges']);
      expect(c.id).toMatch(/^(En\d\d|SIM-entra-flag-[a-z-]+-[a-z0-9.@_-]+)$/);
      expect(c.exchanges).toHaveLength(1);
    }
    expect([...new Set(json.checks.map((c) => c.group))]).toEqual(['Full cycle', 'Update cycle', 'Deprovision']);
    const ids = new Set(json.checks.map((c) => c.id));
    for (const id of ['En01', 'En02', 'En05', 'En06', 'En08', 'En10', 'En13', 'En15', 'En16', 'En17', 'En19', 'En20']) expect(ids, id).toContain(id);
    expect(ids).toContain('SIM-entra-flag-delete-user-adele.vance@contoso.example');
    // the flag's multi-attribute replace (keys that are paths) lands on the strict sandbox
    expect(json.checks.find((c) => c.id === 'En13')).toMatchObject({ group: 'Update cycle', status: 'pass', title: 'Update 2 attributes (adele.vance@contoso.example)' });
    expect(json.summary.passed + json.summary.warned).toBe(json.checks.length);

    const xml = readFileSync(join(out, 'r.junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as { testsuites: { name: string; tests: string; failures: string; testsuite: { name: string }[] } };
    expect(parsed.testsuites).toMatchObject({ name: `scim-inspector simulate (entra-flag) ${server.baseUrl}`, tests: String(json.checks.length), failures: '0' });
    expect(parsed.testsuites.testsuite.map((s) => s.name)).toEqual(['Full cycle', 'Update cycle', 'Deprovision']);
    expect(leaks(result.stdout + result.stderr)).toEqual([]);
    for (const file of [...allFiles(out), ...allFiles(dataDir)]) expect(leaks(file.text), file.path).toEqual([]);
  });

  it('entra against the strict sandbox: its default shapes fail as Entra would log them, exit 1, each failure naming the departure and the fix', async () => {
    const server = await sandbox();
    const out = join(work.path, 'entra.json');
    const junit = join(work.path, 'entra.junit.xml');
    const result = await simulate(server, 'entra', ['--json', out, '--junit', junit]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^ {2}FAIL En09 Update cycle: Disable the user \(active false\) \(diego\.siciliani@contoso\.example\): Disable user failed: 400/m);
    const json = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
    const failed = json.checks.filter((c) => c.status === 'fail');
    expect([...new Set(failed.map((c) => c.id))].sort()).toEqual(['En09', 'En11', 'En12', 'En16', 'En17', 'En19']);
    const disable = failed.find((c) => c.id === 'En09')!;
    expect(disable.detail).toContain('"op": "Replace" is not lower-case');
    expect(disable.detail).toContain('"active" is a boolean, but the value is the string "False"');
    expect(disable.detail).toContain('Fix: Compare "op" ignoring case');
    expect(disable.detail).toContain('Then: Entra logs a failure for this object and retries it in the next cycle');
    expect(disable.rfc).toContain('"Requests made to disable users"');
    // creates and queries are RFC 7644 and pass
    expect(json.checks.filter((c) => c.id === 'En06').every((c) => c.status === 'pass')).toBe(true);
    const xml = readFileSync(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(/<testcase classname="scim-inspector\.Update cycle" name="En09 Disable the user \(active false\) \(diego\.siciliani@contoso\.example\)" time="[\d.]+">\n\s+<failure message="/);
    expect(leaks(result.stdout + result.stderr + xml + readFileSync(out, 'utf8'))).toEqual([]);
  });

  it.each(['entra', 'entra-flag', 'okta', 'okta-put'])('%s against the lenient sandbox: full, update and deprovision cycles succeed, exit 0', async (profile) => {
    const server = await sandbox({ lenient: true });
    const result = await simulate(server, profile);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/: \d+ passed, 0 failed, \d+ warned, 0 skipped/);
    expect(result.stdout).toMatch(/^ {2}Deprovision: .*, 0 object\(s\) failed$/m);
  });

  it('--keep leaves what the run created; --mapping and --users read the files the app saves', async () => {
    const server = await sandbox();
    const mappings: MappingSet = defaultMappings('okta');
    // an admin's edit: the display name from first and last name
    mappings.user = mappings.user.map((row) => (row.target === 'displayName' ? { ...row, source: 'Join(" ", user.firstName, user.lastName)' } : row));
    const seeded = seedDirectory();
    const directory: SourceDirectory = { ...seeded, users: seeded.users.slice(0, 2).map((u) => ({ ...u, attributes: { ...u.attributes, userPrincipalName: u.attributes.userPrincipalName!.replace('contoso.example', 'fabrikam.example') } })), groups: [] };
    const mapFile = join(work.path, 'okta-mapping.json');
    const usersFile = join(work.path, 'users.json');
    writeFileSync(mapFile, JSON.stringify(mappings, null, 2));
    writeFileSync(usersFile, JSON.stringify(directory, null, 2));
    const out = join(work.path, 'keep.json');
    const result = await simulate(server, 'okta', ['--mapping', mapFile, '--users', usersFile, '--keep', '--json', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/Deprovision/);
    const json = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
    expect(json.checks.filter((c) => c.id === 'Ok02').map((c) => c.title)).toEqual(['Create the user (adele.vance@fabrikam.example)', 'Create the user (alex.wilber@fabrikam.example)']);
    const found = (await (await fetch(`${server.baseUrl}/Users?filter=${encodeURIComponent('userName eq "adele.vance@fabrikam.example"')}`, { headers: { authorization: `Bearer ${CANARY}` } })).json()) as { Resources: { displayName: string }[] };
    // the file's mapping, not the default one (which would have sent the edited "Adele Vance (Contractor)")
    expect(found.Resources[0]?.displayName).toBe('Adele Vance');
  });

  it.each<[string, (dir: string) => string[], RegExp]>([
    ['no profile', () => [], /--profile is required: one of entra, entra-flag, okta, okta-put/],
    ['an unknown profile', () => ['--profile', 'azure'], /--profile must be one of entra, entra-flag, okta, okta-put, not "azure"/],
    ['a bad rate', () => ['--profile', 'okta', '--rate', 'fast'], /--rate must be a number of requests per second/],
    [
      'a mapping file that is not JSON',
      (dir) => {
        writeFileSync(join(dir, 'broken.json'), '{\n  "version": 1,\n  "profile": "entra",\n  "user": [,]\n}');
        return ['--profile', 'entra', '--mapping', join(dir, 'broken.json')];
      },
      /--mapping \S+broken\.json is not valid JSON: Unexpected token .*\(line \d+, column \d+\)/,
    ],
    [
      'a mapping with a bad expression',
      (dir) => {
        const set = defaultMappings('entra');
        set.user[1] = { ...set.user[1]!, source: 'Switch([IsSoftDeleted], "False"' };
        writeFileSync(join(dir, 'expr.json'), JSON.stringify(set));
        return ['--profile', 'entra', '--mapping', join(dir, 'expr.json')];
      },
      /--mapping \S+expr\.json: 1 error in the mappings, first user row "user-2" source: /,
    ],
    [
      'a mapping written for the other IdP',
      (dir) => {
        writeFileSync(join(dir, 'okta-map.json'), JSON.stringify(defaultMappings('okta')));
        return ['--profile', 'entra-flag', '--mapping', join(dir, 'okta-map.json')];
      },
      /--mapping \S+okta-map\.json was written for the profile "okta"/,
    ],
    [
      'a users file of the wrong shape',
      (dir) => {
        writeFileSync(join(dir, 'people.json'), JSON.stringify({ version: 1, users: [{ id: '' }] }));
        return ['--profile', 'okta', '--users', join(dir, 'people.json')];
      },
      /--users \S+people\.json: users\.0\.id: /,
    ],
    ['a users file that is missing', (dir) => ['--profile', 'okta', '--users', join(dir, 'nowhere.json')], /--users \S+nowhere\.json cannot be read: ENOENT/],
  ])('exit 2 on %s, with the file and the problem on one line', async (_what, args, message) => {
    const dir = join(work.path, 'bad');
    mkdirSync(dir, { recursive: true });
    const result = await cli(['simulate', '--url', 'http://127.0.0.1:9/scim/v2', '--bearer-env', 'SCIM_TOKEN', ...args(dir)], { SCIM_TOKEN: CANARY });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(leaks(result.stderr)).toEqual([]);
  });

  it('exit 2 when the server cannot be reached or refuses the token, before anything is sent to create', async () => {
    const down = await cli(['simulate', '--profile', 'entra', '--url', 'http://127.0.0.1:9/scim/v2']);
    expect(down.code).toBe(2);
    expect(down.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^scim-inspector simulate: .*http:\/\/127\.0\.0\.1:9\/scim\/v2.*(could not be reached|refused the connection)/)]);
    const server = await sandbox();
    const wrong = await cli(['simulate', '--profile', 'okta', '--url', server.baseUrl, '--bearer-env', 'SCIM_TOKEN'], { SCIM_TOKEN: 'not-the-sandbox-token' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trim().split('\n')).toEqual([expect.stringMatching(/The server refused the credentials: GET \/Users answered 401\. Nothing was simulated\./)]);
    expect(wrong.stderr).not.toContain('not-the-sandbox-token');
    const users = (await (await fetch(`${server.baseUrl}/Users?count=0`, { headers: { authorization: `Bearer ${CANARY}` } })).json()) as { totalResults: number };
    expect(users.totalResults).toBe(3);
  });
});
