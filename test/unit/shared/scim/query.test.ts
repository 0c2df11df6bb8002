import { describe, expect, it } from 'vitest';
import { buildQuery, parseFilter } from '@shared/scim';

describe('buildQuery', () => {
  it('percent-encodes like encodeURIComponent and keeps a fixed order', () => {
    expect(buildQuery({ count: 10, filter: 'userName eq "bjensen" and title pr', startIndex: 1 })).toBe(
      'filter=userName%20eq%20%22bjensen%22%20and%20title%20pr&startIndex=1&count=10',
    );
    expect(buildQuery({ filter: 'x eq "a&b=c+d/é#?"' })).toBe(`filter=${encodeURIComponent('x eq "a&b=c+d/é#?"')}`);
  });

  it('joins attribute lists with commas and encodes each name', () => {
    expect(buildQuery({ attributes: ['userName', 'name.givenName', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department'] })).toBe(
      'attributes=userName,name.givenName,urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Aextension%3Aenterprise%3A2.0%3AUser%3Adepartment',
    );
    expect(buildQuery({ excludedAttributes: ' emails , groups,' })).toBe('excludedAttributes=emails,groups');
  });

  it('leaves out undefined and empty parameters', () => {
    expect(buildQuery({})).toBe('');
    expect(buildQuery({ filter: '', attributes: [], sortBy: undefined, count: 0 })).toBe('count=0');
  });

  it('formats an AST filter and sends RFC 9865 cursors', () => {
    expect(buildQuery({ filter: parseFilter('USERNAME SW "J"'), sortBy: 'meta.created', sortOrder: 'descending' })).toBe(
      'filter=USERNAME%20sw%20%22J%22&sortBy=meta.created&sortOrder=descending',
    );
    expect(buildQuery({ filter: 'userName sw "J"', cursor: '', count: 10 })).toBe('filter=userName%20sw%20%22J%22&count=10&cursor');
    expect(buildQuery({ cursor: 'VZUTi+y/hEQ=' })).toBe('cursor=VZUTi%2By%2FhEQ%3D');
    const params = new URLSearchParams(buildQuery({ filter: 'a eq "1 + 1"', cursor: 'x y' }));
    expect([params.get('filter'), params.get('cursor')]).toEqual(['a eq "1 + 1"', 'x y']);
  });
});
