import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { Discovery } from '@shared/api/commands/discovery';
import type { AppError } from '@shared/api/errors';
import { SchemaRegistry } from '@shared/scim';
import { useApi } from '../../../app/api-context';
import { ApiError, type ApiClient } from '../../../transport/client';

type Entry = { status: 'loading' } | { status: 'ready'; discovery: Discovery } | { status: 'failed'; error: AppError };

interface DiscoveryCache {
  byEndpoint: Record<string, Entry>;
  load(api: ApiClient, endpointId: string, refresh?: boolean): Promise<void>;
}

/**
 * What the composer needs from an endpoint's discovery documents. The discovery view's store
 * (inspector feature) owns discovery; this reads the same `discovery.get` (main caches it).
 */
const useDiscoveryCache = create<DiscoveryCache>()((set, get) => ({
  byEndpoint: {},
  async load(api, endpointId, refresh = false) {
    const current = get().byEndpoint[endpointId];
    if (current && !refresh && current.status !== 'failed') return;
    set((s) => ({ byEndpoint: { ...s.byEndpoint, [endpointId]: { status: 'loading' } } }));
    try {
      const discovery = await api.call('discovery.get', { endpointId, refresh });
      set((s) => ({ byEndpoint: { ...s.byEndpoint, [endpointId]: { status: 'ready', discovery } } }));
    } catch (error) {
      set((s) => ({ byEndpoint: { ...s.byEndpoint, [endpointId]: { status: 'failed', error: error instanceof ApiError ? error.error : { kind: 'internal', message: String(error) } } } }));
    }
  },
}));

export interface EndpointSchema {
  status: 'loading' | 'ready' | 'failed' | 'none';
  /** the server's schemas, or RFC 7643's while loading or when it serves none */
  registry: SchemaRegistry;
  /** the server serves RFC 9865 cursor paging */
  cursorPaging: boolean;
  etag: boolean;
  usesCoreSchemas: boolean;
  notice?: string;
  error?: AppError;
  refresh(): void;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function supported(config: unknown, name: string, field = 'supported'): boolean {
  if (!isObject(config)) return false;
  const key = Object.keys(config).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key ? config[key] : undefined;
  return isObject(value) && value[field] === true;
}

export function useEndpointSchema(endpointId: string | undefined): EndpointSchema {
  const api = useApi();
  const entry = useDiscoveryCache((s) => (endpointId ? s.byEndpoint[endpointId] : undefined));
  useEffect(() => {
    if (endpointId) void useDiscoveryCache.getState().load(api, endpointId);
  }, [api, endpointId]);
  return useMemo(() => {
    const refresh = () => {
      if (endpointId) void useDiscoveryCache.getState().load(api, endpointId, true);
    };
    const base = { registry: SchemaRegistry.core(), cursorPaging: false, etag: false, usesCoreSchemas: true, refresh };
    if (!endpointId) return { ...base, status: 'none' };
    if (!entry || entry.status === 'loading') return { ...base, status: 'loading' };
    if (entry.status === 'failed') return { ...base, status: 'failed', error: entry.error };
    const { discovery } = entry;
    const schemas = discovery.usesCoreSchemas ? [] : (discovery.schemas.resources ?? []);
    const types = discovery.resourceTypes.resources ?? [];
    // no schemas served: RFC 7643's stand in for whichever of its resource types the server lists
    const registry = schemas.length === 0 && types.length === 0 ? SchemaRegistry.core() : SchemaRegistry.fromDiscovery(schemas, types);
    const config = discovery.serviceProviderConfig.document;
    return {
      status: 'ready',
      registry,
      cursorPaging: supported(config, 'pagination', 'cursor'),
      etag: supported(config, 'etag'),
      usesCoreSchemas: discovery.usesCoreSchemas,
      ...(discovery.notice ? { notice: discovery.notice } : {}),
      refresh,
    };
  }, [api, endpointId, entry]);
}
