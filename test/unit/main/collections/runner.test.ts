import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { CollectionRunner } from '../../../../src/main/services/collections/collection-runner';
import { evaluateCapture, jsonPathSegments } from '../../../../src/main/services/collections/capture';
import { interpolate } from '../../../../src/main/services/collections/variables';
import { startScimmyServer, type ScimmyServer } from '../../../peers/scimmy-server';
import { fetchRunner } from '../../../support/fetch-runner';
import { tempDir } from '../history/helpers';
import { collectionsIn } from './helpers';

describe('running saved requests', () => {
  let scimmy: ScimmyServer;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    scimmy = await startScimmyServer();
    tmp = tempDir('collections-run-');
  });
  afterAll(async () => {
    await scimmy.close();
    tmp.remove();
  });

  it('runs a folder in order against a real SCIM server, captures feeding the next requests', async () => {
    const scrubber = new SecretScrubber();
    scrubber.add(scimmy.token);
    const { service } = collectionsIn(tmp.dir, { scrubber });
    await service.init();
    const c = await service.create({ name: 'Lifecycle', variables: { userName: 'ingrid.lindqvist' } });
    const folder = await service.createFolder(c.id, '', 'User lifecycle');
    const json = [{ name: 'Content-Type', value: 'application/scim+json', enabled: true }];
    await service.saveRequest(c.id, {
      parentId: folder.itemId,
      request: {
        name: 'Create user',
        method: 'POST',
        path: '/Users',
        headers: json,
        body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: '{{userName}}', emails: [{ value: '{{userName}}@example.com', primary: true }] }),
        captures: [
          { variable: 'userId', from: 'body', path: 'id' },
          { variable: 'createdStatus', from: 'status' },
          { variable: 'missing', from: 'body', path: 'nothing.here' },
        ],
      },
    });
    await service.saveRequest(c.id, { parentId: folder.itemId, request: { name: 'Read it back', method: 'GET', path: '/Users/{{userId}}', captures: [{ variable: 'email', from: 'body', path: 'emails[0].value' }] } });
    await service.saveRequest(c.id, {
      parentId: folder.itemId,
      request: { name: 'Deactivate', method: 'PATCH', path: '/Users/{{userId}}', headers: json, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] }) },
    });
    await service.saveRequest(c.id, { parentId: folder.itemId, request: { name: 'Delete', method: 'DELETE', path: '/Users/{{userId}}' } });
    await service.saveRequest(c.id, { parentId: folder.itemId, request: { name: 'Gone', method: 'GET', path: '/Users/{{userId}}' } });

    const runner = fetchRunner({ endpoints: { scimmy: { baseUrl: scimmy.baseUrl, token: scimmy.token } }, scrubber });
    const progress: number[] = [];
    const run = new CollectionRunner({ collections: service, runner: () => runner, onStep: (_id, _step, index) => progress.push(index) });
    const result = await run.run({ collectionId: c.id, itemId: folder.itemId, endpointId: 'scimmy' });

    expect(result.steps.map((s) => [s.name, s.status, s.ok])).toEqual([
      ['Create user', 201, true],
      ['Read it back', 200, true],
      ['Deactivate', 200, true],
      ['Delete', 204, true],
      ['Gone', 404, false],
    ]);
    const userId = result.steps[0]!.captured.userId!;
    expect(userId).toMatch(/[0-9a-f-]{36}/);
    expect(result.steps[0]!.captured.createdStatus).toBe('201');
    expect(result.steps[0]!.captureProblems).toEqual(['missing: nothing at "nothing.here" in the response body']);
    expect(result.steps[1]!.path).toBe(`/Users/${userId}`);
    expect(result.steps[1]!.captured.email).toBe('ingrid.lindqvist@example.com');
    expect(result.variables).toMatchObject({ userName: 'ingrid.lindqvist', userId, email: 'ingrid.lindqvist@example.com' });
    expect(scimmy.users.has(userId)).toBe(false);
    expect(progress).toEqual([0, 1, 2, 3, 4]);
    expect(run.get(result.runId)?.exchanges).toHaveLength(5);

    // stop at the first failure
    const stopped = await run.run({ collectionId: c.id, itemId: `${folder.itemId}/read-it-back.request.json`, endpointId: 'scimmy', variables: { userId: 'no-such-user' }, stopOnError: true });
    expect(stopped.steps.map((s) => s.status)).toEqual([404]);
  });

  it('reports a failed send as a step, and can be cancelled', async () => {
    const { service } = collectionsIn(tmp.dir);
    await service.init();
    const c = await service.create({ name: 'Unreachable' });
    await service.saveRequest(c.id, { request: { name: 'One', method: 'GET', path: '/a' } });
    await service.saveRequest(c.id, { request: { name: 'Two', method: 'GET', path: '/b' } });
    const runner = fetchRunner({ endpoints: { down: { baseUrl: 'http://127.0.0.1:9' } }, scrubber: new SecretScrubber() });
    const run = new CollectionRunner({ collections: service, runner: () => runner });
    const result = await run.run({ collectionId: c.id, itemId: '', endpointId: 'down' });
    expect(result.steps).toHaveLength(2);
    expect(result.steps.every((s) => !s.ok && s.error)).toBe(true);

    let release: () => void = () => {};
    const slow = { send: () => new Promise<never>((_, reject) => (release = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })))) };
    const cancellable = new CollectionRunner({ collections: service, runner: () => slow });
    const pending = cancellable.run({ collectionId: c.id, itemId: '', endpointId: 'down', runId: 'run-1' });
    await new Promise((r) => setTimeout(r, 20));
    expect(cancellable.cancel('run-1')).toBe(true);
    release();
    const cancelled = await pending;
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.steps).toHaveLength(1);
    expect(cancelled.steps[0]!.error?.kind).toBe('cancelled');
  });
});

describe('captures and variables', () => {
  it('reads JSON paths case-insensitively, headers and status', () => {
    expect(jsonPathSegments('$.Resources[0]["urn:x:y"].id')).toEqual(['Resources', 0, 'urn:x:y', 'id']);
    const exchange = {
      id: 'x',
      startedAt: '',
      request: { method: 'GET', url: '/', headers: [] },
      response: { status: 200, statusText: 'OK', headers: [['ETag', 'W/"3"']] as [string, string][], body: { size: 0, preview: '', truncated: false } },
      timings: { total: 1 },
      redirects: [],
    };
    const body = JSON.stringify({ Resources: [{ ID: 'abc', meta: { version: 'W/"3"' }, emails: [{ value: 'a@b.c' }] }] });
    expect(evaluateCapture({ variable: 'id', from: 'body', path: 'resources[0].id' }, exchange, body)).toEqual({ value: 'abc' });
    expect(evaluateCapture({ variable: 'meta', from: 'body', path: 'Resources[0].meta' }, exchange, body)).toEqual({ value: '{"version":"W/\\"3\\""}' });
    expect(evaluateCapture({ variable: 'etag', from: 'header', path: 'etag' }, exchange, body)).toEqual({ value: 'W/"3"' });
    expect(evaluateCapture({ variable: 's', from: 'status', path: '' }, exchange, body)).toEqual({ value: '200' });
    expect(evaluateCapture({ variable: 'x', from: 'body', path: 'id' }, exchange, 'not json')).toEqual({ problem: 'x: the response body is not JSON' });
  });

  it('fills known variables and leaves the others for the endpoint', () => {
    expect(interpolate('/Users/{{ id }}?x={{unknown}}', { id: '42' })).toBe('/Users/42?x={{unknown}}');
  });
});
