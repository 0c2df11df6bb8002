import { useCallback, useEffect, useState } from 'react';
import type { EndpointList } from '@shared/api/commands/endpoints';
import type { AppError } from '@shared/api/errors';
import { useApi } from '../../app/api-context';
import { ApiError } from '../../transport/client';

export type EndpointListState = { status: 'loading' } | { status: 'ready'; list: EndpointList } | { status: 'failed'; error: AppError };

/** The saved and built-in endpoints, kept current with `endpoints.changed`. */
export function useEndpointList(): EndpointListState & { reload(): void } {
  const api = useApi();
  const [state, setState] = useState<EndpointListState>({ status: 'loading' });
  const reload = useCallback(() => {
    api.call('endpoints.list', {}).then(
      (list) => setState({ status: 'ready', list }),
      (error: unknown) => setState({ status: 'failed', error: error instanceof ApiError ? error.error : { kind: 'internal', message: String(error) } }),
    );
  }, [api]);
  useEffect(() => {
    reload();
    return api.on('endpoints.changed', reload);
  }, [api, reload]);
  return { ...state, reload };
}
