import { create } from 'zustand';
import type { AppInfo } from '@shared/api/commands/app';
import type { AppError } from '@shared/api/errors';
import { ApiError, type ApiClient } from '../transport/client';

type State =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; info: AppInfo }
  | { status: 'failed'; error: AppError };

interface AppInfoStore {
  state: State;
  load(client: ApiClient): Promise<void>;
}

export const useAppInfo = create<AppInfoStore>((set, get) => ({
  state: { status: 'idle' },
  async load(client) {
    if (get().state.status === 'loading') return;
    set({ state: { status: 'loading' } });
    try {
      set({ state: { status: 'ready', info: await client.call('app.info', {}) } });
    } catch (error) {
      set({
        state: {
          status: 'failed',
          error: error instanceof ApiError ? error.error : { kind: 'internal', message: error instanceof Error ? error.message : String(error) },
        },
      });
    }
  },
}));
