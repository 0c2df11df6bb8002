import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TreeNode } from '../../../../src/main/services/collections/collections-service';
import { tempDir } from '../history/helpers';
import { collectionsIn } from './helpers';

const request = (name: string): TreeNode => ({ kind: 'request', request: { version: 1, name, method: 'GET', path: `/Users?filter=${encodeURIComponent(name)}`, headers: [], assertions: [], captures: [] } });
/** Longer than the watcher's debounce (50 ms in these tests) several times over: any late report has arrived. */
const settle = () => sleep(600);

describe('the collections folder watcher', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('watcher-');
  });
  afterEach(() => tmp.remove());

  it("does not report the app's own writes, an import of hundreds of files included", async () => {
    const { service, changes } = collectionsIn(tmp.dir, { watch: true });
    await service.init();
    const c = await service.create({ name: 'Watched' });
    await service.get(c.id);
    await settle();
    changes.length = 0;
    const nodes: TreeNode[] = [
      ...Array.from({ length: 300 }, () => request('GET /Users')),
      { kind: 'folder', name: 'Groups', children: Array.from({ length: 50 }, (_, i) => request(`Group ${i}`)) },
    ];
    await service.writeTree(c.id, '', nodes);
    const saved = await service.saveRequest(c.id, { request: { name: 'One more', method: 'GET', path: '/Schemas' } });
    await service.rename(c.id, saved.itemId, 'Renamed');
    await service.createFolder(c.id, '', 'Empty');
    await settle();
    // one report per operation, from the service itself; none from the watcher
    expect(changes).toEqual([c.id, c.id, c.id, c.id]);
    expect((await service.get(c.id)).items.filter((i) => i.kind === 'request')).toHaveLength(351);
    await service.close();
  });

  it('reports a burst of outside changes as one, and sees edits to files the app wrote', async () => {
    const { service, changes } = collectionsIn(tmp.dir, { watch: true });
    await service.init();
    const c = await service.create({ name: 'Watched' });
    await service.saveRequest(c.id, { request: { name: 'Mine', method: 'GET', path: '/Users' } });
    await service.get(c.id);
    await settle();
    changes.length = 0;

    // a `git pull`: a new folder with 300 files
    mkdirSync(join(c.folder, 'pulled'));
    for (let i = 0; i < 300; i++) writeFileSync(join(c.folder, 'pulled', `r${i}.request.json`), JSON.stringify({ version: 1, name: `R${i}`, method: 'GET', path: '/' }));
    await expect.poll(() => changes.length, { timeout: 5000 }).toBeGreaterThan(0);
    await settle();
    expect(changes.length).toBeLessThanOrEqual(2);
    expect((await service.get(c.id)).items.filter((i) => i.kind === 'request')).toHaveLength(301);

    // a file inside the folder that appeared: its folder is watched now
    changes.length = 0;
    writeFileSync(join(c.folder, 'pulled', 'r0.request.json'), JSON.stringify({ version: 1, name: 'R0 edited', method: 'GET', path: '/' }));
    await expect.poll(() => changes.length, { timeout: 5000 }).toBe(1);
    expect((await service.get(c.id)).items.find((i) => i.id === 'pulled/r0.request.json')?.name).toBe('R0 edited');

    // a hand edit of a file the app wrote, and a deletion
    changes.length = 0;
    writeFileSync(join(c.folder, 'mine.request.json'), JSON.stringify({ version: 1, name: 'Edited by hand', method: 'GET', path: '/Users' }));
    await expect.poll(() => changes.length, { timeout: 5000 }).toBe(1);
    expect((await service.get(c.id)).items.find((i) => i.id === 'mine.request.json')?.name).toBe('Edited by hand');
    changes.length = 0;
    rmSync(join(c.folder, 'pulled'), { recursive: true });
    await expect.poll(() => changes.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect((await service.get(c.id)).items.filter((i) => i.kind === 'request')).toHaveLength(1);
    await service.close();
  });

  it('ignores hidden folders (temp files, import staging, .git)', async () => {
    const { service, changes } = collectionsIn(tmp.dir, { watch: true });
    await service.init();
    const c = await service.create({ name: 'Watched' });
    await service.get(c.id);
    await settle();
    changes.length = 0;
    mkdirSync(join(c.folder, '.git', 'objects'), { recursive: true });
    for (let i = 0; i < 50; i++) writeFileSync(join(c.folder, '.git', 'objects', `o${i}`), 'x');
    writeFileSync(join(c.folder, '.collection.json.0123456789ab.tmp'), '{');
    await settle();
    expect(changes).toEqual([]);
    await service.close();
  });

  it('follows folders the app renames: a later edit inside is seen once, under the new name', async () => {
    const { service, changes } = collectionsIn(tmp.dir, { watch: true });
    await service.init();
    const c = await service.create({ name: 'Watched' });
    const folder = await service.createFolder(c.id, '', 'Users');
    await service.saveRequest(c.id, { parentId: folder.itemId, request: { name: 'List', method: 'GET', path: '/Users' } });
    await service.get(c.id);
    const renamed = await service.rename(c.id, folder.itemId, 'People');
    await settle();
    changes.length = 0;
    writeFileSync(join(c.folder, renamed.itemId, 'list.request.json'), JSON.stringify({ version: 1, name: 'List people', method: 'GET', path: '/Users' }));
    await expect.poll(() => changes.length, { timeout: 5000 }).toBe(1);
    await settle();
    expect(changes).toHaveLength(1);
    expect((await service.get(c.id)).items.find((i) => i.id === 'People/list.request.json')?.name).toBe('List people');
    await service.close();
  });
});
