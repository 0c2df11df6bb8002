import { describe, expect, it } from 'vitest';
import { SavedRequest } from '@shared/model/collection';
import { RequestDraft } from '@shared/model/workspace';
import { collectionRef, collectionSource, draftFromSaved, savedRequestFromDraft } from '../../../src/renderer/features/workbench/model/saved-request';

describe('a tab as a collection request', () => {
  it('names its request file in the tab source and reads it back, nested folders included', () => {
    const source = collectionSource({ collectionId: '961622f7e0a4c9f5', itemId: 'Users/Admins/get-admin.request.json' }, 'Shared › Get admin');
    expect(source).toEqual({ kind: 'collection', id: '961622f7e0a4c9f5/Users/Admins/get-admin.request.json', label: 'Shared › Get admin' });
    expect(collectionRef(source)).toEqual({ collectionId: '961622f7e0a4c9f5', itemId: 'Users/Admins/get-admin.request.json' });
    // other sources, and ids that do not name both parts, are not a file to write to
    expect(collectionRef({ kind: 'history', id: '12' })).toBeUndefined();
    expect(collectionRef({ kind: 'collection', id: 'no-item/' })).toBeUndefined();
    expect(collectionRef({ kind: 'collection', id: '/x.request.json' })).toBeUndefined();
    expect(collectionRef(undefined)).toBeUndefined();
  });

  it('saves what the composer would send: the query in the path, headers as typed, no body on a GET', () => {
    const draft = RequestDraft.parse({
      operation: 'list',
      resourceType: 'User',
      method: 'GET',
      path: '/Users',
      query: { filter: 'userName sw "a"', count: 5 },
      headers: [
        { name: 'X-Trace', value: '1', enabled: false },
        { name: '', value: 'dropped', enabled: true },
      ],
      body: 'left over from another operation',
    });
    const saved = SavedRequest.parse(savedRequestFromDraft(draft, 'First five'));
    expect(saved).toEqual({ version: 2, name: 'First five', method: 'GET', path: '/Users?filter=userName%20sw%20%22a%22&count=5', headers: [{ name: 'X-Trace', value: '1', enabled: false }], assertions: [], captures: [] });
  });

  it('keeps the description and captures of the request it writes over, and opens again as the same draft', () => {
    const previous = SavedRequest.parse({ name: 'Create', method: 'POST', path: '/Users', description: 'Makes ingrid', captures: [{ variable: 'userId', from: 'body', path: 'id' }] });
    const draft = RequestDraft.parse({ ...draftFromSaved(previous), body: '{"userName":"ingrid"}' });
    const saved = SavedRequest.parse(savedRequestFromDraft(draft, 'Create', previous));
    expect(saved).toMatchObject({ method: 'POST', path: '/Users', body: '{"userName":"ingrid"}', description: 'Makes ingrid', captures: previous.captures });
    // saved, then opened from the collection: the draft the tab gets is the one that was saved
    expect(RequestDraft.parse(draftFromSaved(saved))).toEqual(draft);
  });
});
