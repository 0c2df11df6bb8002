import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

export interface ScimmyServer {
  /** e.g. http://127.0.0.1:PORT/scim */
  baseUrl: string;
  token: string;
  users: Map<string, Record<string, unknown>>;
  groups: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

export interface ScimmyOptions {
  token?: string;
  /** how many generated users to start with */
  users?: number;
  port?: number;
  /** the exact Authorization header it accepts (default `Bearer <token>`), e.g. a Basic one */
  authorization?: string;
}

let declared = false;
const userStore = new Map<string, Record<string, unknown>>();
const groupStore = new Map<string, Record<string, unknown>>();

type Filterable = { id?: string; filter?: { match(values: unknown[]): unknown[] } };

function declareResources(): void {
  if (declared) return;
  declared = true;
  const now = () => new Date().toISOString();
  const store = (target: Map<string, Record<string, unknown>>) => ({
    ingress: (resource: Filterable, instance: Record<string, unknown>) => {
      const id = resource.id ?? randomUUID();
      if (resource.id && !target.has(id)) throw new SCIMMY.Types.Error(404, null!, `Resource ${id} not found`);
      const record = { ...(JSON.parse(JSON.stringify(instance)) as Record<string, unknown>), id, meta: { created: (target.get(id)?.meta as { created?: string })?.created ?? now(), lastModified: now() } };
      target.set(id, record);
      return record;
    },
    egress: (resource: Filterable) => {
      if (resource.id) {
        const found = target.get(resource.id);
        if (!found) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`);
        return found;
      }
      const all = [...target.values()];
      return resource.filter ? resource.filter.match(all) : all;
    },
    degress: (resource: Filterable) => {
      if (!resource.id || !target.delete(resource.id)) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`);
    },
  });
  const users = store(userStore);
  const groups = store(groupStore);
  SCIMMY.Resources.declare(SCIMMY.Resources.User)
    .extend(SCIMMY.Schemas.EnterpriseUser, false)
    .ingress(users.ingress as never)
    .egress(users.egress as never)
    .degress(users.degress as never);
  SCIMMY.Resources.declare(SCIMMY.Resources.Group)
    .ingress(groups.ingress as never)
    .egress(groups.egress as never)
    .degress(groups.degress as never);
}

const FAMILY = ['Jensen', 'Smith', 'García', 'Nakamura', "O'Malley", 'Okafor', 'Lindqvist', 'Novak', 'Haddad', 'Chen'];
const GIVEN = ['Barbara', 'Ana', 'Kenji', 'Liam', 'Fatima', 'Chidi', 'Sofia', 'Mateo', 'Ingrid', 'Wei'];

/** Same shape of demo data as the sandbox, so the peers are compared on like data. */
export function generatedUser(i: number): Record<string, unknown> {
  const given = GIVEN[i % GIVEN.length]!;
  const family = FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]!;
  const userName = `${given}.${family}${i}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
  const user: Record<string, unknown> = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    externalId: `ext-${i}`,
    name: { givenName: given, familyName: family, formatted: `${given} ${family}` },
    displayName: `${given} ${family}`,
    active: i % 7 !== 0,
    emails: [{ value: `${userName}@example.com`, type: 'work', primary: true }],
  };
  if (i % 3 !== 0) user.title = ['Engineer', 'Manager', 'Analyst'][i % 3];
  return user;
}

/** A SCIMMY 1.x service provider (scimmy-routers on Express 4), as a third-party SCIM server for tests and benchmarks. */
export async function startScimmyServer(options: ScimmyOptions = {}): Promise<ScimmyServer> {
  declareResources();
  userStore.clear();
  groupStore.clear();
  const token = options.token ?? `scimmy-${randomUUID()}`;
  for (let i = 0; i < (options.users ?? 0); i++) {
    const id = randomUUID();
    userStore.set(id, { ...generatedUser(i), id, meta: { created: new Date().toISOString(), lastModified: new Date().toISOString() } });
  }
  const app = express();
  app.use(
    '/scim',
    new SCIMMYRouters({
      type: 'bearer',
      docUri: 'https://example.com/help/scim.html',
      handler: (request: express.Request) => {
        if (request.header('Authorization') !== (options.authorization ?? `Bearer ${token}`)) throw new Error('Authorization not detected!');
        return 'scimmy-admin';
      },
    }) as unknown as express.RequestHandler,
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/scim`,
    token,
    users: userStore,
    groups: groupStore,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
