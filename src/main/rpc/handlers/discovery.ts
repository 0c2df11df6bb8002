import type { DiscoveryService } from '../../services/discovery/discovery-service';
import type { Handlers } from '../router';

export function discoveryHandlers(discovery: DiscoveryService): Pick<Handlers, 'discovery.get'> {
  return {
    'discovery.get': ({ endpointId, refresh }) => discovery.get(endpointId, refresh),
  };
}
