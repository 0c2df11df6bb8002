import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobStore } from '../../../../src/main/services/blobs/blob-store';
import { writeFileAtomic, writeJsonAtomic } from '../../../../src/main/services/storage/atomic-write';
import { dataPaths, platformDataDir, resolveDataDir } from '../../../../src/main/services/storage/data-dir';
import { tempDir } from '../../../support/temp-dir';

describe('the data directory', () => {
  it('is --data-dir, else SCIM_INSPECTOR_DATA_DIR, else the platform folder', () => {
    const env = { SCIM_INSPECTOR_DATA_DIR: '/from/env' };
    expect(resolveDataDir({ flag: '/from/flag', env })).toBe('/from/flag');
    expect(resolveDataDir({ env })).toBe('/from/env');
    expect(resolveDataDir({ env: {}, platform: 'linux', home: '/home/u' })).toBe('/home/u/.config/SCIM Inspector');
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/x' }, platform: 'linux', home: '/home/u' })).toBe('/x/SCIM Inspector');
    expect(platformDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/SCIM Inspector');
    expect(platformDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toContain('SCIM Inspector');
  });

  it('is the one place every store derives its path from', () => {
    const paths = dataPaths('/d');
    for (const path of Object.values(paths)) expect(path.startsWith('/d')).toBe(true);
  });
});

describe('atomic writes', () => {
  it('replace the file whole and leave no temporary file behind', async () => {
    const dir = tempDir();
    const file = join(dir.path, 'nested', 'settings.json');
    await writeJsonAtomic(file, { a: 1 });
    await writeFileAtomic(file, 'second');
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readdirSync(join(dir.path, 'nested'))).toEqual(['settings.json']);
    dir.cleanup();
  });

  it('keep the old content when many writers race', async () => {
    const dir = tempDir();
    const file = join(dir.path, 'race.json');
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeJsonAtomic(file, { writer: i, filler: 'x'.repeat(10_000) })));
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { writer: number };
    expect(parsed.writer).toBeGreaterThanOrEqual(0);
    dir.cleanup();
  });
});

describe('the blob store', () => {
  it('returns ranges and evicts the least recently used past its budget', () => {
    const store = new BlobStore({ budgetBytes: 10 });
    const a = store.put(Buffer.from('abcdef'), 'text/plain');
    expect(store.read(a.id, 1, 3).toString()).toBe('bc');
    const b = store.put(Buffer.from('ghijkl'));
    expect(store.has(a.id)).toBe(false);
    expect(store.has(b.id)).toBe(true);
    expect(() => store.info(a.id)).toThrow(/released/);
    expect(store.bytes).toBe(6);
  });

  it('keeps the blobs read most recently, drops deleted ones from the count, and keeps a blob over the budget alone', () => {
    const store = new BlobStore({ budgetBytes: 9 });
    const [a, b, c] = ['aaa', 'bbb', 'ccc'].map((text) => store.put(Buffer.from(text)));
    store.read(a!.id);
    const d = store.put(Buffer.from('ddd'));
    expect([a, b, c, d].map((blob) => store.has(blob!.id))).toEqual([true, false, true, true]);
    store.info(c!.id);
    store.delete(d.id);
    expect(store.bytes).toBe(6);
    const e = store.put(Buffer.from('eeee'));
    expect([a, c, e].map((blob) => store.has(blob!.id))).toEqual([false, true, true]);
    const big = store.put(Buffer.alloc(20));
    expect([c, e, big].map((blob) => store.has(blob!.id))).toEqual([false, false, true]);
    expect(store.bytes).toBe(20);
    const next = store.put(Buffer.from('f'));
    expect([big, next].map((blob) => store.has(blob!.id))).toEqual([false, true]);
    expect(store.read(next.id).toString()).toBe('f');
  });

  it('drops blobs in least-recently-used order over many puts, reads and deletes (oldest, newest and middle ones)', () => {
    const store = new BlobStore({ budgetBytes: 40 });
    /** what the store should hold, least recently used first */
    let model: { id: string; size: number }[] = [];
    const use = (id: string) => {
      const blob = model.find((m) => m.id === id)!;
      model = [...model.filter((m) => m !== blob), blob];
    };
    const remove = (id: string) => {
      store.delete(id);
      model = model.filter((m) => m.id !== id);
    };
    for (let i = 0; i < 300; i++) {
      const size = 3 + (i % 6);
      const { id } = store.put(Buffer.alloc(size));
      model.push({ id, size });
      while (model.reduce((sum, m) => sum + m.size, 0) > 40) model.shift();
      if (i % 7 === 3 && model.length > 2) {
        store.read(model[0]!.id);
        use(model[0]!.id);
      }
      if (i % 5 === 1 && model.length > 3) {
        store.read(model[1]!.id, 0, 1);
        use(model[1]!.id);
      }
      if (i % 11 === 5 && model.length > 3) remove(model[2]!.id);
      if (i % 13 === 6 && model.length > 1) remove(model.at(-1)!.id);
      if (i % 17 === 8 && model.length > 1) remove(model[0]!.id);
      expect(store.bytes).toBe(model.reduce((sum, m) => sum + m.size, 0));
      for (const m of model) expect(store.has(m.id)).toBe(true);
    }
  });

  it('gives every blob its own id, also across stores', () => {
    const one = new BlobStore();
    const two = new BlobStore();
    const ids = Array.from({ length: 50 }, (_, i) => (i % 2 ? one : two).put(Buffer.from([i])).id);
    expect(new Set(ids).size).toBe(50);
    expect(one.read(ids[1]!)[0]).toBe(1);
    expect(two.has(ids[1]!)).toBe(false);
  });

  it('finds a blob only by its exact id', () => {
    const store = new BlobStore();
    const { id } = store.put(Buffer.from('x'));
    const prefix = id.slice(0, -1);
    for (const near of [`${id}0`, `${prefix}00`, `${prefix}0x`, `${prefix} 0`, `${prefix}-0`, id.toUpperCase(), id.slice(1), '', '0']) {
      expect(store.has(near)).toBe(false);
      expect(() => store.read(near)).toThrow(/No body with id/);
    }
    expect(store.read(id).toString()).toBe('x');
  });
});
