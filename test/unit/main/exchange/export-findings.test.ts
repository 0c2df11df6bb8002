import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, RunResult } from '@shared/model/collection';
import { compose, type AppCore } from '../../../../src/main/compose';
import { startSandbox, type SandboxServer } from '../../../../src/main/services/sandbox/sandbox';
import { harProblems } from './har-check';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PERSONAL = /ingrid\.lindqvist|HR-4711-LINDQVIST|Ingrid Lindqvist/i;

interface HarFile {
  log: {
    entries: {
      request: { method: string; url: string };
      response: { status: number; content: { text?: string } };
      _scimFindings?: { severity: string; code: string; message: string; rfc: string; checkId?: string }[];
      _scimChecks?: { scope: string; errors: number; warnings: number };
      _step?: { name: string; passed: boolean };
      _assertions?: { op: string; value: string; actual: string; passed: boolean; implicit?: boolean }[];
    }[];
    _run?: { summary: { failed: number }; comparison?: { newlyFailing: number; newlyPassing: number; unchanged: number }; steps: { name: string; passed: boolean }[] };
  };
}

describe('exports carry the SCIM check findings and, for a run, its assertions and comparison', () => {
  let core: AppCore;
  let sandbox: SandboxServer;
  let dir: string;
  let endpointId: string;
  let collection: Collection;
  const call = async <T>(command: string, payload: unknown): Promise<T> => {
    const answer = (await core.router.dispatch(command as never, payload as never, { origin: 'test' })) as { ok: boolean; value?: T; error?: { message: string } };
    if (!answer.ok) throw new Error(answer.error!.message);
    return answer.value!;
  };
  const run = (itemId = '') => call<RunResult>('collections.run', { collectionId: collection.id, itemId, endpointId });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'export-findings-'));
    // two departures from RFC 7644 the checks must report: a 201 without Location, an Error status as a number
    sandbox = await startSandbox({ users: 3, defects: ['no-location', 'error-status-number'] });
    core = await compose({ host: 'web', dataDir: dir, sandbox: false, builtInEndpoints: () => [{ id: 'defective', name: 'Defective', baseUrl: sandbox.baseUrl, token: sandbox.token }] });
    endpointId = 'defective';
    collection = await call<Collection>('collections.create', { name: 'Support ticket' });
    await call('collections.update', { collectionId: collection.id, variables: { userName: 'ingrid.lindqvist' } });
    const save = (request: Record<string, unknown>) => call('collections.saveRequest', { collectionId: collection.id, parentId: '', request });
    await save({
      name: 'Create user',
      method: 'POST',
      path: '/Users',
      headers: [{ name: 'Content-Type', value: 'application/scim+json', enabled: true }],
      body: JSON.stringify({ schemas: [USER], userName: '{{userName}}', externalId: 'HR-4711-LINDQVIST', displayName: 'Ingrid Lindqvist' }),
      assertions: [
        { from: 'status', op: 'equals', value: '201' },
        { from: 'body', path: 'userName', op: 'equals', value: '{{userName}}' },
        { from: 'scim', op: 'equals', value: '0' },
      ],
      captures: [{ variable: 'userId', from: 'body', path: 'id' }],
    });
    await save({ name: 'Missing user', method: 'GET', path: '/Users/no-such-user' });
  });
  afterAll(async () => {
    await core.dispose();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a run export (HAR, Markdown, JSON) lists each step’s assertions with expected and actual, the findings, and the comparison; userName and externalId replaced by default', async () => {
    const first = await run();
    expect(first.steps.map((s) => s.ok)).toEqual([true, false]);
    // the second run creates the same userName again: the sandbox answers 409, the create's assertion fails
    const second = await run();
    expect(second.steps.map((s) => [s.status, s.ok])).toEqual([
      [409, false],
      [404, false],
    ]);
    expect(second.comparison).toMatchObject({ newlyFailing: 1, newlyPassing: 0, unchanged: 1 });

    const harFile = await call<{ content: string }>('exchange.export', { source: { kind: 'run', runId: first.runId }, format: 'har' });
    const har = JSON.parse(harFile.content) as HarFile;
    expect(harProblems(har)).toEqual([]);
    const [create, missing] = har.log.entries;
    expect(create!._step).toEqual({ name: 'Create user', passed: true });
    expect(create!._scimChecks).toMatchObject({ errors: 0, warnings: expect.any(Number) });
    expect(create!._scimFindings!.map((f) => f.code)).toContain('locationHeaderMissing');
    expect(create!._assertions!.map((a) => [a.op, a.value, a.actual, a.passed])).toEqual([
      ['equals', '201', '201', true],
      ['equals', 'userName-1', 'userName-1', true],
      ['equals', '0', '0', true],
    ]);
    expect(missing!._step).toEqual({ name: 'Missing user', passed: false });
    expect(missing!._assertions).toEqual([expect.objectContaining({ op: 'lt', value: '400', actual: '404', passed: false, implicit: true })]);
    expect(missing!._scimFindings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'statusNotString', rfc: expect.stringContaining('RFC 7644') }));
    expect(har.log._run!.steps.map((s) => [s.name, s.passed])).toEqual([
      ['Create user', true],
      ['Missing user', false],
    ]);
    expect(harFile.content).not.toMatch(PERSONAL);

    const markdown = (await call<{ content: string }>('exchange.export', { source: { kind: 'run', runId: second.runId }, format: 'markdown' })).content;
    expect(markdown).toMatch(/^# Collection run: Support ticket\n/);
    expect(markdown).toContain('- Steps: 2, 0 passed, 2 failed;');
    expect(markdown).toMatch(/- Against the run of [^:]+:\d\d:[^:]+: 1 newly failing \(`Create user`\), 0 newly passing, 1 unchanged/);
    expect(markdown).toContain('| 1 | Create user (POST /Users) | 409 | failed: status equals 201: got 409; body userName equals userName-1: got (absent); SCIM check errors equals 0: got 1 |');
    expect(markdown).toContain('### Assertions of step `Create user`: failed');
    expect(markdown).toContain('- **FAIL** `status equals 201`, expected `201`, got `409`');
    expect(markdown).toContain('- **FAIL** `status < 400`, expected `400`, got `404` _(default assertion: the request has none)_');
    expect(markdown).toMatch(/### SCIM checks: 1 error, \d+ warnings?, \d+ info\n\n_Checked: SCIM Error body\._\n\n- \*\*error\*\* `statusNotString`/);
    expect(markdown).not.toMatch(PERSONAL);

    const json = JSON.parse((await call<{ content: string }>('exchange.export', { source: { kind: 'run', runId: second.runId }, format: 'json' })).content) as {
      run: { comparison: { newlyFailing: number } };
      exchanges: { scimChecks?: { counts: { error: number } }; step?: { assertions: { passed: boolean }[] } }[];
    };
    expect(json.run.comparison.newlyFailing).toBe(1);
    expect(json.exchanges.map((e) => e.scimChecks?.counts.error)).toEqual([1, 1]);
    expect(json.exchanges[0]!.step!.assertions.map((a) => a.passed)).toEqual([false, false, false]);
  });

  it('a history export has the findings too: HAR in _scimFindings on each entry, Markdown as a list under each exchange', async () => {
    const ids = (await call<{ entries: { id: number }[] }>('history.list', { limit: 2 })).entries.map((e) => e.id);
    const har = JSON.parse((await call<{ content: string }>('exchange.export', { source: { kind: 'history', ids }, format: 'har' })).content) as HarFile;
    expect(har.log.entries).toHaveLength(2);
    for (const entry of har.log.entries) {
      expect(entry._scimChecks!.scope).toEqual(expect.any(String));
      expect(Array.isArray(entry._scimFindings)).toBe(true);
      expect(entry._assertions).toBeUndefined();
    }
    expect(har.log.entries.flatMap((e) => e._scimFindings!.map((f) => f.code))).toContain('statusNotString');
    expect(har.log._run).toBeUndefined();
    const markdown = (await call<{ content: string }>('exchange.export', { source: { kind: 'history', ids }, format: 'markdown' })).content;
    expect(markdown.match(/### SCIM checks: /g)).toHaveLength(2);
    expect(markdown).toContain('- **error** `statusNotString`');
    expect(markdown).not.toMatch(PERSONAL);
  });
});
