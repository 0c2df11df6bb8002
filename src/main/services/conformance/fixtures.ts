import type { Leftover } from '@shared/model/conformance';
import { fixtureFailureReason } from '@shared/scim/checks/fixture-failure';
import { groupBody, sharedUserBodies, userBody } from '@shared/scim/checks/fixture-bodies';
import { idOf, isObject, resourcesOf } from '@shared/scim/checks/responses';
import type { CheckClient, CreatedResource, Fixtures, ServerFacts, SharedUsers } from '@shared/scim/checks/types';
import { FixtureFailure } from '@shared/scim/checks/verdicts';
import { URN } from '@shared/scim';

interface Tracked {
  endpoint: string;
  id: string;
}

/**
 * What a run created, to remove at the end whatever happened. Fixtures for one check are made with
 * that check's client, so their exchanges are part of its evidence.
 */
export class RunResources {
  /** by endpoint and id, in the order they were created */
  private readonly tracked = new Map<string, Tracked>();
  private counter = 0;
  private shared: Promise<SharedUsers> | undefined;

  constructor(
    readonly prefix: string,
    private readonly facts: ServerFacts,
    private readonly readOnly: boolean,
  ) {}

  uniqueName(label: string): string {
    return `${this.prefix}-${label}-${++this.counter}`;
  }

  track(endpoint: string, id: string): void {
    const key = `${endpoint}\u0000${id}`;
    if (!this.tracked.has(key)) this.tracked.set(key, { endpoint, id });
  }

  untrack(endpoint: string, id: string): void {
    this.tracked.delete(`${endpoint}\u0000${id}`);
  }

  /** The fixtures a check sees, creating through its own client. */
  fixturesFor(client: CheckClient): Fixtures {
    const userEndpoint = () => this.facts.userType?.endpoint ?? '/Users';
    const groupEndpoint = () => this.facts.groupType?.endpoint ?? '/Groups';
    const create = async (endpoint: string, body: Record<string, unknown>, what: string): Promise<CreatedResource> => {
      if (this.readOnly) throw new FixtureFailure(`Read-only run: cannot create ${what}`);
      const response = await client.send({ method: 'POST', path: endpoint, body });
      const id = idOf(response.json);
      if (response.status < 200 || response.status > 299 || id === undefined) throw new FixtureFailure(fixtureFailureReason(what, endpoint, response));
      this.track(endpoint, id);
      return { endpoint, id, resource: response.json as Record<string, unknown>, sent: body, response };
    };
    return {
      uniqueName: (label) => this.uniqueName(label),
      userBody: (overrides) => userBody(this.uniqueName('user'), overrides),
      groupBody: (overrides) => groupBody(this.uniqueName('group'), overrides),
      createUser: (overrides) => create(userEndpoint(), userBody(this.uniqueName('user'), overrides), 'a test user'),
      createGroup: (overrides) => create(groupEndpoint(), groupBody(this.uniqueName('group'), overrides), 'a test group'),
      track: (endpoint, id) => this.track(endpoint, id),
      untrack: (endpoint, id) => this.untrack(endpoint, id),
      sharedUsers: () => (this.shared ??= this.makeShared(client)),
    };
  }

  private async makeShared(client: CheckClient): Promise<SharedUsers> {
    const endpoint = this.facts.userType?.endpoint ?? '/Users';
    if (this.readOnly) {
      const response = await client.send({ method: 'GET', path: `${endpoint}?startIndex=1&count=5` });
      const users = (resourcesOf(response.json) ?? []).filter((r) => idOf(r) !== undefined);
      if (users.length === 0) throw new FixtureFailure(fixtureFailureReason('existing users to read', endpoint, response));
      return { created: false, users: users.map((resource) => ({ endpoint, id: idOf(resource)!, resource, sent: {}, response })) };
    }
    const withEnterprise = this.facts.userType?.schemaExtensions.some((e) => e.schema === URN.enterpriseUser) ?? false;
    const users: CreatedResource[] = [];
    // one after another: their creation order is part of what sort and paging checks expect
    for (const body of sharedUserBodies(this.prefix, withEnterprise)) {
      const response = await client.send({ method: 'POST', path: endpoint, body });
      const id = idOf(response.json);
      if (response.status < 200 || response.status > 299 || id === undefined || !isObject(response.json)) {
        throw new FixtureFailure(fixtureFailureReason('the shared test users', endpoint, response));
      }
      this.track(endpoint, id);
      users.push({ endpoint, id, resource: response.json, sent: body, response });
    }
    return { created: true, prefix: `${this.prefix}-shared-`, users };
  }

  /**
   * Deletes everything still tracked: everything that is not a user first (groups refer to users),
   * then the users; each wave as many at once as the client lets through. What cannot be deleted is a leftover.
   */
  async cleanup(client: CheckClient): Promise<Leftover[]> {
    const leftovers: Leftover[] = [];
    const users = this.facts.userType?.endpoint ?? '/Users';
    const remove = async (item: Tracked) => {
      try {
        const response = await client.send({ method: 'DELETE', path: `${item.endpoint}/${encodeURIComponent(item.id)}` });
        if ((response.status >= 200 && response.status < 300) || response.status === 404) this.untrack(item.endpoint, item.id);
        else leftovers.push({ ...item, reason: response.error ? response.error.message : `DELETE answered ${response.status}` });
      } catch (error) {
        leftovers.push({ ...item, reason: error instanceof Error ? error.message : String(error) });
      }
    };
    const tracked = [...this.tracked.values()].reverse();
    await Promise.all(tracked.filter((t) => t.endpoint !== users).map(remove));
    await Promise.all(tracked.filter((t) => t.endpoint === users).map(remove));
    return leftovers;
  }
}
