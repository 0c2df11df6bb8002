import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonBodyValue } from '../../../../src/main/services/collections/json-body';
import { formatJson, formatJsonInPieces } from '../../../../src/main/services/collections/json-file';
import { tempDir } from '../history/helpers';
import { collectionsIn } from './helpers';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('request files a team can diff', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('request-file-');
  });
  afterEach(() => tmp.remove());

  async function saveAndRead(body: string | undefined, extra: Record<string, unknown> = {}) {
    const { service } = collectionsIn(tmp.dir);
    await service.init();
    const c = await service.create({ name: `c${Math.random().toString(36).slice(2)}` });
    const saved = await service.saveRequest(c.id, { request: { name: 'Create', method: 'POST', path: '/Users', ...(body !== undefined ? { body } : {}), ...extra } });
    const file = join(c.folder, saved.itemId);
    const text = readFileSync(file, 'utf8');
    const reread = (await service.reload(c.id)).items.find((i) => i.id === saved.itemId)!;
    return { service, collection: c, file, text, json: JSON.parse(text) as Record<string, unknown>, reread };
  }

  it('stores a JSON body as formatted JSON, one attribute per line, and reads it back as that text', async () => {
    const body = JSON.stringify({ schemas: [USER], userName: '{{userName}}', name: { givenName: 'Ana', familyName: 'Lima' }, active: true, emails: [{ value: 'a@b.c', primary: true }] }, null, 2);
    const { text, json, reread } = await saveAndRead(body);
    expect(json.version).toBe(2);
    expect(typeof json.body).toBe('object');
    expect(json.body).toEqual(JSON.parse(body));
    // a diff of one attribute is one line: the body's lines are the file's lines
    expect(text).toContain('\n  "body": {\n    "schemas": [\n      "urn:ietf:params:scim:schemas:core:2.0:User"\n    ],\n    "userName": "{{userName}}",\n');
    expect(text).not.toContain('\\"');
    expect(reread.request!.body).toBe(body);
  });

  it('a compact JSON body comes back formatted, the same value', async () => {
    const { json, reread } = await saveAndRead('{"schemas":["x"],"Operations":[{"op":"replace","path":"active","value":false}]}');
    expect(json.body).toEqual({ schemas: ['x'], Operations: [{ op: 'replace', path: 'active', value: false }] });
    expect(JSON.parse(reread.request!.body!)).toEqual(json.body);
    expect(reread.request!.body).toContain('\n  "Operations": [\n');
  });

  it.each([
    ['a variable outside a string', '{"active": {{active}}}'],
    ['a number JSON would change', '{"salary": 1.50}'],
    ['an integer beyond 2^53', '{"id": 12345678901234567890}'],
    ['a duplicate key', '{"a": 1, "a": 2}'],
    ['a \\u escape', '{"name": "Jos\\u00e9"}'],
    ['a bare JSON string', '"hello"'],
    ['a number', '42'],
    ['form data', 'grant_type=client_credentials&scope=scim'],
    ['XML', '<user><name>x</name></user>'],
    ['JSON that does not parse', '{"userName": "x",}'],
  ])('keeps %s as the exact text it is', async (_what, body) => {
    const { json, reread } = await saveAndRead(body);
    expect(json.body).toBe(body);
    expect(reread.request!.body).toBe(body);
  });

  it('round-trips: read, save unchanged, the same bytes', async () => {
    const { service, collection, file, text, reread } = await saveAndRead('{"userName":"x","emails":[]}', {
      assertions: [{ from: 'body', path: 'emails[type eq "work"].value', op: 'exists' }],
    });
    await service.saveRequest(collection.id, { itemId: reread.id, request: reread.request! });
    const again = readFileSync(file, 'utf8');
    expect(again).toBe(text);
    expect(JSON.parse(again).assertions).toEqual([{ from: 'body', path: 'emails[type eq "work"].value', op: 'exists', value: '', enabled: true }]);
  });

  it('loads a version 1 file (body as one escaped string, no assertions) as it was, and saves it as version 2', async () => {
    const { service } = collectionsIn(tmp.dir);
    await service.init();
    const c = await service.create({ name: 'old' });
    const v1 = { version: 1, name: 'Old', method: 'POST', path: '/Users', headers: [], body: '{"userName":"old"}', captures: [{ variable: 'id', from: 'body', path: 'id' }] };
    writeFileSync(join(c.folder, 'old.request.json'), `${JSON.stringify(v1, null, 2)}\n`);
    const item = (await service.reload(c.id)).items.find((i) => i.id === 'old.request.json')!;
    expect(item.problem).toBeUndefined();
    expect(item.request).toMatchObject({ version: 1, name: 'Old', body: '{"userName":"old"}', assertions: [], captures: [{ variable: 'id', from: 'body', path: 'id' }] });
    await service.saveRequest(c.id, { itemId: item.id, request: item.request! });
    const written = JSON.parse(readFileSync(join(c.folder, 'old.request.json'), 'utf8'));
    expect(written.version).toBe(2);
    expect(written.body).toEqual({ userName: 'old' });
  });

  it('a hand-written version 2 file with a JSON body loads; a newer version is a problem with its place, the rest loads', async () => {
    const { service } = collectionsIn(tmp.dir);
    await service.init();
    const c = await service.create({ name: 'hand' });
    writeFileSync(join(c.folder, 'a.request.json'), JSON.stringify({ version: 2, name: 'A', method: 'PATCH', path: '/Users/1', body: { Operations: [] }, assertions: [{ from: 'status', op: 'equals', value: '200' }] }));
    writeFileSync(join(c.folder, 'b.request.json'), JSON.stringify({ version: 3, name: 'B', method: 'GET', path: '/Users' }));
    const collection = await service.reload(c.id);
    const a = collection.items.find((i) => i.id === 'a.request.json')!;
    expect(a.request!.body).toBe('{\n  "Operations": []\n}');
    expect(a.request!.assertions).toEqual([{ from: 'status', path: '', op: 'equals', value: '200', enabled: true }]);
    expect(collection.items.find((i) => i.id === 'b.request.json')!.problem).toMatch(/version/);
  });

  it('jsonBodyValue: only objects and arrays whose text loses nothing but layout', () => {
    expect(jsonBodyValue(' [1, 2, {"a": "b c"}]\n')).toEqual([1, 2, { a: 'b c' }]);
    expect(jsonBodyValue('{"text": "spaces  inside \\" quotes"}')).toEqual({ text: 'spaces  inside " quotes' });
    expect(jsonBodyValue('{"a": 1e3}')).toBeUndefined();
    expect(jsonBodyValue('{ "a" : "\\\\ \\"x" ,\n "b":[ true ,null ] }')).toEqual({ a: '\\ "x', b: [true, null] });
    expect(jsonBodyValue('{"a":"\\u00e9"}')).toBeUndefined();
    expect(jsonBodyValue('{"a": "b", "a": "c"}')).toBeUndefined();
    expect(jsonBodyValue('{"a": [1, 2]} [')).toBeUndefined();
    expect(jsonBodyValue(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)).toBeUndefined();
    expect(jsonBodyValue('null')).toBeUndefined();
    expect(jsonBodyValue('')).toBeUndefined();
  });

  it('formats a file in pieces exactly as formatJson does, in several pieces when it is large', () => {
    const values: unknown[] = [
      {},
      [],
      'text',
      12.5,
      null,
      { a: undefined, b: [undefined, () => 1, { c: {} }, []], 'd "e"': 'é 😀 \u0001', f: true, g: -0, h: 1e21 },
      { version: 2, name: 'Big', body: { Operations: [{ op: 'add', path: 'members', value: Array.from({ length: 20_000 }, (_, i) => ({ value: `id-${i}`, display: `Zoë "${i}"` })) }] } },
    ];
    for (const value of values) {
      const pieces: string[] = [];
      formatJsonInPieces(value, (piece) => pieces.push(piece));
      expect(pieces.join('')).toBe(formatJson(value));
    }
    const pieces: string[] = [];
    formatJsonInPieces(values.at(-1), (piece) => pieces.push(piece));
    expect(pieces.length).toBeGreaterThan(10);
  });
});
