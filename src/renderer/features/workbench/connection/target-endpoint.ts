import { useEffect } from 'react';
import { create } from 'zustand';
import type { AppError } from '@shared/api/errors';
import type { EndpointView } from '@shared/model/endpoint';
import { useApi } from '../../../app/api-context';
import { ApiError, type ApiClient } from '../../../transport/client';

type TargetState =
  | { status: 'loading' }
  | { status: 'ready'; endpoint: EndpointView }
  | { status: 'none' }
  | { status: 'failed'; error: AppError };

interface TargetStore {
  state: TargetState;
  load(api: ApiClient): Promise<void>;
}

/**
 * The endpoint requests go to. The endpoint switcher belongs to the connections feature; until its
 * selection store is merged, this follows `endpoints.list`'s default (the Sandbox when it runs).
 */
const useTarget = create<TargetStore>()((set) => ({
  state: { status: 'loading' },
  async load(api) {
    try {
      const list = await api.call('endpoints.list', {});
      const endpoint = list.endpoints.find((e) => e.id === list.defaultId) ?? list.endpoints[0];
      set({ state: endpoint ? { status: 'ready', endpoint } : { status: 'none' } });
    } catch (error) {
      set({ state: { status: 'failed', error: error instanceof ApiError ? error.error : { kind: 'internal', message: String(error) } } });
    }
  },
}));

let subscribers = 0;
let unsubscribe: (() => void) | undefined;

export function useTargetEndpoint(): TargetState & { reload(): void } {
  const api = useApi();
  const state = useTarget((s) => s.state);
  useEffect(() => {
    subscribers++;
    if (subscribers === 1) {
      void useTarget.getState().load(api);
      unsubscribe = api.on('endpoints.changed', () => void useTarget.getState().load(api));
    }
    return () => {
      subscribers--;
      if (subscribers === 0) unsubscribe?.();
    };
  }, [api]);
  return { ...state, reload: () => void useTarget.getState().load(api) };
}
