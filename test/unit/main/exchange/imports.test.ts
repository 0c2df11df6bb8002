import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCurl, shellWords } from '../../../../src/main/services/exchange/curl';
import { fromHar } from '../../../../src/main/services/exchange/har-import';
import { fromPostman } from '../../../../src/main/services/exchange/postman';
import type { Collection } from '@shared/model/collection';
import { startCore } from './harness';

const strip = (c: Collection) => ({
  name: c.name,
  description: c.description,
  variables: c.variables,
  items: c.items.map((i) => ({ kind: i.kind, id: i.id, depth: i.depth, name: i.name, request: i.request })),
  problems: c.problems,
});

describe('Postman Collection v2.1', () => {
  let app: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    app = await startCore({});
  });
  afterAll(() => app.stop());

  it('an exported collection re-imports to the same collection', async () => {
    const original = await app.call('collections.create', { name: 'SCIM certification' });
    await app.call('collections.update', { collectionId: original.id, description: 'Entra ID gallery checks', variables: { userName: 'ingrid', group: 'ops team' } });
    const users = await app.call('collections.createFolder', { collectionId: original.id, name: 'Users' });
    const nested = await app.call('collections.createFolder', { collectionId: original.id, parentId: users.itemId, name: 'Edge cases' });
    await app.call('collections.saveRequest', {
      collectionId: original.id,
      parentId: users.itemId,
      request: {
        name: 'Create user',
        method: 'POST',
        path: '/Users',
        description: 'Creates the test user',
        headers: [
          { name: 'Content-Type', value: 'application/scim+json', enabled: true },
          { name: 'X-Debug', value: '1', enabled: false },
        ],
        body: '{\n  "userName": "{{userName}}"\n}',
        captures: [
          { variable: 'userId', from: 'body', path: 'id' },
          { variable: 'etag', from: 'header', path: 'ETag' },
          { variable: 'code', from: 'status', path: '' },
          { variable: 'ext', from: 'body', path: 'Resources[0]["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"].manager' },
        ],
      },
    });
    await app.call('collections.saveRequest', { collectionId: original.id, parentId: nested.itemId, request: { name: 'Filter with quotes', method: 'GET', path: '/Users?filter=userName eq "a b"&count=5' } });
    await app.call('collections.saveRequest', { collectionId: original.id, request: { name: 'Service provider config', method: 'GET', path: '/ServiceProviderConfig' } });
    await app.call('collections.move', { collectionId: original.id, itemId: 'service-provider-config.request.json', parentId: '', index: 0 });
    const before = await app.call('collections.get', { collectionId: original.id });

    const exported = await app.call('exchange.exportCollection', { collectionId: original.id });
    expect(exported.fileName).toBe('scim-certification.postman_collection.json');
    const postman = JSON.parse(exported.content) as { info: { schema: string }; variable: { key: string }[] };
    expect(postman.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
    expect(postman.variable.map((v) => v.key)).toEqual(['baseUrl', 'group', 'userName']);

    const imported = await app.call('exchange.import', { format: 'postman', text: exported.content, target: { kind: 'new' } });
    expect(imported.warnings).toEqual([]);
    expect(imported.imported).toBe(3);
    const after = await app.call('collections.get', { collectionId: imported.collectionId });
    expect(after.id).not.toBe(before.id);
    expect(strip(after)).toEqual(strip(before));
  });

  it('imports a collection written by Postman, leaving out auth and scripts, and saying so', () => {
    const source = JSON.stringify({
      info: { name: 'Okta SCIM 2.0 tests', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      auth: { type: 'bearer', bearer: [{ key: 'token', value: 'real-token', type: 'string' }] },
      variable: [{ key: 'url', value: 'https://scim.example.com/scim/v2' }, { key: 'bad name!', value: 'x' }],
      item: [
        {
          name: 'Test Users endpoint',
          item: [
            {
              name: 'Required Test: Test Users endpoint',
              event: [{ listen: 'test', script: { exec: ['pm.test("200", function () { pm.response.to.have.status(200); });', 'pm.environment.set("userId", pm.response.json().Resources[0].id);'] } }],
              request: {
                method: 'GET',
                header: [
                  { key: 'Authorization', value: 'Bearer real-token' },
                  { key: 'Accept', value: 'application/scim+json' },
                ],
                url: { raw: '{{url}}/Users?count=1&startIndex=1', host: ['{{url}}'], path: ['Users'], query: [{ key: 'count', value: '1' }, { key: 'startIndex', value: '1' }] },
              },
            },
            { name: 'Form', request: { method: 'POST', url: '{{url}}/x', body: { mode: 'urlencoded', urlencoded: [{ key: 'a', value: 'b' }] } } },
            { name: 'Copy', request: { method: 'COPY', url: '{{url}}/x' } },
          ],
        },
      ],
    });
    const parsed = fromPostman(source);
    expect(parsed.name).toBe('Okta SCIM 2.0 tests');
    expect(parsed.variables).toEqual({ url: 'https://scim.example.com/scim/v2' });
    const folder = parsed.nodes[0]!;
    expect(folder.kind).toBe('folder');
    const [first, form] = folder.kind === 'folder' ? folder.children : [];
    expect(first).toEqual({
      kind: 'request',
      request: {
        version: 2,
        name: 'Required Test: Test Users endpoint',
        method: 'GET',
        path: '/Users?count=1&startIndex=1',
        headers: [
          { name: 'Authorization', value: '', enabled: false },
          { name: 'Accept', value: 'application/scim+json', enabled: true },
        ],
        assertions: [],
        captures: [{ variable: 'userId', from: 'body', path: 'Resources[0].id' }],
      },
    });
    expect(form?.kind === 'request' && form.request.body).toBeUndefined();
    expect(JSON.stringify(parsed)).not.toContain('real-token');
    expect(parsed.warnings).toEqual([
      "The collection's bearer auth was not imported: auth comes from the endpoint chosen at run time.",
      'Variable "bad name!" was not imported: names may use letters, digits, _ . - only.',
      'The value of the Authorization header of "Test Users endpoint/Required Test: Test Users endpoint" was not imported: auth comes from the endpoint.',
      '1 script line(s) of "Test Users endpoint/Required Test: Test Users endpoint" were not imported (only lines that set a variable from the response are).',
      'The urlencoded body of "Test Users endpoint/Form" was not imported: only raw bodies are.',
      '"Test Users endpoint/Copy" was not imported: method COPY is not one a SCIM client sends.',
    ]);
  });

  it('refuses a v1 collection and broken JSON with a message saying what and where', () => {
    expect(() => fromPostman(JSON.stringify({ id: 'x', name: 'old', requests: [] }))).toThrow(/Only Postman Collection v2\.0 and v2\.1 can be imported; this file says its schema is "missing"/);
    expect(() => fromPostman('{\n  "info": {\n    "name": "x",\n  }\n}')).toThrow(/is not valid JSON: .*\(line 4, column 3\)/);
  });
});

describe('curl', () => {
  it('splits words as a shell does', () => {
    expect(shellWords(`curl -H 'A: b c' "x\\"y" $'a\\nb' plain\\ word \\\n --next`)).toEqual(['curl', '-H', 'A: b c', 'x"y', 'a\nb', 'plain word', '--next']);
  });

  it('imports a pasted command without its credentials', () => {
    const parsed = fromCurl(
      `curl -X PATCH 'https://scim.example.com/scim/v2/Users/42' \\
        -H 'Authorization: Bearer eyJhbGciOi' -H "Content-Type: application/scim+json" \\
        --data-raw '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}' --compressed -sS`,
      { baseUrl: 'https://scim.example.com/scim/v2/' },
    );
    expect(parsed.nodes).toEqual([
      {
        kind: 'request',
        request: {
          version: 2,
          name: 'PATCH /Users/42',
          method: 'PATCH',
          path: '/Users/42',
          headers: [
            { name: 'Authorization', value: '', enabled: false },
            { name: 'Content-Type', value: 'application/scim+json', enabled: true },
          ],
          body: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}',
          assertions: [],
          captures: [],
        },
      },
    ]);
    expect(parsed.warnings).toEqual(['The value of the Authorization header was not imported: auth comes from the endpoint chosen at run time.']);
    expect(JSON.stringify(parsed)).not.toContain('eyJhbGciOi');
  });

  it('knows data implies POST, -G moves it to the query, -u and URL user info are dropped', () => {
    const post = fromCurl('curl https://h/Users -d \'{"userName":"x"}\'').nodes[0]!;
    expect(post.kind === 'request' && [post.request.method, post.request.path]).toEqual(['POST', 'https://h/Users']);
    const get = fromCurl('curl -G https://user:pw@h/Users --data-urlencode "filter=userName eq \\"x\\"" -u admin:secret').nodes[0]!;
    expect(get.kind === 'request' && [get.request.method, get.request.path]).toEqual(['GET', 'https://h/Users?filter=userName eq "x"']);
    expect(fromCurl('curl -G https://user:pw@h/Users -u admin:secret').warnings).toEqual([
      'The user name and password (-u) were not imported: auth comes from the endpoint chosen at run time.',
      'The user name and password in the URL were not imported.',
    ]);
    expect(() => fromCurl('wget https://h')).toThrow(/not a curl command/);
    expect(() => fromCurl("curl 'https://h")).toThrow(/quote \('\) that is never closed/);
    expect(() => fromCurl('curl -X GET')).toThrow(/has no URL/);
  });
});

describe('HAR import', () => {
  it('turns each entry into a request, without credentials or transport headers', () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: [
          {
            request: {
              method: 'GET',
              url: 'https://scim.example.com/scim/v2/Groups?count=10',
              headers: [
                { name: ':authority', value: 'scim.example.com' },
                { name: 'authorization', value: 'SSWS 00abc' },
                { name: 'accept', value: 'application/scim+json' },
                { name: 'accept-encoding', value: 'gzip' },
              ],
            },
          },
          { request: { method: 'POST', url: 'https://scim.example.com/scim/v2/Groups', headers: [], postData: { mimeType: 'application/scim+json', text: '{"displayName":"Ops"}' } } },
        ],
      },
    };
    const parsed = fromHar(JSON.stringify(har), { baseUrl: 'https://scim.example.com/scim/v2' });
    expect(parsed.nodes.map((n) => n.kind === 'request' && [n.request.name, n.request.path, n.request.headers, n.request.body])).toEqual([
      [
        'GET /scim/v2/Groups',
        '/Groups?count=10',
        [
          { name: 'authorization', value: '', enabled: false },
          { name: 'accept', value: 'application/scim+json', enabled: true },
        ],
        undefined,
      ],
      ['POST /scim/v2/Groups', '/Groups', [], '{"displayName":"Ops"}'],
    ]);
    expect(parsed.warnings).toEqual(['The values of authorization were not imported: auth comes from the endpoint chosen at run time.']);
    expect(() => fromHar('{"log": {}}')).toThrow(/log\.entries/);
  });
});
