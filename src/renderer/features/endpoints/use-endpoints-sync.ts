import { useEffect, useLayoutEffect } from 'react';
import type { ApiClient } from '../../transport/client';
import { useApi } from '../../app/api-context';
import { useEndpoints } from '../../stores/endpoints';

/** The client the store's contents came from: another client (another core) starts from nothing. */
let syncedWith: ApiClient | undefined;

/** Loads the endpoint list and keychain status, and follows main's change events. */
export function useEndpointsSync(): void {
  const api = useApi();
  const load = useEndpoints((s) => s.load);
  const loadVault = useEndpoints((s) => s.loadVault);
  const setVault = useEndpoints((s) => s.setVault);
  useLayoutEffect(() => {
    if (syncedWith !== api) {
      syncedWith = api;
      useEndpoints.setState({ endpoints: [], defaultId: undefined, status: 'idle', error: undefined, vault: undefined });
    }
  }, [api]);
  useEffect(() => {
    void load(api);
    void loadVault(api);
    const offEndpoints = api.on('endpoints.changed', () => void load(api));
    const offVault = api.on('vault.changed', (status) => {
      setVault(status);
      void load(api);
    });
    return () => {
      offEndpoints();
      offVault();
    };
  }, [api, load, loadVault, setVault]);
}
