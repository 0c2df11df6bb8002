import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, RunResult, SavedRequestInput } from '@shared/model/collection';
import { compose, type AppCore } from '../../../../src/main/compose';
import { runTarget } from '../../../../src/main/services/collections/run-target';
import { runExitCode, runReportJson, runReportJunit } from '../../../../src/main/services/collections/run-report';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const json = [{ name: 'Content-Type', value: 'application/scim+json', enabled: true }];

/** Every tag closed in order, no bare `<` or `&` in text: well-formed enough for a JUnit reader. */
function wellFormed(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  for (const match of body.matchAll(/<(\/?)([A-Za-z-]+)((?:\s+[a-z]+="[^"<&]*(?:&(?:amp|lt|gt|quot);[^"<&]*)*")*)\s*(\/?)>|<|&(?!(amp|lt|gt|quot);)/g)) {
    if (match[2] === undefined) return false;
    if (match[4]) continue;
    if (match[1]) {
      if (stack.pop() !== match[2]) return false;
    } else stack.push(match[2]);
  }
  return stack.length === 0;
}

describe('collection runs judged by assertions, against the sandbox through the real engine', () => {
  let core: AppCore;
  let dir: string;
  let endpointId: string;
  const call = async <T>(command: string, payload: unknown): Promise<T> => {
    const answer = (await core.router.dispatch(command as never, payload as never, { origin: 'test' })) as { ok: boolean; value?: T; error?: { message: string } };
    if (!answer.ok) throw new Error(answer.error!.message);
    return answer.value!;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'run-assertions-'));
    core = await compose({ host: 'web', dataDir: dir, sandbox: { users: 3 } });
    endpointId = (await call<{ defaultId: string }>('endpoints.list', {})).defaultId;
  });
  afterAll(async () => {
    await core.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  async function lifecycle(createAssertions: SavedRequestInput['assertions']) {
    const c = await call<Collection>('collections.create', { name: `Lifecycle ${Math.random().toString(36).slice(2, 7)}` });
    await call('collections.update', { collectionId: c.id, variables: { userName: 'ingrid.lindqvist' } });
    const folder = await call<{ itemId: string }>('collections.createFolder', { collectionId: c.id, parentId: '', name: 'Users' });
    const save = (request: SavedRequestInput) => call<{ itemId: string }>('collections.saveRequest', { collectionId: c.id, parentId: folder.itemId, request });
    const create = await save({
      name: 'Create user',
      method: 'POST',
      path: '/Users',
      headers: json,
      body: JSON.stringify({ schemas: [USER], userName: '{{userName}}', emails: [{ value: '{{userName}}@example.com', type: 'work', primary: true }] }),
      assertions: createAssertions,
      captures: [{ variable: 'userId', from: 'body', path: 'id' }],
    });
    await save({
      name: 'Read it back',
      method: 'GET',
      path: '/Users/{{userId}}',
      assertions: [
        { from: 'status', op: 'equals', value: '200' },
        { from: 'body', path: 'emails[type eq "work"].value', op: 'equals', value: '{{userName}}@example.com' },
        { from: 'body', path: 'password', op: 'absent' },
        { from: 'header', path: 'content-type', op: 'contains', value: 'application/scim+json' },
        { from: 'time', op: 'lt', value: '30000' },
        { from: 'scim', op: 'equals', value: '0' },
      ],
    });
    await save({ name: 'Delete', method: 'DELETE', path: '/Users/{{userId}}', assertions: [{ from: 'status', op: 'in', value: '200,204' }] });
    // no assertions: judged by the default (status < 400), and this one is a 404
    await save({ name: 'Gone', method: 'GET', path: '/Users/{{userId}}' });
    return { collection: await call<Collection>('collections.get', { collectionId: c.id }), folderId: folder.itemId, createId: create.itemId };
  }

  it('passes a step when its assertions pass, fails it with expected and actual when one does not; every step has its SCIM checks', async () => {
    const { collection, folderId } = await lifecycle([
      { from: 'status', op: 'equals', value: '200' },
      { from: 'header', path: 'Location', op: 'exists' },
      { from: 'body', path: 'userName', op: 'equals', value: '{{userName}}' },
    ]);
    const result = await call<RunResult>('collections.run', { collectionId: collection.id, itemId: runTarget(collection, 'users'), endpointId });
    expect(result.itemId).toBe(folderId);
    expect(result.steps.map((s) => [s.name, s.status, s.ok])).toEqual([
      ['Create user', 201, false],
      ['Read it back', 200, true],
      ['Delete', 204, true],
      ['Gone', 404, false],
    ]);
    const create = result.steps[0]!;
    expect(create.assertions).toEqual([
      { from: 'status', path: '', op: 'equals', value: '200', passed: false, actual: '201' },
      { from: 'header', path: 'Location', op: 'exists', value: '', passed: true, actual: expect.stringMatching(/\/Users\/[\w-]+$/) },
      { from: 'body', path: 'userName', op: 'equals', value: 'ingrid.lindqvist', passed: true, actual: 'ingrid.lindqvist' },
    ]);
    expect(result.steps[1]!.assertions.every((a) => a.passed)).toBe(true);
    expect(result.steps[1]!.assertions[1]).toMatchObject({ value: 'ingrid.lindqvist@example.com', actual: 'ingrid.lindqvist@example.com' });
    expect(result.steps[3]!.assertions).toEqual([{ from: 'status', path: '', op: 'lt', value: '400', passed: false, actual: '404', implicit: true }]);
    for (const step of result.steps) expect(step.checks).toMatchObject({ scope: expect.any(String), counts: { error: expect.any(Number) } });
    expect(result.steps[1]!.checks!.scope).toMatch(/User resource/);
    expect(result.steps[3]!.checks!.scope).toMatch(/Error/);
    expect(result.summary).toEqual({ steps: 4, passed: 2, failed: 2, assertionsPassed: 9, assertionsFailed: 2, checkErrors: expect.any(Number) });
    expect(result.comparison).toBeUndefined();
    expect(runExitCode(result)).toBe(1);

    const junit = runReportJunit(result);
    expect(wellFormed(junit)).toBe(true);
    expect(junit).toContain('<testsuite name="' + collection.name + ' › Users" tests="4" failures="2" errors="0"');
    expect(junit).toMatch(/<testcase classname="[^"]+" name="Create user \(POST \/Users\)" time="[\d.]+">\s*<failure message="status equals 200: got 201" type="assertion">/);
    expect(junit).toContain('name="Gone (GET /Users/');
    expect(junit).toContain('status &lt; 400: got 404');
    const report = runReportJson(result, { version: '9.9.9' }) as { tool: string; summary: unknown; steps: { name: string; passed: boolean; assertions: { expected: string; actual: string; passed: boolean }[] }[] };
    expect(report.tool).toBe('scim-inspector');
    expect(report.steps[0]).toMatchObject({ name: 'Create user', passed: false, assertions: [{ expected: '200', actual: '201', passed: false }, {}, {}] });
  });

  it('compares a run with the previous run of the same folder: newly failing, newly passing, unchanged', async () => {
    const { collection, folderId, createId } = await lifecycle([{ from: 'status', op: 'equals', value: '201' }]);
    const first = await call<RunResult>('collections.run', { collectionId: collection.id, itemId: folderId, endpointId });
    expect(first.steps.map((s) => s.ok)).toEqual([true, true, true, false]);
    // the create now asserts the wrong status, the last step gets an assertion that a 404 is right
    const item = collection.items.find((i) => i.id === createId)!;
    await call('collections.saveRequest', { collectionId: collection.id, itemId: createId, request: { ...item.request!, assertions: [{ from: 'status', op: 'equals', value: '200' }] } });
    const gone = collection.items.find((i) => i.name === 'Gone')!;
    await call('collections.saveRequest', { collectionId: collection.id, itemId: gone.id, request: { ...gone.request!, assertions: [{ from: 'status', op: 'equals', value: '404' }, { from: 'body', path: 'scimType', op: 'absent' }] } });
    const second = await call<RunResult>('collections.run', { collectionId: collection.id, itemId: folderId, endpointId });
    expect(second.steps.map((s) => s.ok)).toEqual([false, true, true, true]);
    expect(second.comparison).toMatchObject({ previousRunId: first.runId, newlyFailing: 1, newlyPassing: 1, unchanged: 2 });
    expect(second.comparison!.steps.map((s) => [s.name, s.change])).toEqual([
      ['Create user', 'newly-failing'],
      ['Read it back', 'still-passing'],
      ['Delete', 'still-passing'],
      ['Gone', 'newly-passing'],
    ]);
    // another item of the same collection has no previous run to compare with
    const single = await call<RunResult>('collections.run', { collectionId: collection.id, itemId: createId, endpointId });
    expect(single.comparison).toBeUndefined();
  });

  it('names the folders there are when a host asks for one that does not exist', async () => {
    const { collection } = await lifecycle([]);
    expect(runTarget(collection, '')).toBe('');
    expect(runTarget(collection, 'USERS/')).toBe('Users');
    expect(runTarget(collection, 'Users/Read it back')).toBe('Users/read-it-back.request.json');
    expect(() => runTarget(collection, 'Groups')).toThrow(/No folder or request "Groups".*its folders: Users/);
  });
});
