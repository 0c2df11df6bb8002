import { useEffect } from 'react';
import { useApi } from '../../app/api-context';
import { useEndpoints } from '../../stores/endpoints';

/** Loads the endpoint list and keychain status, and follows main's change events. */
export function useEndpointsSync(): void {
  const api = useApi();
  const load = useEndpoints((s) => s.load);
  const loadVault = useEndpoints((s) => s.loadVault);
  const setVault = useEndpoints((s) => s.setVault);
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
