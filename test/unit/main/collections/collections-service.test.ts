import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../history/helpers';
import { collectionsIn } from './helpers';

const read = (path: string) => readFileSync(path, 'utf8');

describe('CollectionsService', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('collections-');
  });
  afterEach(() => tmp.remove());

  it('creates a collection as plain files: canonical JSON, 2-space indent, trailing newline, a JSON body as JSON', async () => {
    const { service } = collectionsIn(tmp.dir);
    await service.init();
    const collection = await service.create({ name: 'Entra provisioning', variables: { userName: 'kenji', baseGroup: 'ops' } });
    expect(collection.folder).toBe(join(tmp.dir, 'collections', 'entra-provisioning'));
    const saved = await service.saveRequest(collection.id, {
      request: { name: 'Create user', method: 'POST', path: '/Users', headers: [{ name: 'Content-Type', value: 'application/scim+json', enabled: true }], body: '{"userName":"{{userName}}"}', captures: [{ variable: 'userId', from: 'body', path: 'id' }] },
    });
    expect(saved).toEqual({ itemId: 'create-user.request.json', warnings: [] });
    expect(read(join(collection.folder, 'create-user.request.json'))).toBe(
      [
        '{',
        '  "version": 2,',
        '  "name": "Create user",',
        '  "method": "POST",',
        '  "path": "/Users",',
        '  "headers": [',
        '    {',
        '      "name": "Content-Type",',
        '      "value": "application/scim+json",',
        '      "enabled": true',
        '    }',
        '  ],',
        '  "body": {',
        '    "userName": "{{userName}}"',
        '  },',
        '  "assertions": [],',
        '  "captures": [',
        '    {',
        '      "variable": "userId",',
        '      "from": "body",',
        '      "path": "id"',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(read(join(collection.folder, 'collection.json')))).toEqual({
      version: 1,
      name: 'Entra provisioning',
      variables: { baseGroup: 'ops', userName: 'kenji' },
      order: ['create-user.request.json'],
    });
    // the same save twice gives the same bytes
    const before = read(join(collection.folder, 'create-user.request.json'));
    const item = (await service.get(collection.id)).items[0]!;
    await service.saveRequest(collection.id, { itemId: item.id, request: item.request! });
    expect(read(join(collection.folder, 'create-user.request.json'))).toBe(before);
  });

  it('never writes a secret: credential headers lose their value, known secrets are replaced, with warnings', async () => {
    const { service, scrubber } = collectionsIn(tmp.dir);
    await service.init();
    scrubber.add('vault-token-0123456789');
    const c = await service.create({ name: 'x' });
    const saved = await service.saveRequest(c.id, {
      request: {
        name: 'Get',
        method: 'GET',
        path: '/Users?access_token=vault-token-0123456789',
        headers: [
          { name: 'Authorization', value: 'Bearer abc', enabled: true },
          { name: 'X-Trace', value: 'vault-token-0123456789', enabled: true },
        ],
        assertions: [{ from: 'body', path: 'token', op: 'notEquals', value: 'vault-token-0123456789' }],
      },
    });
    expect(saved.warnings).toHaveLength(4);
    expect(saved.warnings[3]).toMatch(/assertion 1 of "Get" was replaced/);
    expect(saved.warnings[0]).toMatch(/Authorization header .* was not saved: auth comes from the endpoint/);
    const { collection, warnings } = await service.update(c.id, { variables: { token: 'vault-token-0123456789' } });
    expect(collection.variables.token).toBe('[REDACTED]');
    expect(warnings[0]).toMatch(/Variable "token" held a secret/);
    for (const name of readdirSync(c.folder)) {
      const text = read(join(c.folder, name));
      expect(text).not.toContain('vault-token-0123456789');
      expect(text).not.toContain('Bearer abc');
    }
  });

  it('creates, renames, moves, reorders, duplicates and deletes requests and folders', async () => {
    const { service } = collectionsIn(tmp.dir);
    await service.init();
    const c = await service.create({ name: 'Ops' });
    const users = await service.createFolder(c.id, '', 'Users');
    const groups = await service.createFolder(c.id, '', 'Groups');
    const a = await service.saveRequest(c.id, { parentId: users.itemId, request: { name: 'List users', method: 'GET', path: '/Users' } });
    const b = await service.saveRequest(c.id, { parentId: users.itemId, request: { name: 'Create user', method: 'POST', path: '/Users', body: '{}' } });
    expect((await service.get(c.id)).items.map((i) => [i.id, i.depth])).toEqual([
      ['Users', 0],
      ['Users/list-users.request.json', 1],
      ['Users/create-user.request.json', 1],
      ['Groups', 0],
    ]);
    // reorder within a folder
    await service.move(c.id, b.itemId, users.itemId, 0);
    expect(JSON.parse(read(join(c.folder, 'Users', 'folder.json'))).order).toEqual(['create-user.request.json', 'list-users.request.json']);
    // move to another folder
    const moved = await service.move(c.id, a.itemId, groups.itemId);
    expect(moved.itemId).toBe('Groups/list-users.request.json');
    // rename a request: its name and its file
    const renamed = await service.rename(c.id, moved.itemId, 'List groups');
    expect(renamed.itemId).toBe('Groups/list-groups.request.json');
    expect(existsSync(join(c.folder, 'Groups', 'list-users.request.json'))).toBe(false);
    // rename a folder
    const people = await service.rename(c.id, users.itemId, 'People');
    expect(people.itemId).toBe('People');
    // duplicate a request and a folder
    const dup = await service.duplicate(c.id, 'People/create-user.request.json');
    expect(dup.itemId).toBe('People/create-user-copy.request.json');
    const dupFolder = await service.duplicate(c.id, 'People');
    expect(dupFolder.itemId).toBe('People copy');
    // a folder cannot go into itself
    await expect(service.move(c.id, 'People', 'People')).rejects.toThrow(/cannot be moved into itself/);
    await service.deleteItem(c.id, 'People copy');
    const items = (await service.get(c.id)).items;
    expect(items.map((i) => `${i.id}|${i.name}`)).toEqual([
      'People|People',
      'People/create-user.request.json|Create user',
      'People/create-user-copy.request.json|Create user copy',
      'Groups|Groups',
      'Groups/list-groups.request.json|List groups',
    ]);
    expect(JSON.parse(read(join(c.folder, 'collection.json'))).order).toEqual(['People', 'Groups']);
    // item ids cannot leave the collection
    await expect(service.saveRequest(c.id, { parentId: '../x', request: { name: 'n', method: 'GET', path: '/' } })).rejects.toThrow(/No folder/);
  });

  it('reports a file that does not parse with its path and line, loads the rest, and does not overwrite it', async () => {
    const { service } = collectionsIn(tmp.dir);
    await service.init();
    const c = await service.create({ name: 'Broken' });
    await service.saveRequest(c.id, { request: { name: 'Good one', method: 'GET', path: '/Users' } });
    const badText = '{\n  "version": 1,\n  "name": "Bad",\n  "method": "GET"\n  "path": "/Groups"\n}\n';
    writeFileSync(join(c.folder, 'bad.request.json'), badText);
    writeFileSync(join(c.folder, 'wrong-shape.request.json'), '{\n  "version": 1,\n  "name": "W",\n  "method": "FETCH",\n  "path": "/"\n}\n');
    const loaded = await service.reload(c.id);
    expect(loaded.items.find((i) => i.id === 'good-one.request.json')?.request?.path).toBe('/Users');
    const bad = loaded.problems.find((p) => p.file === join(c.folder, 'bad.request.json'))!;
    expect(bad.line).toBe(5);
    expect(bad.message).toMatch(/is not valid JSON: .*\(line 5, column 3\)/);
    const shape = loaded.problems.find((p) => p.file.endsWith('wrong-shape.request.json'))!;
    expect(shape.message).toMatch(/^method: /);
    expect(shape.line).toBe(4);
    expect(loaded.items.find((i) => i.id === 'bad.request.json')?.problem).toBeDefined();
    // editing the broken request through the app is refused, the file is kept as it is
    await expect(service.rename(c.id, 'bad.request.json', 'Fixed')).rejects.toThrow(/does not parse.*fix it first/);
    expect(read(join(c.folder, 'bad.request.json'))).toBe(badText);

    // a broken collection.json: the requests still load, the file is never overwritten
    const brokenRoot = '{ "version": 1, "name": "Broken", ';
    writeFileSync(join(c.folder, 'collection.json'), brokenRoot);
    const again = await service.reload(c.id);
    expect(again.name).toBe('broken');
    expect(again.items.filter((i) => i.request)).toHaveLength(1);
    expect(again.problems.some((p) => p.file.endsWith('collection.json') && p.line === 1)).toBe(true);
    await expect(service.update(c.id, { name: 'New' })).rejects.toThrow(/collection.json does not parse/);
    const saved = await service.saveRequest(c.id, { request: { name: 'Another', method: 'GET', path: '/Schemas' } });
    expect(saved.warnings[0]).toMatch(/collection.json does not parse, so the new order was not saved/);
    expect(read(join(c.folder, 'collection.json'))).toBe(brokenRoot);
  });

  it('picks up changes made outside the app', async () => {
    const { service, changes } = collectionsIn(tmp.dir, { watch: true });
    await service.init();
    const c = await service.create({ name: 'Watched' });
    await service.get(c.id);
    changes.length = 0;
    mkdirSync(join(c.folder, 'pulled'));
    writeFileSync(join(c.folder, 'pulled', 'new.request.json'), JSON.stringify({ version: 1, name: 'From git', method: 'DELETE', path: '/Users/1' }));
    await expect.poll(() => changes.includes(c.id), { timeout: 5000 }).toBe(true);
    expect((await service.get(c.id)).items.map((i) => i.name)).toEqual(['pulled', 'From git']);
    await service.close();
  });

  it('opens a folder from elsewhere and remembers it; forgetting it keeps the files', async () => {
    const outside = join(tmp.dir, 'repo', 'scim-tests');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'ping.request.json'), JSON.stringify({ version: 1, name: 'Ping', method: 'GET', path: '/ServiceProviderConfig' }));
    const first = collectionsIn(tmp.dir);
    await first.service.init();
    const opened = await first.service.open(outside);
    expect(opened).toMatchObject({ name: 'scim-tests', external: true });
    const second = collectionsIn(tmp.dir);
    await second.service.init();
    expect((await second.service.list()).map((s) => s.folder)).toContain(outside);
    await second.service.remove(opened.id, false);
    expect(existsSync(join(outside, 'ping.request.json'))).toBe(true);
    expect((await second.service.list()).map((s) => s.folder)).not.toContain(outside);
  });
});
