import { useId, useState } from 'react';

interface SecretInputProps {
  label: string;
  /** main says a value is kept (never what it is) */
  isSet: boolean;
  /** what is typed and not handed over yet: held by the editor, so Save stores it too */
  value: string;
  onChange(value: string): void;
  /** "Set"/"Replace": saved endpoints save at once; a new endpoint keeps the value until it is created */
  onSave(value: string): Promise<void> | void;
  onClear?(): Promise<void> | void;
  optional?: boolean;
  /** the value set for an endpoint not created yet (held by the editor until Save) */
  pending?: boolean;
  /** main says the value set is weak (short, a common word): shown under the field */
  warning?: string | undefined;
}

/**
 * Write-only: shows whether a secret is set, takes a new value, and forgets what was typed as soon as
 * it is handed over. A stored value is never shown, because the renderer never receives one.
 * Enter submits the editor's form, which stores the typed value with the endpoint.
 */
export function SecretInput({ label, isSet, value, onChange, onSave, onClear, optional, pending, warning }: SecretInputProps) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const typed = value !== '';
  const state = typed
    ? `typed, stored when you save`
    : pending
      ? 'will be saved with the endpoint'
      : isSet
        ? 'set'
        : optional
          ? 'not set (optional)'
          : 'not set';

  const act = async (action: () => Promise<void> | void) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="field secret-field">
      <label htmlFor={id}>{label}</label>
      <div className="secret-row">
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          value={value}
          placeholder={isSet ? '•••••••• (stored; type to replace)' : 'not set'}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={`${id}-state`}
        />
        <button
          type="button"
          className="btn"
          disabled={busy || !typed}
          onClick={() =>
            void act(async () => {
              await onSave(value);
              onChange('');
            })
          }
        >
          {isSet ? `Replace ${label.toLowerCase()}` : `Set ${label.toLowerCase()}`}
        </button>
        {isSet && onClear && (
          <button type="button" className="btn btn-quiet" disabled={busy} onClick={() => void act(onClear)}>
            Clear {label.toLowerCase()}
          </button>
        )}
      </div>
      <span id={`${id}-state`} className={`secret-state ${typed ? 'is-typed' : isSet || pending ? 'is-set' : 'not-set'}`} data-testid={`secret-state-${label}`}>
        {label}: {state}
      </span>
      {warning && isSet && (
        <span className="warning-text small" role="note" aria-label={`${label} is weak`} data-testid={`secret-warning-${label}`}>
          {warning}
        </span>
      )}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
