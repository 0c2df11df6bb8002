import { describe, expect, it } from 'vitest';
import { RequestDraft } from '@shared/model/workspace';
import { SchemaRegistry, URN } from '@shared/scim';
import { toCurl } from '../../../src/renderer/features/workbench/model/curl';
import { parsePatchBody, writePatchBody } from '../../../src/renderer/features/workbench/model/patch-ops';
import { patchPathOptions, valueSchemaFor, checkPatchPath } from '../../../src/renderer/features/workbench/model/patch-paths';
import { applyOperation, newDraft, setBody, setQuery, setResourceId, setResourceType } from '../../../src/renderer/features/workbench/model/presets';
import { draftProblems, requestPath, toRequestSpec } from '../../../src/renderer/features/workbench/model/request';
import { bodySchema } from '../../../src/renderer/features/workbench/model/body-checks';
import { resourceTemplates } from '../../../src/renderer/features/workbench/model/templates';
import { withIfMatch } from '../../../src/renderer/features/workbench/composer/HeadersTable';

const registry = SchemaRegistry.core();
const ctx = { registry };
const list = () => newDraft('list', 'User', ctx);
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('operation presets', () => {
  it('fill method, path and body for each operation', () => {
    const base = setResourceId(list(), '2819c223', ctx);
    const table = (['list', 'search', 'get', 'create', 'replace', 'patch', 'delete', 'bulk'] as const).map((op) => {
      const d = applyOperation(base, op, ctx);
      const body = d.body ? json(d.body) : undefined;
      return [op, d.method, d.path, body?.schemas];
    });
    expect(table).toEqual([
      ['list', 'GET', '/Users', undefined],
      ['search', 'POST', '/Users/.search', [URN.searchRequest]],
      ['get', 'GET', '/Users/2819c223', undefined],
      ['create', 'POST', '/Users', [URN.user]],
      ['replace', 'PUT', '/Users/2819c223', [URN.user]],
      ['patch', 'PATCH', '/Users/2819c223', [URN.patchOp]],
      ['delete', 'DELETE', '/Users/2819c223', undefined],
      ['bulk', 'POST', '/Bulk', [URN.bulkRequest]],
    ]);
  });

  it('start Create from a template with every required attribute, unique where the schema says so', () => {
    const a = json(applyOperation(list(), 'create', ctx).body);
    const b = json(applyOperation(list(), 'create', ctx).body);
    expect(typeof a.userName).toBe('string');
    expect(a.userName).not.toBe(b.userName);
    const required = resourceTemplates(registry, registry.resourceType('User')!).find((t) => t.id === 'required')!.build();
    expect(Object.keys(required).sort()).toEqual(['schemas', 'userName']);
    const group = json(applyOperation(newDraft('list', 'Group', ctx), 'create', ctx).body);
    expect(group).toMatchObject({ schemas: [URN.group], members: [] });
    expect(typeof group.displayName).toBe('string');
  });

  it('keep the body of the operation left behind and bring it back', () => {
    const created = applyOperation(list(), 'create', ctx);
    const edited = setBody(created, '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"mine"}');
    const patched = applyOperation(edited, 'patch', ctx);
    expect(json(patched.body).schemas).toEqual([URN.patchOp]);
    const back = applyOperation(applyOperation(patched, 'get', ctx), 'create', ctx);
    expect(json(back.body).userName).toBe('mine');
    expect(json(applyOperation(back, 'patch', ctx).body).schemas).toEqual([URN.patchOp]);
  });

  it('start Raw from the request as it would have been sent, query string included', () => {
    const d = setQuery(list(), { ...list().query, filter: 'userName sw "a"', count: 5 });
    const raw = applyOperation(d, 'raw', ctx);
    expect(raw.method).toBe('GET');
    expect(raw.path).toBe('/Users?filter=userName%20sw%20%22a%22&count=5');
    expect(requestPath(raw)).toBe(raw.path);
  });

  it('follow the resource type and id in the path', () => {
    const get = applyOperation(list(), 'get', ctx);
    expect(setResourceType(setResourceId(get, 'a b/c', ctx), 'Group', ctx).path).toBe('/Groups/a%20b%2Fc');
  });

  it('keep a Search body and the query panel in step, both ways, leaving other members alone', () => {
    const search = applyOperation(list(), 'search', ctx);
    const withQuery = setQuery(search, { ...search.query, filter: 'title pr', attributes: ['userName'], sortBy: 'userName', sortOrder: 'descending', startIndex: 11, count: 10 });
    expect(json(withQuery.body)).toEqual({
      schemas: [URN.searchRequest],
      attributes: ['userName'],
      filter: 'title pr',
      sortBy: 'userName',
      sortOrder: 'descending',
      startIndex: 11,
      count: 10,
    });
    const edited = setBody(withQuery, JSON.stringify({ ...json(withQuery.body), filter: 'active eq true', custom: 1 }));
    expect(edited.query.filter).toBe('active eq true');
    expect(edited.query.startIndex).toBe(11);
    const again = setQuery(edited, { ...edited.query, count: 3 });
    expect(json(again.body)).toMatchObject({ filter: 'active eq true', custom: 1, count: 3 });
    // the URL carries no query: it is all in the body (RFC 7644 §3.4.3)
    expect(toRequestSpec(again, 'e').path).toBe('/Users/.search');
  });

  it('build the URL query with the core query builder: cursors, attribute lists, sort', () => {
    const d = setQuery(list(), { ...list().query, paging: 'cursor', cursor: '', count: 2, attributes: ['userName', 'emails'], sortBy: 'userName' });
    expect(requestPath(d)).toBe('/Users?attributes=userName,emails&sortBy=userName&count=2&cursor');
    const get = setQuery(applyOperation(setResourceId(list(), 'x', ctx), 'get', ctx), { ...list().query, filter: 'ignored pr', excludedAttributes: ['groups'] });
    expect(requestPath(get)).toBe('/Users/x?excludedAttributes=groups');
  });
});

describe('what stops a request from being sent', () => {
  it('an invalid filter, with its position', () => {
    const d = setQuery(list(), { ...list().query, filter: 'userName eq "x" adn title pr' });
    expect(draftProblems(d, { registry })).toEqual([expect.objectContaining({ where: 'filter', position: 16, message: expect.stringMatching(/column 17/) })]);
  });

  it('a missing id, a body that is not JSON, an empty body where one is needed', () => {
    const patch = applyOperation(list(), 'patch', ctx);
    expect(draftProblems(patch).map((p) => p.where)).toEqual(['id']);
    expect(draftProblems(setBody(setResourceId(patch, '1', ctx), '{"schemas": [')).map((p) => p.where)).toEqual(['body']);
    expect(draftProblems(setBody(applyOperation(list(), 'create', ctx), '')).map((p) => p.where)).toEqual(['body']);
  });

  it('a lenient filter (what Entra sends) is sent as written', () => {
    const d = setQuery(list(), { ...list().query, filter: 'emails[type eq "work"].value eq "a@b.c"' });
    expect(draftProblems(d, { registry })).toEqual([]);
  });
});

describe('copy as curl', () => {
  const endpoint = {
    name: 'Acme',
    baseUrl: 'https://scim.example.com/v2/',
    auth: { kind: 'bearer' as const, token: 'acme/token' },
    headers: [{ name: 'X-Tenant', value: '{{tenant}}', enabled: true }],
    variables: { tenant: 't-1' },
    tls: { verify: false, caMode: 'add' as const },
  };

  it('references the token as $SCIM_TOKEN in double quotes and quotes everything else for a POSIX shell', () => {
    const spec = toRequestSpec(setBody(applyOperation(list(), 'create', ctx), `{"userName":"o'neil"}`), 'acme');
    const curl = toCurl(spec, endpoint);
    expect(curl).toContain('-H "Authorization: Bearer $SCIM_TOKEN"');
    expect(curl).toContain(`'https://scim.example.com/v2/Users'`);
    expect(curl).toContain(`-H 'X-Tenant: t-1'`);
    expect(curl).toContain(`--data-raw '{"userName":"o'\\''neil"}'`);
    expect(curl).toContain('--insecure');
    expect(curl).toContain("-H 'Content-Type: application/scim+json'");
    expect(curl.split('\n')[0]).toMatch(/^# SCIM_TOKEN: the bearer token of the endpoint "Acme"/);
  });

  it('never copies a credential typed into a header', () => {
    const d = { ...list(), headers: [{ name: 'Authorization', value: 'Bearer typed-secret-123', enabled: true }] };
    const curl = toCurl(toRequestSpec(d, 'e'), { ...endpoint, auth: { kind: 'none' } });
    expect(curl).not.toContain('typed-secret-123');
    expect(curl).toContain('-H "Authorization: Bearer $SCIM_TOKEN"');
  });

  it('uses -u with $SCIM_PASSWORD for basic auth and the API key header for api-key auth', () => {
    const spec = toRequestSpec(list(), 'e');
    expect(toCurl(spec, { ...endpoint, auth: { kind: 'basic', username: 'svc', password: 'r' } })).toContain('-u "svc:$SCIM_PASSWORD"');
    expect(toCurl(spec, { ...endpoint, auth: { kind: 'api-key', headerName: 'X-Api-Key', value: 'r' } })).toContain('-H "X-Api-Key: $SCIM_API_KEY"');
  });
});

describe('the PATCH body as a list of operations', () => {
  it('reads the body and writes it back, keeping members it does not edit', () => {
    const body = JSON.stringify({
      schemas: [URN.patchOp],
      Operations: [
        { op: 'replace', path: 'name.familyName', value: 'Jensen', note: 'kept' },
        { op: 'remove', path: 'emails[type eq "home"]' },
      ],
      extra: true,
    });
    const parsed = parsePatchBody(body);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.ops.map((o) => [o.op, o.path, o.value])).toEqual([
      ['replace', 'name.familyName', '"Jensen"'],
      ['remove', 'emails[type eq "home"]', ''],
    ]);
    const written = JSON.parse(writePatchBody(parsed.schemas, parsed.extra, [{ ...parsed.ops[0]!, value: '"Doe"' }, parsed.ops[1]!]));
    expect(written).toEqual({ schemas: [URN.patchOp], extra: true, Operations: [{ op: 'replace', path: 'name.familyName', value: 'Doe', note: 'kept' }, { op: 'remove', path: 'emails[type eq "home"]' }] });
  });

  it('says why it cannot show a body rather than rewriting it', () => {
    expect(parsePatchBody('{"Operations": {}}')).toEqual({ ok: false, reason: '"Operations" is not a list.' });
    expect(parsePatchBody('{').ok).toBe(false);
  });

  it('offers paths from the schema, value paths included, and cuts the value schema for a path', () => {
    const rt = registry.resourceType('User')!;
    const paths = patchPathOptions(registry, rt).map((o) => o.path);
    expect(paths).toEqual(expect.arrayContaining(['userName', 'name.familyName', 'emails[type eq "work"].value', 'emails[type eq "work"]', `${URN.enterpriseUser}:manager.value`]));
    expect(paths).not.toContain('id');
    expect(paths).not.toContain('meta.created');
    const resource = bodySchema(registry, rt, 'replace') as Record<string, unknown>;
    const schemaOf = (text: string) => {
      const checked = checkPatchPath(text, registry);
      return checked.ok ? valueSchemaFor(resource, checked.path, registry, rt) : undefined;
    };
    expect(schemaOf('active')).toMatchObject({ type: 'boolean' });
    expect(schemaOf('emails[type eq "work"].value')).toMatchObject({ type: 'string' });
    expect(schemaOf('emails[type eq "work"]')).toMatchObject({ type: 'object' });
    expect(schemaOf('emails')).toMatchObject({ type: 'array' });
    expect(schemaOf(`${URN.enterpriseUser}:department`)).toMatchObject({ type: 'string' });
    expect(schemaOf('')).toMatchObject({ type: 'object' });
    expect((schemaOf('') as Record<string, unknown>).required).toBeUndefined();
    const bad = checkPatchPath('emails[type eq]', registry);
    expect(bad.ok || bad.error.position).toBe(14);
  });
});

describe('If-Match', () => {
  it('is set from the last ETag, replacing an older one', () => {
    expect(withIfMatch([{ name: 'if-match', value: 'W/"1"', enabled: false }], 'W/"2"')).toEqual([{ name: 'if-match', value: 'W/"2"', enabled: true }]);
    expect(withIfMatch([], 'W/"2"')).toEqual([{ name: 'If-Match', value: 'W/"2"', enabled: true }]);
  });
});

it('a draft always parses back from what the workspace stores', () => {
  const d = applyOperation(list(), 'create', ctx);
  expect(RequestDraft.parse(JSON.parse(JSON.stringify(d)))).toEqual(d);
});
