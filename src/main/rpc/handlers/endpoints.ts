import type { EndpointsService } from '../../services/endpoints/endpoints-service';
import { testConnection } from '../../services/endpoints/connection-test';
import type { DiscoveryEngine } from '../../services/discovery/discovery-service';
import type { Handlers } from '../router';

type EndpointCommands = 'endpoints.list' | 'endpoints.get' | 'endpoints.create' | 'endpoints.update' | 'endpoints.duplicate' | 'endpoints.delete' | 'endpoints.setSecret' | 'endpoints.clearSecret' | 'endpoints.test';

export function endpointsHandlers(deps: { endpoints: EndpointsService; engine: DiscoveryEngine }): Pick<Handlers, EndpointCommands> {
  const { endpoints, engine } = deps;
  return {
    'endpoints.list': () => endpoints.list(),
    'endpoints.get': ({ id }) => endpoints.get(id),
    'endpoints.create': ({ endpoint }) => endpoints.create(endpoint),
    'endpoints.update': ({ id, endpoint }) => endpoints.update(id, endpoint),
    'endpoints.duplicate': ({ id, name }) => endpoints.duplicate(id, name),
    'endpoints.delete': ({ id }) => endpoints.delete(id),
    'endpoints.setSecret': ({ endpointId, field, value }) => endpoints.setSecret(endpointId, field, value),
    'endpoints.clearSecret': ({ endpointId, field }) => endpoints.clearSecret(endpointId, field),
    'endpoints.test': ({ id }) => testConnection(engine, endpoints.endpoint(id)),
  };
}
