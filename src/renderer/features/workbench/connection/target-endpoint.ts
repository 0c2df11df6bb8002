import type { AppError } from '@shared/api/errors';
import type { EndpointView } from '@shared/model/endpoint';
import { useApi } from '../../../app/api-context';
import { useEndpoints, useSelectedEndpoint } from '../../../stores/endpoints';
import { useEndpointsSync } from '../../endpoints/use-endpoints-sync';

type TargetState =
  | { status: 'loading' }
  /** `pinned`: the tab's own choice, not the sidebar's; `lostPin`: the tab's endpoint is gone, so the sidebar's is used */
  | { status: 'ready'; endpoint: EndpointView; pinned: boolean; lostPin?: string }
  | { status: 'none' }
  | { status: 'failed'; error: AppError };

/**
 * The endpoint a tab's requests go to: the tab's own choice (`pinnedId`) while that endpoint exists,
 * else the one picked in the endpoint switcher, else the default (the Sandbox).
 */
export function useTargetEndpoint(pinnedId?: string): TargetState & { reload(): void } {
  const api = useApi();
  useEndpointsSync();
  const status = useEndpoints((s) => s.status);
  const error = useEndpoints((s) => s.error);
  const pinned = useEndpoints((s) => (pinnedId ? s.endpoints.find((e) => e.id === pinnedId) : undefined));
  const selected = useSelectedEndpoint();
  const reload = () => void useEndpoints.getState().load(api);
  if (pinned) return { status: 'ready', endpoint: pinned, pinned: true, reload };
  const endpoint = selected;
  const lostPin = pinnedId && status === 'ready' ? pinnedId : undefined;
  if (status === 'failed' && !endpoint) return { status: 'failed', error: error ?? { kind: 'internal', message: 'the endpoint list could not be read' }, reload };
  if (endpoint) return { status: 'ready', endpoint, pinned: false, ...(lostPin ? { lostPin } : {}), reload };
  if (status === 'ready') return { status: 'none', reload };
  return { status: 'loading', reload };
}
