import type { ConformanceProfile } from '../../model/conformance';
import type { ServerFacts } from './types';

/** A precondition: undefined when the check applies, else why it is skipped. */
export type Requirement = (facts: ServerFacts, profile: ConformanceProfile) => string | undefined;

function claimed(name: string, is: (facts: ServerFacts) => boolean, member: string): Requirement {
  return (facts) => {
    if (is(facts)) return undefined;
    if (!facts.features.served) return `The ServiceProviderConfig could not be read, so ${name} support is unknown; not tested`;
    return `The server does not claim ${name} (ServiceProviderConfig ${member} is not true)`;
  };
}

export const needs = {
  users: ((facts) => (facts.userType ? undefined : 'The server lists no User resource type')) as Requirement,
  groups: ((facts) => (facts.groupType ? undefined : 'The server lists no Group resource type')) as Requirement,
  enterpriseUser: ((facts) =>
    facts.userType?.schemaExtensions.some((e) => e.schema === 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User')
      ? undefined
      : 'The User resource type does not list the Enterprise User extension') as Requirement,
  filter: claimed('filtering', (f) => f.features.filter.supported, 'filter.supported'),
  patch: claimed('PATCH', (f) => f.features.patch, 'patch.supported'),
  sort: claimed('sorting', (f) => f.features.sort, 'sort.supported'),
  etag: claimed('ETags', (f) => f.features.etag, 'etag.supported'),
  bulk: claimed('Bulk', (f) => f.features.bulk.supported, 'bulk.supported'),
  changePassword: claimed('password changes', (f) => f.features.changePassword, 'changePassword.supported'),
  cursor: ((facts) => {
    if (facts.features.pagination?.cursor) return undefined;
    if (!facts.features.pagination) return 'The ServiceProviderConfig has no RFC 9865 `pagination` member claiming cursor paging';
    return 'The server does not claim cursor paging (ServiceProviderConfig pagination.cursor is not true)';
  }) as Requirement,
  /** the feature is claimed NOT supported (for checks that a non-supporting server answers 501) */
  unsupported:
    (name: string, is: (facts: ServerFacts) => boolean): Requirement =>
    (facts) => {
      if (!facts.features.served) return 'The ServiceProviderConfig could not be read';
      return is(facts) ? `The server claims ${name}; this check is for servers that do not` : undefined;
    },
};

/** All of the requirements, the first unmet one's reason. */
export function all(...requirements: Requirement[]): Requirement {
  return (facts, profile) => {
    for (const requirement of requirements) {
      const reason = requirement(facts, profile);
      if (reason !== undefined) return reason;
    }
    return undefined;
  };
}
