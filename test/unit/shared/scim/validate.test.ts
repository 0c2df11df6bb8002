import { describe, expect, it } from 'vitest';
import { validateError, validateListResponse, validatePatchRequest, validateResource, type Finding } from '@shared/scim';
import { fullUserRequest, fullUserResponse } from '../../../fixtures/scim/full-user';
import { ENTERPRISE_URN, patch, sampleGroup } from '../../../fixtures/scim/patch-resources';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const codes = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.code} ${f.path}`);

describe('validateResource', () => {
  it('finds nothing wrong with the RFC 7643 full User, as a response and as a create request', () => {
    expect(validateResource(fullUserResponse())).toEqual([]);
    expect(validateResource(fullUserRequest(), { direction: 'request' })).toEqual([]);
    expect(validateResource(sampleGroup())).toEqual([]);
  });

  it('reports each problem with a JSON Pointer, a code and the RFC section', () => {
    const user: Record<string, unknown> = {
      ...fullUserResponse(),
      password: 'secret',
      active: 'True',
      userName: 42,
      emails: { value: 'x@y' },
      phoneNumbers: [
        { value: '1', primary: true },
        { value: '2', primary: true },
      ],
      shoeSize: 44,
      Title: 'Boss',
      title: 'Chief',
      x509Certificates: [{ value: 'not base64!' }],
      meta: { resourceType: 'Group', created: '2011-05-13T04:42:34Z', lastModified: '2010-01-01T00:00:00Z', location: '/Users/2819c223', version: 'abc' },
    };
    const findings = validateResource(user);
    expect(codes(findings)).toEqual(
      expect.arrayContaining([
        'error returnedNever /password',
        'error stringBoolean /active',
        'error wrongType /userName',
        'error notMultiValued /emails',
        'error multiplePrimary /phoneNumbers',
        'warning unknownAttribute /shoeSize',
        'error duplicateAttribute /Title',
        'info attributeNameCase /Title',
        'error notBase64 /x509Certificates/0/value',
        'warning metaResourceTypeMismatch /meta/resourceType',
        'warning modifiedBeforeCreated /meta/lastModified',
        'warning locationNotAbsolute /meta/location',
        'warning versionNotEtag /meta/version',
      ]),
    );
    const active = findings.find((f) => f.path === '/active')!;
    expect(active).toMatchObject({ rfc: 'RFC 7643 §2.3.2', message: expect.stringContaining('got the string "True"') });
    expect(findings.find((f) => f.code === 'returnedNever')!.rfc).toBe('RFC 7643 §2.2');
  });

  it('checks schemas, id and the extension', () => {
    const { schemas: _s, id: _id, ...bare } = fullUserResponse();
    expect(codes(validateResource({ ...bare }, { resourceType: 'User' }))).toEqual(expect.arrayContaining(['error missingSchemas /schemas', 'error missingId /id']));
    expect(codes(validateResource({ ...fullUserResponse(), schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] }))).toContain(
      `error extensionNotListed /schemas`,
    );
    expect(codes(validateResource({ ...fullUserResponse(), schemas: 'x' }))).toContain('error invalidSchemas /schemas');
    expect(codes(validateResource({ schemas: ['urn:example:Thing'], id: '1' }))).toEqual(['error unknownResourceType /schemas']);
    const ext = validateResource({ ...fullUserResponse(), [ENTERPRISE_URN]: { manager: { value: 5, displayName: 'x' } } });
    expect(codes(ext)).toContain(`error wrongType /${ENTERPRISE_URN}/manager/value`);
  });

  it('flags a client-set id and readOnly attributes in a create request, and missing required ones', () => {
    const { userName: _u, ...request } = fullUserRequest();
    const findings = validateResource({ ...request, id: 'mine', meta: {}, groups: [] }, { direction: 'request' });
    expect(codes(findings)).toEqual(
      expect.arrayContaining(['warning clientSetId /id', 'warning readOnlyInRequest /meta', 'warning readOnlyInRequest /groups', 'error missingRequired /userName']),
    );
    expect(codes(validateResource({ ...fullUserRequest(), id: 'x' }, { direction: 'request', operation: 'replace' }))).toEqual([]);
  });
});

describe('validateListResponse', () => {
  it('checks a resource met again in another answer once when it was clean, and every time when it was not', () => {
    const good = fullUserResponse();
    const bad = { ...fullUserResponse(), id: 'other', password: 'secret' };
    const page = (resources: unknown[]) => ({ schemas: [LIST], totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, Resources: resources });
    const clean = new Set<string>();
    const first = validateListResponse(page([good, bad]), { clean });
    expect(clean.size).toBe(1);
    // the same resources at other places in another answer: the findings name their new places
    const second = validateListResponse(page([bad, good, good]), { clean });
    expect(codes(second)).toEqual(codes(validateListResponse(page([bad, good, good]))));
    expect(codes(first).map((c) => c.replace('/Resources/1', '/Resources/0'))).toEqual(codes(second));
    expect(second.length).toBeGreaterThan(0);
    // a resource with the same text checked as another type is checked again
    validateListResponse(page([good]), { clean, resourceType: 'User' });
    expect(clean.size).toBe(2);
    expect(validateResource(bad, { clean })).toEqual(validateResource(bad));
  });

  const list = (extra: Record<string, unknown>) => ({ schemas: [LIST], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [fullUserResponse()], ...extra });

  it('accepts a correct page', () => {
    expect(validateListResponse(list({}))).toEqual([]);
    expect(validateListResponse({ schemas: [LIST], totalResults: 0, Resources: [] })).toEqual([]);
    expect(validateListResponse({ schemas: [LIST], totalResults: 10, itemsPerPage: 0, startIndex: 1 }, { request: { count: 0 } })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, object, string]>([
    ['wrong schema', { schemas: ['urn:x'] }, {}, 'error missingListResponseSchema /schemas'],
    ['totalResults as a string', { totalResults: '1' }, {}, 'error notInteger /totalResults'],
    ['missing totalResults', { totalResults: undefined }, {}, 'error totalResultsMissing /totalResults'],
    ['fractional itemsPerPage', { itemsPerPage: 1.5 }, {}, 'error notInteger /itemsPerPage'],
    ['itemsPerPage ≠ Resources', { itemsPerPage: 2 }, {}, 'error itemsPerPageMismatch /itemsPerPage'],
    ['totalResults < Resources', { totalResults: 0 }, {}, 'error totalResultsTooSmall /totalResults'],
    ['startIndex 0', { startIndex: 0 }, {}, 'error startIndexBelowOne /startIndex'],
    ['lower-case resources', { Resources: undefined, resources: [fullUserResponse()] }, {}, 'warning resourcesCase /resources'],
    ['Resources not an array', { Resources: {} }, {}, 'error resourcesNotArray /Resources'],
    ['Resources missing', { Resources: undefined, itemsPerPage: undefined }, {}, 'error missingResources /Resources'],
    ['more than count', { totalResults: 3, itemsPerPage: 1 }, { request: { count: 0 } }, 'error tooManyResources /Resources'],
    ['partial page without paging fields', { totalResults: 5, startIndex: undefined, itemsPerPage: undefined }, {}, 'error startIndexMissing /startIndex'],
    ['page past the end', { totalResults: 1, startIndex: 2 }, {}, 'warning pageBeyondTotal /startIndex'],
    ['a numeric cursor', { nextCursor: 7 }, {}, 'error cursorNotString /nextCursor'],
    ['startIndex while paging by cursor', {}, { request: { cursor: '' } }, 'info startIndexWithCursor /startIndex'],
    ['a bad resource', { Resources: [{ ...fullUserResponse(), id: undefined }] }, {}, 'error missingId /Resources/0/id'],
  ])('%s', (_name, extra, options, expected) => {
    expect(codes(validateListResponse(list(extra), options))).toContain(expected);
  });

  it('supports RFC 9865 cursor pages and cites the RFC', () => {
    const page = { schemas: [LIST], totalResults: 5, itemsPerPage: 1, nextCursor: 'VZUTiy', previousCursor: 'ABC', Resources: [fullUserResponse()] };
    expect(validateListResponse(page, { request: { cursor: 'ABC', count: 1 } })).toEqual([]);
    expect(validateListResponse({ ...page, previousCursor: '' })[0]).toMatchObject({ code: 'cursorNotString', rfc: 'RFC 9865 §2' });
    expect(validateListResponse(list({ itemsPerPage: 2 }))[0]!.rfc).toBe('RFC 7644 §3.4.2.4');
  });
});

describe('validateError', () => {
  it('accepts an RFC 7644 §3.12 error', () => {
    expect(validateError({ schemas: [ERROR], status: '400', scimType: 'invalidFilter', detail: 'bad filter' }, { httpStatus: 400 })).toEqual([]);
    expect(validateError({ schemas: [ERROR], status: '409', scimType: 'uniqueness', detail: 'taken' })).toEqual([]);
  });

  it('flags a numeric status, an unknown scimType and mismatches', () => {
    expect(codes(validateError({ schemas: [ERROR], status: 400, detail: 'x' }))).toEqual(['error statusNotString /status']);
    const findings = validateError({ status: '404', scimType: 'InvalidFilter', detail: 3, extra: 1 }, { httpStatus: 400 });
    expect(codes(findings)).toEqual([
      'error missingErrorSchema /schemas',
      'error statusMismatch /status',
      'error unknownScimType /scimType',
      'error wrongType /detail',
      'info unknownAttribute /extra',
    ]);
    expect(findings[2]!.message).toContain('did you mean "invalidFilter"?');
    expect(codes(validateError({ schemas: [ERROR], status: '400', scimType: 'uniqueness', detail: 'x' }))).toEqual(['warning scimTypeStatusMismatch /scimType']);
    expect(codes(validateError({ schemas: [ERROR] }))).toEqual(['error statusMissing /status', 'info detailMissing /detail']);
    expect(validateError('oops')[0]).toMatchObject({ code: 'notObject', rfc: 'RFC 7644 §3.12' });
  });
});

describe('validatePatchRequest', () => {
  it('accepts RFC PatchOp bodies', () => {
    expect(validatePatchRequest(patch({ op: 'add', path: 'emails', value: { value: 'x@y', type: 'home' } }), { resourceType: 'User' })).toEqual([]);
    expect(validatePatchRequest(patch({ op: 'replace', value: { displayName: 'x', [ENTERPRISE_URN]: { department: 'S' } } }), { resourceType: 'User' })).toEqual([]);
    expect(validatePatchRequest(patch({ op: 'remove', path: 'members[value eq "x"]' }), { resourceType: 'Group' })).toEqual([]);
  });

  it("flags Entra ID's habits and RFC violations with where they are", () => {
    const findings = validatePatchRequest(
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op: 'Replace', path: 'active', value: 'False' },
          { op: 'Remove', path: 'members', value: [{ value: 'u1' }] },
          { op: 'replace', value: { 'name.givenName': 'B', id: 'x' } },
          { op: 'add', path: 'emails[type eq', value: 'x' },
          { op: 'add', path: 'meta.created', value: '2020-01-01T00:00:00Z' },
          { op: 'remove' },
          { op: 'add', path: 'title' },
          { op: 'move', path: 'title' },
          { op: 'add', path: 'shoeSize', value: 1 },
        ],
      },
      { resourceType: 'User' },
    );
    expect(codes(findings)).toEqual([
      'error opCase /Operations/0/op',
      'error stringBoolean /Operations/0/value',
      'error opCase /Operations/1/op',
      'warning unknownAttribute /Operations/1/path',
      'error removeWithValue /Operations/1/value',
      'warning dottedKey /Operations/2/value/name.givenName',
      'warning readOnlyTarget /Operations/2/value/id',
      'error invalidPath /Operations/3/path',
      'error readOnlyTarget /Operations/4/path',
      'error removeWithoutPath /Operations/5/path',
      'error valueMissing /Operations/6/value',
      'error invalidOp /Operations/7/op',
      'warning unknownAttribute /Operations/8/path',
    ]);
    expect(findings[7]!.message).toMatch(/^invalid path at offset 14: expected a value/);
  });

  it('points out remove with a value on a Group\'s members', () => {
    const findings = validatePatchRequest(patch({ op: 'Remove', path: 'members', value: [{ value: 'u1' }] }), { resourceType: 'Group' });
    expect(findings.find((f) => f.code === 'removeWithValue')!.message).toContain('"path": "members[value eq \\"…\\"]"');
  });

  it("reports Entra's aadOptscim062020 multi-attribute replace (attribute paths as keys) as portability warnings, not errors", () => {
    const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const findings = validatePatchRequest(
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op: 'replace', path: 'emails[type eq "work"].value', value: 'a@example.org' },
          { op: 'replace', value: { displayName: 'A', 'name.givenName': 'A', [`${enterprise}:employeeNumber`]: '7' } },
        ],
      },
      { resourceType: 'User' },
    );
    expect(codes(findings)).toEqual(['warning dottedKey /Operations/1/value/name.givenName', `warning qualifiedKey /Operations/1/value/${enterprise}:employeeNumber`]);
    expect(findings[0]!.message).toContain('for portability write {"name": {"givenName": …}} or use "path"');
    expect(findings[1]!.message).toContain(`for portability put extension attributes under their schema URN, {"${enterprise}": {…}}`);
  });

  it('checks the envelope', () => {
    expect(codes(validatePatchRequest({ Operations: 'x' }))).toEqual(['error missingPatchOpSchema /schemas', 'error operationsMissing /Operations']);
    expect(codes(validatePatchRequest(patch()))).toEqual(['error operationsEmpty /Operations']);
  });
});

describe('validatePatchRequest and read-only values', () => {
  const rename = (id: string) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { id, displayName: 'Renamed' } }] });

  it("allows Okta's group rename, which repeats the group's own id, and refuses another id", () => {
    expect(validatePatchRequest(rename('g-1'), { resourceType: 'Group', resourceId: 'g-1' })).toEqual([]);
    expect(codes(validatePatchRequest(rename('g-2'), { resourceType: 'Group', resourceId: 'g-1' }))).toEqual(['error readOnlyTarget /Operations/0/value/id']);
    // without the resource's id, an id is a warning: allowed only when unchanged
    expect(codes(validatePatchRequest(rename('g-1'), { resourceType: 'Group' }))).toEqual(['warning readOnlyTarget /Operations/0/value/id']);
  });
});
