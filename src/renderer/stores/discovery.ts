import { useEffect } from 'react';
import { create } from 'zustand';
import type { Discovery } from '@shared/api/commands/discovery';
import type { AppError } from '@shared/api/errors';
import { coreSchemas, SchemaRegistry } from '@shared/scim';
import { useApi } from '../app/api-context';
import { ApiError, type ApiClient } from '../transport/client';

/**
 * What the app knows about one endpoint's schemas.
 * - `loading`: the first answer is on its way (nothing to show yet).
 * - `ready`: `discovery` and `registry` are set; `refreshing` while a newer answer is on its way.
 * - `failed`: `error` says why; `discovery`/`registry` keep the last good answer, if there was one.
 */
export interface DiscoveryState {
  status: 'loading' | 'ready' | 'failed';
  discovery?: Discovery;
  registry?: SchemaRegistry;
  error?: AppError;
  refreshing: boolean;
  /** the endpoint's secrets or the vault changed since this was read: read again when next used */
  stale?: boolean;
}

interface DiscoveryStore {
  /** by endpoint id */
  byEndpoint: Record<string, DiscoveryState>;
  /** Loads discovery for an endpoint unless already loaded (or loading); `refresh` asks the server again. */
  load(client: ApiClient, endpointId: string, options?: { refresh?: boolean }): Promise<DiscoveryState>;
  /** `load(client, endpointId, { refresh: true })` */
  refresh(client: ApiClient, endpointId: string): Promise<DiscoveryState>;
  /** Drops what is known (the endpoint changed or was deleted); the next `load` asks again. Without an id, drops everything. */
  forget(endpointId?: string): void;
  /**
   * Marks what is known as out of date (the credentials changed): it stays on screen while the server is
   * asked again on next use, and an answer still on its way is dropped. Without an id, every endpoint.
   */
  invalidate(endpointId?: string): void;
}

interface Flight {
  refresh: boolean;
  promise?: Promise<DiscoveryState>;
}

const inFlight = new Map<string, Flight>();

/**
 * The registry a discovery answer describes: the server's schemas and resource types, or RFC 7643's core
 * schemas when the server serves none (with the server's own resource types, when it lists them).
 */
export function registryFromDiscovery(discovery: Discovery): SchemaRegistry {
  const resourceTypes = discovery.resourceTypes.resources ?? [];
  if (discovery.usesCoreSchemas) return resourceTypes.length ? SchemaRegistry.fromDiscovery(coreSchemas, resourceTypes) : SchemaRegistry.core();
  return SchemaRegistry.fromDiscovery(discovery.schemas.resources ?? [], resourceTypes);
}

function toAppError(error: unknown): AppError {
  if (error instanceof ApiError) return error.error;
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export const useDiscoveryStore = create<DiscoveryStore>((set, get) => ({
  byEndpoint: {},

  load(client, endpointId, options = {}) {
    const refresh = options.refresh ?? false;
    const running = inFlight.get(endpointId);
    if (running?.promise && (running.refresh || !refresh)) return running.promise;
    const current = get().byEndpoint[endpointId];
    if (!refresh && current && current.status !== 'failed' && !current.stale && !running) return Promise.resolve(current);

    const update = (next: DiscoveryState) => set((s) => ({ byEndpoint: { ...s.byEndpoint, [endpointId]: next } }));
    if (current?.discovery) update({ ...current, stale: false, refreshing: true });
    else update({ status: 'loading', refreshing: false });

    const flight: Flight = { refresh };
    inFlight.set(endpointId, flight);
    const promise = (async (): Promise<DiscoveryState> => {
      let next: DiscoveryState;
      try {
        const discovery = await client.call('discovery.get', { endpointId, refresh });
        next = { status: 'ready', discovery, registry: registryFromDiscovery(discovery), refreshing: false };
      } catch (error) {
        const last = get().byEndpoint[endpointId];
        next = { status: 'failed', error: toAppError(error), discovery: last?.discovery, registry: last?.registry, refreshing: false };
      }
      // a forget() or a newer refresh while this was on its way wins
      if (inFlight.get(endpointId) === flight) {
        inFlight.delete(endpointId);
        update(next);
      }
      return next;
    })();
    flight.promise = promise;
    return promise;
  },

  refresh(client, endpointId) {
    return get().load(client, endpointId, { refresh: true });
  },

  forget(endpointId) {
    if (endpointId === undefined) {
      inFlight.clear();
      set({ byEndpoint: {} });
      return;
    }
    inFlight.delete(endpointId);
    set((s) => {
      const rest = { ...s.byEndpoint };
      delete rest[endpointId];
      return { byEndpoint: rest };
    });
  },

  invalidate(endpointId) {
    const ids = endpointId === undefined ? Object.keys(get().byEndpoint) : [endpointId];
    for (const id of ids) inFlight.delete(id);
    set((s) => {
      const next = { ...s.byEndpoint };
      for (const id of ids) {
        const state = next[id];
        if (state) next[id] = { ...state, stale: true, refreshing: false };
      }
      return { byEndpoint: next };
    });
  },
}));

const watchedClients = new WeakSet<ApiClient>();

/**
 * Keeps discovery in step with the endpoint (once per client): settings edited or the endpoint deleted
 * drop what was read (it may describe another server); new credentials, or a vault that changed,
 * have it read again, so an error caused by the old credentials does not stay on screen.
 */
function watchEndpointChanges(client: ApiClient): void {
  if (watchedClients.has(client)) return;
  watchedClients.add(client);
  client.on('endpoints.changed', ({ id, change }) => {
    if (change === 'created') return;
    const store = useDiscoveryStore.getState();
    if (change === 'secrets') store.invalidate(id);
    else store.forget(change === 'all' ? undefined : id);
  });
  client.on('vault.changed', () => useDiscoveryStore.getState().invalidate());
}

/**
 * Discovery state of an endpoint, loading it on first use (and again after the endpoint changed).
 * `undefined` while no endpoint is given.
 */
export function useDiscovery(endpointId: string | undefined): DiscoveryState | undefined {
  const client = useApi();
  const state = useDiscoveryStore((s) => (endpointId ? s.byEndpoint[endpointId] : undefined));
  const stale = state?.stale === true;
  const missing = endpointId !== undefined && (state === undefined || stale);
  useEffect(() => {
    watchEndpointChanges(client);
    // main may still hold the answer read with the old credentials (a vault change): ask the server
    if (endpointId && missing) void useDiscoveryStore.getState().load(client, endpointId, { refresh: stale });
  }, [client, endpointId, missing, stale]);
  return state;
}

/** The registry to use for an endpoint now: the discovered one, or RFC 7643's core schemas until it is known. */
export function useRegistry(endpointId: string | undefined): SchemaRegistry {
  return useDiscovery(endpointId)?.registry ?? SchemaRegistry.core();
}
