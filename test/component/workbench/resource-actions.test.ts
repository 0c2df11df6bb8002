import { describe, expect, it } from 'vitest';
import { SchemaRegistry } from '@shared/scim';
import { actionDraft, writableCopy } from '../../../src/renderer/features/workbench/model/resource-actions';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const registry = SchemaRegistry.core();
const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: '2819c223',
  externalId: 'ext-1',
  userName: 'bjensen',
  meta: { resourceType: 'User', version: 'W/"3"', location: 'https://x/Users/2819c223' },
  groups: [{ value: 'g1', display: 'Admins' }],
  emails: [{ value: 'b@example.com', type: 'work' }],
  [ENTERPRISE]: { department: 'Tour', manager: { value: 'm1', displayName: 'Boss' } },
  x_custom: 1,
};

describe('one-click actions on a resource', () => {
  it('leaves every read-only attribute and sub-attribute out of a PUT body, by the schemas', () => {
    const copy = writableCopy(user, registry, registry.resourceType('User'));
    expect(Object.keys(copy)).toEqual(['schemas', 'externalId', 'userName', 'emails', ENTERPRISE, 'x_custom']);
    expect(copy[ENTERPRISE]).toEqual({ department: 'Tour', manager: { value: 'm1' } });
  });

  it('opens Get, Patch, Replace and Delete of the resource, and sends an unknown type as written to its location', () => {
    const target = { resourceTypeEndpoint: '/Users', id: '2819c223', resource: user, label: 'bjensen' };
    expect(actionDraft('get', target, registry)).toMatchObject({ operation: 'get', method: 'GET', path: '/Users/2819c223', name: 'Get bjensen' });
    expect(actionDraft('delete', target, registry)).toMatchObject({ operation: 'delete', method: 'DELETE', path: '/Users/2819c223' });
    const patch = actionDraft('patch', target, registry);
    expect(patch).toMatchObject({ operation: 'patch', method: 'PATCH' });
    expect(JSON.parse(patch.body!).schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:PatchOp']);
    const put = actionDraft('replace', target, registry);
    expect(put).toMatchObject({ operation: 'replace', method: 'PUT', path: '/Users/2819c223' });
    expect(JSON.parse(put.body!).userName).toBe('bjensen');
    expect(JSON.parse(put.body!).id).toBeUndefined();
    const odd = actionDraft('replace', { resourceTypeEndpoint: '/Devices', id: 'd1', location: 'https://x/scim/Devices/d1', resource: { schemas: ['urn:x:Device'], id: 'd1', meta: {}, name: 'printer' } }, registry);
    expect(odd).toMatchObject({ operation: 'raw', method: 'PUT', path: 'https://x/scim/Devices/d1' });
    expect(JSON.parse(odd.body!)).toEqual({ schemas: ['urn:x:Device'], name: 'printer' });
  });
});
