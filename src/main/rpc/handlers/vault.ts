import type { Vault } from '../../services/vault/vault';
import type { Handlers } from '../router';

export function vaultHandlers(vault: Vault): Pick<Handlers, 'vault.status' | 'vault.useSessionOnly'> {
  return {
    'vault.status': ({ recheck }) => vault.status(recheck),
    'vault.useSessionOnly': () => vault.useSessionOnly(),
  };
}
