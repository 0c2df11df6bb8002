import { create } from 'zustand';
import type { VaultStatus } from '@shared/api/commands/vault';
import type { AppError } from '@shared/api/errors';
import type { EndpointView } from '@shared/model/endpoint';
import { ApiError, type ApiClient } from '../transport/client';

export type EditorTarget = { mode: 'closed' } | { mode: 'new' } | { mode: 'edit'; id: string };

interface EndpointsStore {
  endpoints: EndpointView[];
  defaultId: string | undefined;
  /** what the user picked in the switcher (kept in the workspace by the workspace sync); see `selectedEndpointId` */
  pickedId: string | undefined;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: AppError | undefined;
  vault: VaultStatus | undefined;
  editor: EditorTarget;
  load(api: ApiClient): Promise<void>;
  loadVault(api: ApiClient, recheck?: boolean): Promise<void>;
  setVault(status: VaultStatus): void;
  select(id: string): void;
  openEditor(target: EditorTarget): void;
}

export function toAppError(error: unknown): AppError {
  return error instanceof ApiError ? error.error : { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** Endpoint list, switcher selection and keychain status: ids and small state only. */
export const useEndpoints = create<EndpointsStore>()((set) => ({
  endpoints: [],
  defaultId: undefined,
  pickedId: undefined,
  status: 'idle',
  error: undefined,
  vault: undefined,
  editor: { mode: 'closed' },
  async load(api) {
    set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading' }));
    try {
      const list = await api.call('endpoints.list', {});
      set({ endpoints: list.endpoints, defaultId: list.defaultId, status: 'ready', error: undefined });
    } catch (error) {
      set({ status: 'failed', error: toAppError(error) });
    }
  },
  async loadVault(api, recheck = false) {
    try {
      set({ vault: await api.call('vault.status', { recheck }) });
    } catch {
      // the status line says nothing rather than something wrong
      set({ vault: undefined });
    }
  },
  setVault: (vault) => set({ vault }),
  select: (id) => set({ pickedId: id }),
  openEditor: (editor) => set({ editor }),
}));

/**
 * The endpoint requests go to: the user's pick while it exists, else the default (the Sandbox).
 * The workbench sends to this id.
 */
export function selectedEndpointId(state: Pick<EndpointsStore, 'endpoints' | 'pickedId' | 'defaultId'>): string | undefined {
  if (state.pickedId && state.endpoints.some((e) => e.id === state.pickedId)) return state.pickedId;
  return state.defaultId ?? state.endpoints[0]?.id;
}

export const useSelectedEndpoint = (): EndpointView | undefined =>
  useEndpoints((s) => {
    const id = selectedEndpointId(s);
    return s.endpoints.find((e) => e.id === id);
  });
