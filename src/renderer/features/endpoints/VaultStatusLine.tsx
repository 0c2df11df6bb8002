import { useState } from 'react';
import { useApi } from '../../app/api-context';
import { toAppError, useEndpoints } from '../../stores/endpoints';

/** Where secrets are kept, what is wrong with the keychain and how to fix it, and the session-only choice. */
export function VaultStatusLine({ compact = false }: { compact?: boolean }) {
  const api = useApi();
  const vault = useEndpoints((s) => s.vault);
  const loadVault = useEndpoints((s) => s.loadVault);
  const setVault = useEndpoints((s) => s.setVault);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!vault) return null;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(toAppError(e).message);
    } finally {
      setBusy(false);
    }
  };

  if (vault.backend === 'session') {
    return (
      <div className="vault-line vault-warning" role="status" aria-label="Secret storage">
        <strong>Secrets are kept for this session only.</strong> <span>{vault.problem}</span>
        {!compact && vault.fix && <p className="small">To use the keychain again: {vault.fix} Then restart the app.</p>}
      </div>
    );
  }
  if (vault.ok) {
    return (
      <div className="vault-line vault-ok" role="status" aria-label="Secret storage">
        Secrets are kept in the OS keychain.
      </div>
    );
  }
  return (
    <div className="vault-line vault-error" role="alert" aria-label="Secret storage">
      <strong>The OS keychain cannot be used.</strong> <span>{vault.problem}</span>
      {vault.fix && <p className="small">{vault.fix}</p>}
      <div className="vault-actions">
        <button className="btn" disabled={busy} onClick={() => void run(() => loadVault(api, true))}>
          Check again
        </button>
        <button className="btn" disabled={busy} onClick={() => void run(async () => setVault(await api.call('vault.useSessionOnly', {})))}>
          Keep secrets for this session only
        </button>
      </div>
      {error && <p className="small field-error">{error}</p>}
    </div>
  );
}
