import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScimmyServer, type ScimmyServer } from '../../peers/scimmy-server';

describe('the SCIMMY peer runner', () => {
  let server: ScimmyServer;
  beforeAll(async () => {
    server = await startScimmyServer({ users: 25 });
  });
  afterAll(() => server.close());

  it('serves its users behind its bearer token', async () => {
    const denied = await fetch(`${server.baseUrl}/Users`);
    expect(denied.status).toBe(401);
    const res = await fetch(`${server.baseUrl}/Users?count=5`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { totalResults: number; Resources: { userName: string }[] };
    expect(body.totalResults).toBe(25);
    expect(body.Resources).toHaveLength(5);
  });

  it('creates a user and serves its own schemas', async () => {
    const created = await fetch(`${server.baseUrl}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'new.person' }),
    });
    expect(created.status).toBe(201);
    const schemas = (await (await fetch(`${server.baseUrl}/Schemas`, { headers: { authorization: `Bearer ${server.token}` } })).json()) as { Resources: { id: string }[] };
    expect(schemas.Resources.map((s) => s.id)).toContain('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User');
  });
});
