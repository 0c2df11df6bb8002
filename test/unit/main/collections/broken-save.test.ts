import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../history/helpers';
import { collectionsIn } from './helpers';

const read = (path: string) => readFileSync(path, 'utf8');

describe('saving over a request file broken by hand', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('broken-save-');
  });
  afterEach(() => tmp.remove());

  it('keeps the broken file aside, byte for byte, saves the request, and says where and why', async () => {
    const { service } = collectionsIn(tmp.dir);
    await service.init();
    const c = await service.create({ name: 'Hand edits' });
    const saved = await service.saveRequest(c.id, { request: { name: 'Create user', method: 'POST', path: '/Users', body: '{}' } });
    // the app still shows the request as it was loaded; meanwhile the file is edited by hand and left broken
    await service.get(c.id);
    const file = join(c.folder, saved.itemId);
    const handWritten = '{\n  "version": 1,\n  "name": "Create user",\n  "method": "POST",\n  "path": "/Users",\n  "body": "{\\"userName\\": \\"half-typed\n}\n';
    writeFileSync(file, handWritten);

    const again = await service.saveRequest(c.id, { itemId: saved.itemId, request: { name: 'Create user', method: 'POST', path: '/Users', body: '{"userName":"from the app"}' } });
    expect(again.itemId).toBe(saved.itemId);
    const aside = readdirSync(c.folder).find((f) => /^create-user\.broken-[0-9TZ-]+\.json$/.test(f))!;
    expect(aside).toBeDefined();
    expect(read(join(c.folder, aside))).toBe(handWritten);
    expect(again.warnings).toHaveLength(1);
    expect(again.warnings[0]).toContain(file);
    expect(again.warnings[0]).toMatch(/is not valid JSON: .*\(line 6, column \d+\)/);
    expect(again.warnings[0]).toContain(join(c.folder, aside));
    // a JSON body is stored as JSON (request files version 2)
    expect(JSON.parse(read(file)).body).toEqual({ userName: 'from the app' });
    // the kept file is not taken for a request
    const loaded = await service.get(c.id);
    expect(loaded.items.map((i) => i.id)).toEqual([saved.itemId]);
    expect(loaded.problems).toEqual([]);
  });

  it('keeps a file of the wrong shape aside too', async () => {
    const { service } = collectionsIn(tmp.dir);
    await service.init();
    const c = await service.create({ name: 'Shapes' });
    const saved = await service.saveRequest(c.id, { request: { name: 'List', method: 'GET', path: '/Users' } });
    const wrong = '{ "version": 1, "name": "List", "method": "FETCH", "path": "/Users" }\n';
    writeFileSync(join(c.folder, saved.itemId), wrong);
    const again = await service.saveRequest(c.id, { itemId: saved.itemId, request: { name: 'List', method: 'GET', path: '/Users?count=5' } });
    expect(again.warnings[0]).toMatch(/did not parse \(method: /);
    const aside = readdirSync(c.folder).find((f) => f.includes('.broken-'))!;
    expect(read(join(c.folder, aside))).toBe(wrong);
  });

  it('refuses to rename a request whose file was broken since it was loaded, naming the file and the problem', async () => {
    const { service } = collectionsIn(tmp.dir);
    await service.init();
    const c = await service.create({ name: 'Renames' });
    const saved = await service.saveRequest(c.id, { request: { name: 'Ping', method: 'GET', path: '/ServiceProviderConfig' } });
    await service.get(c.id);
    const file = join(c.folder, saved.itemId);
    writeFileSync(file, '{ "name": ');
    await expect(service.rename(c.id, saved.itemId, 'Pong')).rejects.toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} does not parse \\(is not valid JSON: .*\\); fix it first`));
    expect(read(file)).toBe('{ "name": ');
  });
});
