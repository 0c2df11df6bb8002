import { describe, expect, it } from 'vitest';
import { whereParts } from '../../../src/renderer/features/endpoints/EndpointsSidebar';

describe('the switcher’s second line', () => {
  it('shows host and path', () => {
    expect(whereParts('https://scim.example.com/scim/v2/', ['https://scim.example.com/scim/v2/'])).toEqual({ host: 'scim.example.com', path: '/scim/v2' });
    expect(whereParts('http://127.0.0.1:8080', ['http://127.0.0.1:8080'])).toEqual({ host: '127.0.0.1:8080', path: '' });
  });

  it('shortens the path segments endpoints on the same host share, so what differs shows', () => {
    const all = ['https://scim.acme.example/scim/v2/tenants/acme-eu', 'https://scim.acme.example/scim/v2/tenants/acme-us', 'https://other.example/scim/v2/tenants/x'];
    expect(whereParts(all[0]!, all)).toEqual({ host: 'scim.acme.example', path: '/…/acme-eu' });
    expect(whereParts(all[1]!, all)).toEqual({ host: 'scim.acme.example', path: '/…/acme-us' });
    expect(whereParts(all[2]!, all)).toEqual({ host: 'other.example', path: '/scim/v2/tenants/x' });
  });

  it('keeps a path that is a prefix of another whole', () => {
    const all = ['https://h.example/scim', 'https://h.example/scim/v2'];
    expect(whereParts(all[0]!, all)).toEqual({ host: 'h.example', path: '/scim' });
    expect(whereParts(all[1]!, all)).toEqual({ host: 'h.example', path: '/…/v2' });
  });
});
