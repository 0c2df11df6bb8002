import { URN } from '../../urns';
import { describe, hasSchema, isListResponse, requireStatus, resourcesOf } from '../responses';
import type { CheckDefinition } from '../types';
import { fail, pass } from '../verdicts';

/** Discovery (RFC 7644 §4, RFC 7643 §5–§7): what a server says about itself. */
export const discoveryChecks: CheckDefinition[] = [
  {
    id: 'D01',
    mutates: false,
    async run({ facts, client }) {
      client.cite(facts.discovery.serviceProviderConfig);
      const response = requireStatus(facts.discovery.serviceProviderConfig, 200, 'GET /ServiceProviderConfig', 'Serve GET /ServiceProviderConfig (RFC 7644 §4).');
      if (!hasSchema(response.json, URN.serviceProviderConfig)) {
        return fail('The ServiceProviderConfig does not list its schema URN in `schemas`', { expected: `schemas containing ${URN.serviceProviderConfig}`, actual: describe(response), fix: `Add "${URN.serviceProviderConfig}" to schemas.` });
      }
      return pass('GET /ServiceProviderConfig answered 200 with its schema URN');
    },
  },
  {
    id: 'D05',
    mutates: false,
    async run({ facts, client }) {
      client.cite(facts.discovery.resourceTypes);
      const response = requireStatus(facts.discovery.resourceTypes, 200, 'GET /ResourceTypes', 'Serve GET /ResourceTypes (RFC 7644 §4).');
      const resources = resourcesOf(response.json);
      if (!isListResponse(response.json) || !resources) {
        return fail('GET /ResourceTypes did not answer with a ListResponse', { expected: 'a ListResponse of ResourceType resources', actual: describe(response), fix: 'Wrap the resource types in a ListResponse (RFC 7644 §4: "a ListResponse").' });
      }
      const names = resources.map((r) => String(r.schema ?? '').toLowerCase());
      if (!names.includes(URN.user.toLowerCase())) return fail('No resource type uses the core User schema', { expected: `a ResourceType with schema ${URN.user}`, actual: describe(response) });
      return pass(`GET /ResourceTypes lists ${resources.length} resource type${resources.length === 1 ? '' : 's'}, User among them`);
    },
  },
];
