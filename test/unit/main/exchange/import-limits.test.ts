import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { MAX_FOLDER_DEPTH, planTree, writePlan, type TreeNode } from '../../../../src/main/services/collections/tree-writer';
import { tempDir } from '../history/helpers';
import { startCore } from './harness';

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** A Postman collection nested `depth` folders deep, each folder holding one request and the next folder. */
function deepPostman(depth: number): string {
  let inner: Record<string, unknown>[] = [];
  for (let level = depth; level >= 1; level--) {
    inner = [{ name: `Level ${level}`, item: [{ name: `Request ${level}`, request: { method: 'GET', url: `{{baseUrl}}/Users?level=${level}` } }, ...inner] }];
  }
  return JSON.stringify({ info: { name: 'Deep', schema: SCHEMA }, item: inner });
}

/** Everything under a folder, as relative paths. */
const tree = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).sort();

describe('imports at the limits of the file system', () => {
  let app: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    app = await startCore({});
  });
  afterAll(() => app.stop());

  it('a Postman collection nested 1,000 folders deep imports whole, flattened below a sane depth, and says so', async () => {
    const result = await app.call('exchange.import', { format: 'postman', text: deepPostman(1000), target: { kind: 'new' } });
    expect(result.imported).toBe(1000);
    expect(result.warnings.join('\n')).toMatch(new RegExp(`${1000 - MAX_FOLDER_DEPTH} folder\\(s\\) nested more than ${MAX_FOLDER_DEPTH} levels deep .* were flattened`));
    const collection = await app.call('collections.get', { collectionId: result.collectionId });
    expect(collection.problems).toEqual([]);
    const requests = collection.items.filter((i) => i.kind === 'request');
    expect(requests.map((r) => r.request!.path).sort()).toEqual(Array.from({ length: 1000 }, (_, i) => `/Users?level=${i + 1}`).sort());
    expect(collection.items.filter((i) => i.kind === 'folder')).toHaveLength(MAX_FOLDER_DEPTH);
    expect(Math.max(...collection.items.map((i) => i.depth))).toBe(MAX_FOLDER_DEPTH);
    // the first levels keep their structure
    expect(requests.find((r) => r.request!.path === '/Users?level=3')!.parentId).toBe('Level 1/Level 2/Level 3');
  });

  it('a 200-character CJK folder name is cut to fit the 255-byte name limit, between characters, with a suffix that keeps names apart', async () => {
    const long = '用户组管理'.repeat(40);
    const twin = `${long.slice(0, -1)}理`.replace(/理$/, '组');
    expect(long.length).toBe(200);
    expect(bytes(long)).toBe(600);
    const text = JSON.stringify({
      info: { name: 'CJK', schema: SCHEMA },
      item: [
        { name: long, item: [{ name: '列出用户', request: { method: 'GET', url: '{{baseUrl}}/Users' } }] },
        { name: twin, item: [{ name: '列出组', request: { method: 'GET', url: '{{baseUrl}}/Groups' } }] },
      ],
    });
    const result = await app.call('exchange.import', { format: 'postman', text, target: { kind: 'new' } });
    expect(result.imported).toBe(2);
    const collection = await app.call('collections.get', { collectionId: result.collectionId });
    const folders = collection.items.filter((i) => i.kind === 'folder');
    expect(folders).toHaveLength(2);
    for (const folder of folders) {
      expect(bytes(folder.name)).toBeLessThanOrEqual(255);
      expect(folder.name).toMatch(/^(用户组管理)+用?户?组?管?~[0-9a-f]{6}$/);
      expect(folder.name.startsWith('用户组管理'.repeat(8))).toBe(true);
    }
    expect(folders[0]!.name).not.toBe(folders[1]!.name);
    expect(collection.items.filter((i) => i.kind === 'request').map((i) => i.parentId).sort()).toEqual(folders.map((f) => f.id).sort());
    // the same name typed into the app fits too
    const made = await app.call('collections.createFolder', { collectionId: result.collectionId, name: `新${long.slice(1)}` });
    expect(bytes(made.itemId)).toBeLessThanOrEqual(255);
  });

  it('an import that fails leaves nothing behind', async () => {
    // the list of opened folders cannot be written, so registering the new collection fails at the very end
    const registry = join(app.dir, 'collection-folders.json');
    rmSync(registry, { force: true });
    mkdirSync(registry);
    try {
      const outside = join(app.dir, 'elsewhere', 'scim-tests');
      const error = await app
        .call('exchange.import', { format: 'postman', text: deepPostman(30), target: { kind: 'new', folder: outside } })
        .then(() => undefined, (e: { error?: { message?: string } }) => e.error?.message);
      expect(error).toMatch(/^Nothing was imported into .*: EISDIR.*collection-folders\.json/);
      expect(existsSync(join(app.dir, 'elsewhere'))).toBe(false);
    } finally {
      rmSync(registry, { recursive: true });
    }
  });
});

describe('writing a planned tree', () => {
  const request = (name: string): TreeNode => ({ kind: 'request', request: { version: 1, name, method: 'GET', path: '/', headers: [], assertions: [], captures: [] } });
  const nodes: TreeNode[] = [request('First'), { kind: 'folder', name: 'Users', children: [request('A'), request('B')] }, request('Last')];

  it('puts nothing in place when a file cannot be written', async () => {
    const tmp = tempDir('plan-');
    writeFileSync(join(tmp.dir, 'existing.request.json'), '{}');
    const before = tree(tmp.dir);
    const plan = planTree(nodes, { id: '', path: tmp.dir, taken: readdirSync(tmp.dir) }, new SecretScrubber());
    // a name no file system takes, after some files that were written
    plan.files.push({ path: `Users/${'x'.repeat(300)}.request.json`, json: {} });
    await expect(writePlan(tmp.dir, plan, { commit: (move) => move(), after: async () => undefined })).rejects.toThrow(/^Nothing was imported into .*ENAMETOOLONG/);
    expect(tree(tmp.dir)).toEqual(before);
    tmp.remove();
  });

  it('moves back what was already moved when a later step fails', async () => {
    const tmp = tempDir('plan-');
    const plan = planTree(nodes, { id: '', path: tmp.dir, taken: [] }, new SecretScrubber());
    expect(plan.top.map((t) => t.name)).toEqual(['first.request.json', 'Users', 'last.request.json']);
    // something with the last name appears after the names were chosen
    mkdirSync(join(tmp.dir, 'keep'));
    writeFileSync(join(tmp.dir, 'last.request.json'), 'not ours');
    await expect(writePlan(tmp.dir, plan, { commit: (move) => move(), after: async () => undefined })).rejects.toThrow(/appeared while importing/);
    expect(tree(tmp.dir)).toEqual(['keep', 'last.request.json']);
    expect(readFileSync(join(tmp.dir, 'last.request.json'), 'utf8')).toBe('not ours');

    const fresh = planTree(nodes, { id: '', path: tmp.dir, taken: readdirSync(tmp.dir) }, new SecretScrubber());
    await expect(writePlan(tmp.dir, fresh, { commit: (move) => move(), after: () => Promise.reject(new Error('order file: disk full')) })).rejects.toThrow(/disk full/);
    expect(tree(tmp.dir)).toEqual(['keep', 'last.request.json']);
    tmp.remove();
  });

  it('writes a body of several MB whole, never splitting a character between the pieces it is written in', async () => {
    const tmp = tempDir('plan-');
    const bodies = ['😀'.repeat(1_500_000), `x${'😀'.repeat(1_500_000)}`];
    const big: TreeNode[] = bodies.map((body, i) => ({ kind: 'request', request: { version: 1, name: `Big ${i}`, method: 'POST', path: '/Bulk', headers: [], body, assertions: [], captures: [] } }));
    const plan = planTree(big, { id: '', path: tmp.dir, taken: [] }, new SecretScrubber());
    await writePlan(tmp.dir, plan, { commit: (move) => move(), after: async () => undefined });
    for (const [i, body] of bodies.entries()) expect((JSON.parse(readFileSync(join(tmp.dir, `big-${i}.request.json`), 'utf8')) as { body: string }).body === body).toBe(true);
    tmp.remove();
  });
});
