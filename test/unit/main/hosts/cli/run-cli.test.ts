import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretSpellings } from '@shared/redact/secret-scrubber';
import { compose } from '../../../../../src/main/compose';
import { startSandbox, type SandboxServer } from '../../../../../src/main/services/sandbox/sandbox';
import { tempDir } from '../../../../support/temp-dir';
import { buildOnce, cli } from './support/cli';

const CANARY = 'canary-run-cli-4f1e9d2ab07c3358';


const leaks = (text: string) => secretSpellings(CANARY).filter((form) => text.includes(form));

describe('npx scim-inspector run (a collection with its assertions, like newman)', () => {
  const work = tempDir('scim-run-cli-');
  const folder = join(work.path, 'smoke-collection');
  let sandbox: SandboxServer;

  beforeAll(async () => {
    buildOnce();
    sandbox = await startSandbox({ users: 5, token: CANARY });
    // a collection folder as a team keeps it in git, written by the app itself
    const core = await compose({ host: 'web', dataDir: join(work.path, 'author'), sandbox: false });
    const collection = await core.collections.create({ name: 'Smoke', folder });
    const { itemId: usersId } = await core.collections.createFolder(collection.id, '', 'Users');
    await core.collections.saveRequest(collection.id, {
      parentId: usersId,
      request: { name: 'List users', method: 'GET', path: '/Users?count={{count}}', assertions: [{ from: 'status', op: 'equals', value: '200' }, { from: 'body', path: 'itemsPerPage', op: 'equals', value: '{{count}}' }] },
    });
    await core.collections.saveRequest(collection.id, {
      request: { name: 'Create expects 201 from a GET', method: 'GET', path: '/Users?count=1', assertions: [{ from: 'status', op: 'equals', value: '201' }] },
    });
    await core.collections.update(collection.id, { variables: { count: '2' } });
    await core.dispose();
  });

  afterAll(async () => {
    await sandbox.close();
    work.cleanup();
  });

  it('exits 1 when an assertion fails, and the JUnit file names the failing step', async () => {
    const junit = join(work.path, 'run.xml');
    const json = join(work.path, 'run.json');
    const result = await cli(['run', folder, '--url', sandbox.baseUrl, '--bearer-env', 'SCIM_TOKEN', '--junit', junit, '--json', json], { SCIM_TOKEN: CANARY });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/1 passed, 1 failed of 2 steps/);
    expect(result.stdout).toMatch(/FAIL Create expects 201 from a GET/);
    const xml = readFileSync(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const suite = new XMLParser({ ignoreAttributes: false }).parse(xml).testsuites.testsuite;
    const cases = [suite.testcase].flat() as { '@_name': string; failure?: unknown }[];
    expect(cases.filter((c) => c.failure).map((c) => c['@_name'])).toEqual([expect.stringMatching(/^Create expects 201 from a GET/)]);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report).toMatchObject({ tool: 'scim-inspector', kind: 'collection-run', summary: expect.anything() });
    expect(report.steps.find((s: { name: string }) => s.name === 'List users').assertions).toContainEqual(expect.objectContaining({ path: 'itemsPerPage', passed: true, actual: '2' }));
    for (const text of [result.stdout, result.stderr, xml, readFileSync(json, 'utf8')]) expect(leaks(text)).toEqual([]);
  });

  it('exits 0 for a folder whose steps all pass, with --var overriding a collection variable', async () => {
    const result = await cli(['run', folder, '--folder', 'users', '--var', 'count=3', '--url', sandbox.baseUrl, '--bearer-env', 'SCIM_TOKEN'], { SCIM_TOKEN: CANARY });
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toMatch(/Smoke › users against .*: 1 passed, 0 failed of 1 steps/);
  });

  it('exits 2 when it cannot run: bad usage, an unknown folder, a server that cannot be reached', async () => {
    const usage = await cli(['run', '--url', sandbox.baseUrl]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Say which collection to run/);
    const folderMissing = await cli(['run', folder, '--folder', 'Nope', '--url', sandbox.baseUrl, '--bearer-env', 'SCIM_TOKEN'], { SCIM_TOKEN: CANARY });
    expect(folderMissing.code).toBe(2);
    expect(folderMissing.stderr).toMatch(/No folder or request "Nope".*its folders: Users/);
    const closed = await cli(['run', folder, '--url', 'http://127.0.0.1:9/scim/v2', '--bearer-env', 'SCIM_TOKEN'], { SCIM_TOKEN: CANARY });
    expect(closed.code, closed.stdout + closed.stderr).toBe(2);
    expect(closed.stderr).toMatch(/could not be reached/);
    for (const r of [usage, folderMissing, closed]) expect(leaks(r.stdout + r.stderr)).toEqual([]);
  });
});
