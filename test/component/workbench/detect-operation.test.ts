import { describe, expect, it } from 'vitest';
import type { HttpMethod } from '@shared/model/exchange';
import { SchemaRegistry } from '@shared/scim';
import { draftForRequest } from '../../../src/renderer/features/workbench/model/detect-operation';
import { requestPath, toRequestSpec } from '../../../src/renderer/features/workbench/model/request';
import { setResourceId } from '../../../src/renderer/features/workbench/model/presets';

const registry = SchemaRegistry.core();
const detect = (method: HttpMethod, path: string, body?: string) => draftForRequest({ name: 'r', method, path, headers: [], body }, registry);

describe('a saved or imported request opens in the operation it performs', () => {
  it.each<[HttpMethod, string, string | undefined, string, string]>([
    ['GET', '/Users', undefined, 'list', 'User'],
    ['GET', '/Groups?count=1&startIndex=1', undefined, 'list', 'Group'],
    ['POST', '/Users', '{"userName":"x"}', 'create', 'User'],
    ['GET', '/Users/2819c223', undefined, 'get', 'User'],
    ['GET', '/Users/{{userId}}?attributes=userName,emails', undefined, 'get', 'User'],
    ['PUT', '/Users/{{userId}}', '{"userName":"x"}', 'replace', 'User'],
    ['PATCH', '/Groups/abc', '{"Operations":[]}', 'patch', 'Group'],
    ['DELETE', '/Users/{{userId}}', undefined, 'delete', 'User'],
    ['POST', '/Users/.search', '{"filter":"userName sw \\"a\\"","count":3}', 'search', 'User'],
    ['POST', '/Bulk', '{"Operations":[]}', 'bulk', ''],
  ])('%s %s → %s', (method, path, body, operation, resourceType) => {
    const draft = detect(method, path, body);
    expect([draft.operation, draft.resourceType]).toEqual([operation, resourceType]);
    // what it sends is what the file says (query compared decoded, in any order)
    const spec = toRequestSpec(draft, 'e');
    expect(spec.method).toBe(method);
    expect(spec.body ?? undefined).toBe(body);
  });

  it('reads the query into the query panel, and keeps {{variables}} as written when it sends', () => {
    const draft = detect('GET', `/Users?filter=${encodeURIComponent('userName eq "{{userName}}"')}&sortBy=meta.created&sortOrder=descending&count=5&attributes=userName,%20emails`);
    expect(draft.query).toMatchObject({ filter: 'userName eq "{{userName}}"', sortBy: 'meta.created', sortOrder: 'descending', count: 5, attributes: ['userName', 'emails'] });
    expect(requestPath(draft)).toBe('/Users?filter=userName%20eq%20%22{{userName}}%22&attributes=userName,emails&sortBy=meta.created&sortOrder=descending&count=5');
    const get = detect('GET', '/Users/{{userId}}');
    expect(get.resourceId).toBe('{{userId}}');
    expect(toRequestSpec(get, 'e').path).toBe('/Users/{{userId}}');
    // typing another id with a variable in it keeps it sendable too
    expect(setResourceId(get, '{{ otherId }}', { registry }).path).toBe('/Users/{{ otherId }}');
    const cursor = detect('GET', '/Users?cursor&count=10');
    expect(cursor.query).toMatchObject({ paging: 'cursor', cursor: '', count: 10 });
  });

  it.each<[HttpMethod, string, string | undefined]>([
    ['GET', '/ServiceProviderConfig', undefined],
    ['GET', '/Users?foo=bar', undefined],
    ['GET', '/Users?count={{pageSize}}', undefined],
    ['GET', '/Users?sortOrder=up', undefined],
    ['GET', '/Users/1/extra', undefined],
    ['GET', '/Users', '{"unexpected":"body"}'],
    ['POST', '/Users/abc', '{}'],
    ['HEAD', '/Users', undefined],
    ['DELETE', '/Users?filter=x', undefined],
    ['GET', 'https://elsewhere.example/Users', undefined],
  ])('stays Raw, as written, when the composer could not send it the same: %s %s', (method, path, body) => {
    const draft = detect(method, path, body);
    expect(draft.operation).toBe('raw');
    expect(toRequestSpec(draft, 'e')).toMatchObject({ method, path });
  });
});
