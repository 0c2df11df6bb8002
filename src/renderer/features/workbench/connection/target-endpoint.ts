import type { AppError } from '@shared/api/errors';
import type { EndpointView } from '@shared/model/endpoint';
import { useApi } from '../../../app/api-context';
import { useEndpoints, useSelectedEndpoint } from '../../../stores/endpoints';
import { useEndpointsSync } from '../../endpoints/use-endpoints-sync';

type TargetState = { status: 'loading' } | { status: 'ready'; endpoint: EndpointView } | { status: 'none' } | { status: 'failed'; error: AppError };

/** The endpoint requests go to: the one picked in the endpoint switcher, else the default (the Sandbox). */
export function useTargetEndpoint(): TargetState & { reload(): void } {
  const api = useApi();
  useEndpointsSync();
  const status = useEndpoints((s) => s.status);
  const error = useEndpoints((s) => s.error);
  const endpoint = useSelectedEndpoint();
  const reload = () => void useEndpoints.getState().load(api);
  if (status === 'failed' && !endpoint) return { status: 'failed', error: error ?? { kind: 'internal', message: 'the endpoint list could not be read' }, reload };
  if (endpoint) return { status: 'ready', endpoint, reload };
  if (status === 'ready') return { status: 'none', reload };
  return { status: 'loading', reload };
}
