import { describe, expect, it } from 'vitest';
import type { HeaderList } from '@shared/model/exchange';
import { SchemaRegistry } from '@shared/scim';
import { registryData, runChecks } from '@shared/scim/checks/response/run';
import { pagingOfPath, requestTarget } from '@shared/scim/checks/response/target';
import type { BodyKind } from '@shared/scim/checks/response/protocol';

const registry = SchemaRegistry.core();
const SCIM: HeaderList = [['Content-Type', 'application/scim+json']];
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

async function codes(method: string, path: string, status: number, kind: BodyKind, body: unknown, headers: HeaderList = SCIM) {
  const { target, resourceType } = requestTarget(path, registry);
  const report = await runChecks(kind, body, { facts: { method, status, path, headers, target }, paging: pagingOfPath(path), ...(resourceType ? { resourceType } : {}), registry: registryData(registry) });
  return report.findings;
}

describe('the per-response rules the inspector and the runner share', () => {
  it('do not judge the entries of GET /Schemas or /ResourceTypes as Users or Groups', async () => {
    const schemas = { schemas: [LIST], totalResults: 1, Resources: [{ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'], id: 'urn:x', name: 'X', attributes: [] }] };
    expect((await codes('GET', '/Schemas', 200, 'list', schemas)).map((f) => f.code)).not.toContain('unknownResourceType');
    const types = { schemas: [LIST], totalResults: 1, Resources: [{ schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'], name: 'User', endpoint: '/Users', schema: 'urn:ietf:params:scim:schemas:core:2.0:User' }] };
    expect(await codes('GET', '/ResourceTypes', 200, 'list', types)).toEqual([]);
    // a list of Users still has its entries checked
    const users = { schemas: [LIST], totalResults: 1, Resources: [{ schemas: ['urn:nope'], id: '1' }] };
    expect((await codes('GET', '/Users', 200, 'list', users)).map((f) => f.code)).toContain('missingBaseSchema');
  });

  it('accept a cursor page without totalResults (RFC 9865 §2) and flag previousCursor on a first page and reserved characters', async () => {
    const page = { schemas: [LIST], itemsPerPage: 0, Resources: [], nextCursor: 'abc+/=' , previousCursor: 'zzz' };
    const found = await codes('GET', '/Users?cursor=&count=2', 200, 'list', page);
    const byCode = Object.fromEntries(found.map((f) => [f.code, f]));
    expect(byCode.totalResultsMissing).toBeUndefined();
    expect(byCode.previousCursorOnFirstPage).toMatchObject({ severity: 'warning', checkId: 'K04' });
    expect(byCode.cursorReservedCharacters).toMatchObject({ severity: 'warning', checkId: 'K06' });
    // index paging still needs totalResults
    expect((await codes('GET', '/Users?startIndex=1', 200, 'list', { schemas: [LIST], Resources: [] })).map((f) => f.code)).toContain('totalResultsMissing');
  });

  it('flag a 401 without WWW-Authenticate', async () => {
    const body = { schemas: [ERROR], status: '401', detail: 'no token' };
    expect(await codes('GET', '/Users', 401, 'error', body)).toContainEqual(expect.objectContaining({ code: 'wwwAuthenticateMissing', severity: 'error', checkId: 'Sec03' }));
    expect((await codes('GET', '/Users', 401, 'error', body, [...SCIM, ['WWW-Authenticate', 'Bearer realm="scim"']])).map((f) => f.code)).not.toContain('wwwAuthenticateMissing');
  });

  it('flag a filter query answered 404, and a filter refusal whose scimType is not invalidFilter', async () => {
    const missing = { schemas: [ERROR], status: '404', scimType: 'invalidSyntax', detail: 'filter not supported' };
    const found = await codes('GET', '/Users?filter=userName%20eq%20%22x%22', 404, 'error', missing);
    expect(found.map((f) => f.code)).toEqual(expect.arrayContaining(['filterAnswered404', 'scimTypeStatusMismatch']));
    const refused = { schemas: [ERROR], status: '400', scimType: 'invalidSyntax', detail: 'bad' };
    expect(await codes('GET', '/Users?filter=userName%20xx%20%22x%22', 400, 'error', refused)).toContainEqual(expect.objectContaining({ code: 'filterErrorScimType', checkId: 'Er05' }));
    expect((await codes('GET', '/Users?filter=x', 400, 'error', { ...refused, scimType: 'invalidFilter' })).map((f) => f.code)).not.toContain('filterErrorScimType');
  });

  it('name the catalogue check of each finding', async () => {
    const user = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: '1', userName: 'a', active: 'True', meta: { resourceType: 'User', location: 'https://x/Users/1' } };
    const found = await codes('GET', '/Users/1', 200, 'resource', user, [['Content-Type', 'application/json']]);
    expect(found).toContainEqual(expect.objectContaining({ code: 'stringBoolean', checkId: 'R09' }));
    expect(found).toContainEqual(expect.objectContaining({ code: 'contentTypeJson', checkId: 'H01' }));
  });
});
