import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestSpec } from '@shared/model/request-spec';
import { SchemaRegistry } from '@shared/scim';
import { BodyDocument } from '../../../src/renderer/features/inspector/body/body-document';
import { describeJsonError, formatJson, lineStartsOf } from '../../../src/renderer/features/inspector/body/json-format';
import { protocolChecks } from '../../../src/shared/scim/checks/response/protocol';
import { readablePath } from '../../../src/renderer/features/inspector/checks/ChecksPanel';
import { requestTarget } from '../../../src/renderer/features/inspector/checks/use-checks';
import { collectionPath, pagingOf, withPaging, withQueryParams } from '../../../src/renderer/features/inspector/paging/paging-spec';
import { cellText, chooseColumns } from '../../../src/renderer/features/inspector/table/columns';

describe('formatJson', () => {
  it('lays out any JSON exactly as JSON.stringify(value, null, 2) does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const compact = JSON.stringify(value);
        const { text, lineStarts } = formatJson(compact);
        expect(text).toBe(JSON.stringify(JSON.parse(compact), null, 2));
        expect([...lineStarts]).toEqual([...lineStartsOf(text)]);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps number digits, duplicate keys and escapes as served', () => {
    const served = '{"big":12345678901234567890,"x":1,"x":2,"s":"a\\"b\\\\","e":1.50E+3,"u":"\\u00e9"}';
    expect(formatJson(served).text).toBe('{\n  "big": 12345678901234567890,\n  "x": 1,\n  "x": 2,\n  "s": "a\\"b\\\\",\n  "e": 1.50E+3,\n  "u": "\\u00e9"\n}');
  });

  it('gives the line and column of a syntax error', () => {
    const text = '{\n  "a": 1,\n  "b": ]\n}';
    let error: unknown;
    try {
      JSON.parse(text);
    } catch (e) {
      error = e;
    }
    expect(describeJsonError(error, text)).toMatchObject({ line: 3, column: 8 });
    expect(describeJsonError(error, text).message).not.toMatch(/position/);
  });
});

describe('BodyDocument', () => {
  it('knows a ListResponse, an Error and a resource, and reads lines of either view', () => {
    const list = new BodyDocument('{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":"3","itemsPerPage":1,"Resources":[{"id":"a"}],"nextCursor":"n1"}');
    expect(list.analyze()).toMatchObject({ kind: 'list', list: { resourceCount: 1, itemsPerPage: 1, nextCursor: 'n1' } });
    expect(list.analyze().list!.totalResults).toBeUndefined();
    expect(list.lines('pretty', 0, 3)).toEqual(['{', '  "schemas": [', '    "urn:ietf:params:scim:api:messages:2.0:ListResponse"']);
    expect(list.lines('raw', 0, 5)).toHaveLength(1);
    expect(new BodyDocument('{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404"}').analyze().kind).toBe('error');
    expect(new BodyDocument('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"1"}').analyze().kind).toBe('resource');
    expect(new BodyDocument('<html/>', 'text/html').analyze().kind).toBe('text');
    expect(new BodyDocument('  ').analyze().kind).toBe('empty');
    expect(new BodyDocument('line 1\r\nline 2').lines('raw', 0, 2)).toEqual(['line 1', 'line 2']);
  });
});

describe('paging parameters', () => {
  const spec = (path: string, extra: Partial<RequestSpec> = {}): RequestSpec => ({ endpointId: 'e', method: 'GET', path, headers: [], variables: {}, ...extra });

  it('replaces parameters where they stand and leaves the rest as written', () => {
    expect(withQueryParams('/Users?filter=userName%20sw%20%22{{prefix}}%22&StartIndex=1&count=5', { startIndex: '11', count: '5' })).toBe(
      '/Users?filter=userName%20sw%20%22{{prefix}}%22&startIndex=11&count=5',
    );
    expect(withQueryParams('/Users?cursor=abc&count=5', { cursor: null, startIndex: '1' })).toBe('/Users?count=5&startIndex=1');
    expect(withQueryParams('/Users', { cursor: '' })).toBe('/Users?cursor=');
  });

  it('reads and sets paging of a .search in its body', () => {
    const search = spec('/Users/.search', { method: 'POST', body: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"active eq true","count":10}' });
    expect(pagingOf(search)).toEqual({ count: 10 });
    const next = withPaging(search, { startIndex: 11, cursor: null });
    expect(next.path).toBe('/Users/.search');
    expect(JSON.parse(next.body!)).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: 'active eq true', count: 10, startIndex: 11 });
  });

  it('names the collection a list request reads', () => {
    expect(collectionPath(spec('/Users?count=1'))).toBe('/Users');
    expect(collectionPath(spec('https://scim.example.com/v2/Groups/.search'))).toBe('/Groups');
  });
});

describe('table columns', () => {
  const registry = SchemaRegistry.core();

  it('starts with id, the required and identifying attributes, and offers every attribute', () => {
    const choice = chooseColumns(registry, registry.resourceType('User'));
    expect(choice.defaults).toEqual(['id', 'userName', 'displayName', 'name.formatted', 'emails', 'active', 'meta.lastModified']);
    expect(choice.available.map((c) => c.key)).toContain('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value');
    expect(choice.available.map((c) => c.key)).not.toContain('password');
    expect(chooseColumns(registry, registry.resourceType('Group')).defaults).toEqual(['id', 'displayName', 'members', 'meta.lastModified']);
  });

  it('shows the primary value of a multi-valued attribute, extension values, and any case of a name', () => {
    const { available } = chooseColumns(registry, registry.resourceType('User'));
    const col = (key: string) => available.find((c) => c.key === key)!;
    const user = {
      EMAILS: [{ value: 'a@x' }, { value: 'b@x', primary: true }, { value: 'c@x' }],
      name: { FamilyName: 'Jensen' },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D', manager: { value: 'm1' } },
      active: false,
    };
    expect(cellText(user, col('emails'))).toBe('b@x (+2)');
    expect(cellText(user, col('name.familyName'))).toBe('Jensen');
    expect(cellText(user, col('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department'))).toBe('R&D');
    expect(cellText(user, col('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value'))).toBe('m1');
    expect(cellText(user, col('active'))).toBe('false');
    expect(cellText(user, col('userName'))).toBe('');
  });
});

describe('protocol checks', () => {
  const headers = (...pairs: [string, string][]) => pairs;
  const registry = SchemaRegistry.core();

  it('judges what a request path names', () => {
    expect(requestTarget('/Users?filter=x', registry)).toEqual({ target: 'collection', resourceType: 'User' });
    expect(requestTarget('/Users/2819c223', registry)).toEqual({ target: 'resource', resourceType: 'User' });
    expect(requestTarget('/Groups/.search', registry)).toEqual({ target: 'search', resourceType: 'Group' });
    expect(requestTarget('/ServiceProviderConfig', registry)).toEqual({ target: 'discovery' });
    expect(requestTarget('/Schemas/urn:ietf:params:scim:schemas:core:2.0:User', registry)).toEqual({ target: 'discovery' });
    expect(requestTarget('/Bulk', registry)).toEqual({ target: 'other' });
  });

  it('asks for 201 and Location on create, 204 on delete, a ListResponse for a query', () => {
    const codes = (method: string, status: number, target: 'collection' | 'resource', kind: Parameters<typeof protocolChecks>[1], h = headers(['Content-Type', 'application/scim+json'])) =>
      protocolChecks({ method, status, path: '/Users', headers: h, target }, kind, {}).map((f) => f.code);
    expect(codes('POST', 200, 'collection', 'resource')).toEqual(['createNot201']);
    expect(codes('POST', 201, 'collection', 'resource')).toEqual(['locationHeaderMissing']);
    expect(codes('DELETE', 200, 'resource', 'empty')).toEqual(['deleteNot204']);
    expect(codes('GET', 200, 'collection', 'resource')).toEqual(['notListResponse']);
    expect(codes('GET', 200, 'resource', 'resource', headers(['content-type', 'text/plain']))).toEqual(['contentTypeNotScim']);
  });

  it('reads JSON Pointers as paths', () => {
    expect(readablePath('/Resources/3/emails/0/value')).toBe('Resources[3].emails[0].value');
    expect(readablePath('/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/manager')).toBe('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager');
    expect(readablePath('/a~1b')).toBe('a/b');
    expect(readablePath('')).toBe('(whole body)');
    expect(readablePath('header:ETag')).toBe('ETag header');
  });
});

describe('findJsonErrorOffset', () => {
  it('finds where JSON.parse would fail', async () => {
    const { findJsonErrorOffset } = await import('../../../src/renderer/features/inspector/body/json-locate');
    expect(findJsonErrorOffset('{"a": 1}')).toBe(-1);
    expect(findJsonErrorOffset('[1, 2,]')).toBe(6);
    expect(findJsonErrorOffset('{"a" 1}')).toBe(5);
    expect(findJsonErrorOffset('{"a": tru}')).toBe(6);
    expect(findJsonErrorOffset('{"a": "x\\q"}')).toBe(9);
    expect(findJsonErrorOffset('{"a": [1, {"b": 2}]} x')).toBe(21);
    expect(findJsonErrorOffset('{"a": [')).toBe(7);
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, cut) => {
        const text = JSON.stringify(value);
        const broken = text.slice(0, cut % (text.length + 1));
        let parses = true;
        try {
          JSON.parse(broken);
        } catch {
          parses = false;
        }
        expect(findJsonErrorOffset(broken) === -1).toBe(parses);
      }),
      { numRuns: 300 },
    );
  });
});

describe('runChecks on a long list', () => {
  it('finds, a slice at a time, exactly what one validateListResponse call finds', async () => {
    const { runChecks, registryData } = await import('../../../src/shared/scim/checks/response/run');
    const { validateListResponse } = await import('@shared/scim');
    const registry = SchemaRegistry.core();
    const users = Array.from({ length: 7 }, (_, i) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: `u${i}`,
      ...(i % 3 === 0 ? {} : { userName: `user${i}` }),
      ...(i === 4 ? { emails: 'not-a-list' } : {}),
      meta: { resourceType: 'User', created: i === 5 ? 'yesterday' : '2024-01-01T00:00:00Z' },
    }));
    const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 9, itemsPerPage: 6, startIndex: 1, Resources: users };
    const input = { facts: { method: 'GET', status: 200, path: '/Users', headers: [['Content-Type', 'application/scim+json']] as [string, string][], target: 'collection' as const }, paging: { count: 6 }, resourceType: 'User', registry: registryData(registry) };
    let pauses = 0;
    const report = await runChecks('list', body, input, async () => void pauses++, 2);
    const direct = validateListResponse(body, { registry, resourceType: registry.resourceType('User')!, request: { count: 6 } });
    const key = (f: { path: string; code: string; message: string }) => `${f.path} ${f.code} ${f.message}`;
    expect(report.findings.map(key).sort()).toEqual(direct.map(key).sort());
    expect(direct.length).toBeGreaterThan(5);
    expect(pauses).toBe(4);
  });
});
