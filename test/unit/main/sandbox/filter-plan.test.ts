import { describe, expect, it } from 'vitest';
import { parseFilter } from '@shared/scim';
import { Directory } from '../../../../src/main/services/sandbox/directory';
import { indexCandidates } from '../../../../src/main/services/sandbox/filter-plan';
import { sandboxRegistry, SANDBOX_RESOURCE_TYPES } from '../../../../src/main/services/sandbox/schemas';
import { generateSeed } from '../../../../src/main/services/sandbox/seed';
import { seedEntries } from '../../../../src/main/services/sandbox/snapshot';

describe('index-able filters are answered from indexes, not scans', () => {
  const registry = sandboxRegistry();
  const directory = new Directory({ registry, resourceTypes: { User: SANDBOX_RESOURCE_TYPES[0]!, Group: SANDBOX_RESOURCE_TYPES[1]! }, baseUrl: 'http://127.0.0.1:1/scim/v2' });
  directory.load(seedEntries(generateSeed(500)));
  const user = directory.users.ordered()[42]!.resource as { id: string; userName: string; externalId: string };
  const plan = (text: string, type: 'User' | 'Group' = 'User') =>
    indexCandidates(parseFilter(text, { registry }), directory.store(type), directory.resourceTypes[type], registry);

  it('finds eq on userName (any case, URN-qualified too), id and externalId without scanning', () => {
    expect(plan(`userName eq "${user.userName.toUpperCase()}"`)).toEqual(new Set([user.id]));
    expect(plan(`urn:ietf:params:scim:schemas:core:2.0:User:userName eq "${user.userName}"`)).toEqual(new Set([user.id]));
    expect(plan(`id eq "${user.id}"`)).toEqual(new Set([user.id]));
    expect(plan(`externalId eq "${user.externalId}"`)).toEqual(new Set([user.id]));
    expect(plan('userName eq "nobody"')).toEqual(new Set());
    expect(plan('displayName eq "Engineering"', 'Group')?.size).toBe(1);
  });

  it('narrows through and, unions through or, and scans everything else', () => {
    expect(plan(`userName eq "${user.userName}" and active eq true`)).toEqual(new Set([user.id]));
    expect(plan(`title co "x" and id eq "${user.id}"`)).toEqual(new Set([user.id]));
    expect(plan(`id eq "${user.id}" or externalId eq "emp-000001"`)?.size).toBe(2);
    expect(plan(`id eq "${user.id}" or title pr`)).toBeUndefined();
    expect(plan('userName co "a"')).toBeUndefined();
    expect(plan('not (userName eq "x")')).toBeUndefined();
    expect(plan('displayName eq "x"')).toBeUndefined();
  });
});
