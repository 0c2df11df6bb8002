import { useMemo } from 'react';
import type { AppError } from '@shared/api/errors';
import { SchemaRegistry } from '@shared/scim';
import { useApi } from '../../../app/api-context';
import { useDiscovery, useDiscoveryStore } from '../../../stores/discovery';

export interface EndpointSchema {
  status: 'loading' | 'ready' | 'failed' | 'none';
  /** the server's schemas, or RFC 7643's while loading or when it serves none */
  registry: SchemaRegistry;
  /** the server serves RFC 9865 cursor paging */
  cursorPaging: boolean;
  /** what its ServiceProviderConfig says of `sort.supported`; undefined while unknown */
  sortSupported?: boolean;
  usesCoreSchemas: boolean;
  notice?: string;
  error?: AppError;
  refresh(): void;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `config[name][field] === true`, names compared ignoring case. */
function flag(config: unknown, name: string, field: string): boolean {
  if (!isObject(config)) return false;
  const key = Object.keys(config).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key ? config[key] : undefined;
  return isObject(value) && value[field] === true;
}

/** `config[name].supported` when it is a boolean, names compared ignoring case. */
function supported(config: unknown, name: string): boolean | undefined {
  if (!isObject(config)) return undefined;
  const key = Object.keys(config).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key ? config[key] : undefined;
  const field = isObject(value) ? Object.keys(value).find((k) => k.toLowerCase() === 'supported') : undefined;
  const flagValue = field && isObject(value) ? value[field] : undefined;
  return typeof flagValue === 'boolean' ? flagValue : undefined;
}

/** What the composer needs from an endpoint's discovery (the discovery store's, shared with the inspector and the discovery view). */
export function useEndpointSchema(endpointId: string | undefined): EndpointSchema {
  const api = useApi();
  const state = useDiscovery(endpointId);
  return useMemo(() => {
    const refresh = () => {
      if (endpointId) void useDiscoveryStore.getState().refresh(api, endpointId);
    };
    const base = { registry: state?.registry ?? SchemaRegistry.core(), cursorPaging: false, usesCoreSchemas: true, refresh };
    if (!endpointId) return { ...base, status: 'none' };
    if (!state || state.status === 'loading') return { ...base, status: 'loading' };
    const discovery = state.discovery;
    const sortSupported = supported(discovery?.serviceProviderConfig.document, 'sort');
    const known = {
      ...base,
      cursorPaging: flag(discovery?.serviceProviderConfig.document, 'pagination', 'cursor'),
      ...(sortSupported !== undefined ? { sortSupported } : {}),
      usesCoreSchemas: discovery?.usesCoreSchemas ?? true,
      ...(discovery?.notice ? { notice: discovery.notice } : {}),
    };
    return state.status === 'failed' ? { ...known, status: 'failed', ...(state.error ? { error: state.error } : {}) } : { ...known, status: 'ready' };
  }, [api, endpointId, state]);
}
