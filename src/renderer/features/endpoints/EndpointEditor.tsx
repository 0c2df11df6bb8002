import { useEffect, useId, useRef, useState } from 'react';
import type { ConnectionTest } from '@shared/api/commands/endpoints';
import type { AppError } from '@shared/api/errors';
import { OPTIONAL_SECRETS, SECRET_FIELD_LABELS, type SecretField } from '@shared/model/endpoint';
import { useApi } from '../../app/api-context';
import { toAppError, useEndpoints, type EditorTarget } from '../../stores/endpoints';
import { ConnectionTestResult } from './ConnectionTestResult';
import { draftFrom, toInput, type Draft } from './draft';
import { TextField } from './fields';
import { RowsEditor } from './RowsEditor';
import { SecretInput } from './SecretInput';
import { AuthSection, ProxySection, TimeoutsSection, TlsSection } from './SettingsSections';
import { VaultStatusLine } from './VaultStatusLine';
import './endpoints.css';

/** The endpoint editor, as a dialog over whatever view is open. */
export function EndpointEditor() {
  const target = useEndpoints((s) => s.editor);
  if (target.mode === 'closed') return null;
  return <EditorDialog key={target.mode === 'edit' ? target.id : 'new'} target={target} />;
}

function EditorDialog({ target }: { target: Exclude<EditorTarget, { mode: 'closed' }> }) {
  const api = useApi();
  const titleId = useId();
  const { load, select, openEditor } = useEndpoints.getState();
  const [savedId, setSavedId] = useState(target.mode === 'edit' ? target.id : undefined);
  const view = useEndpoints((s) => s.endpoints.find((e) => e.id === savedId));
  const [draft, setDraft] = useState<Draft>(() => draftFrom(useEndpoints.getState().endpoints.find((e) => e.id === savedId)));
  const [dirty, setDirty] = useState(target.mode === 'new');
  const [pending, setPending] = useState<Partial<Record<SecretField, string>>>({});
  const [error, setError] = useState<AppError>();
  const [busy, setBusy] = useState<'saving' | 'testing'>();
  const [test, setTest] = useState<ConnectionTest>();
  const [defaults, setDefaults] = useState<{ connect: number; headers: number; body: number }>();
  const first = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    first.current?.querySelector('input')?.focus();
    api.call('settings.get', {}).then(
      (s) => setDefaults({ connect: s.http.connectTimeoutMs, headers: s.http.headersTimeoutMs, body: s.http.bodyTimeoutMs }),
      () => undefined,
    );
  }, [api]);

  const close = () => openEditor({ mode: 'closed' });
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
  };

  const save = async (): Promise<string | undefined> => {
    setBusy('saving');
    setError(undefined);
    try {
      const endpoint = toInput(draft);
      const saved = savedId ? await api.call('endpoints.update', { id: savedId, endpoint }) : await api.call('endpoints.create', { endpoint });
      for (const [field, value] of Object.entries(pending)) await api.call('endpoints.setSecret', { endpointId: saved.id, field: field as SecretField, value });
      setPending({});
      setSavedId(saved.id);
      setDirty(false);
      if (!savedId) select(saved.id);
      await load(api);
      return saved.id;
    } catch (e) {
      setError(toAppError(e));
      return undefined;
    } finally {
      setBusy(undefined);
    }
  };

  const runTest = async () => {
    const id = dirty || !savedId ? await save() : savedId;
    if (!id) return;
    setBusy('testing');
    setTest(undefined);
    try {
      setTest(await api.call('endpoints.test', { id }));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(undefined);
    }
  };

  const secret = (field: SecretField) => {
    const label = SECRET_FIELD_LABELS[field];
    const optional = OPTIONAL_SECRETS.includes(field);
    if (!savedId) {
      return <SecretInput key={field} label={label} isSet={false} optional={optional} pending={field in pending} onSave={(value) => setPending((p) => ({ ...p, [field]: value }))} />;
    }
    const state = view?.secrets.find((s) => s.field === field);
    const isSet = state?.set ?? false;
    const change = async (call: () => Promise<unknown>) => {
      try {
        await call();
      } catch (e) {
        throw new Error(toAppError(e).message, { cause: e });
      }
      await load(api);
    };
    return (
      <SecretInput
        key={field}
        label={label}
        isSet={isSet}
        optional={optional}
        warning={state?.warning}
        onSave={(value) => change(() => api.call('endpoints.setSecret', { endpointId: savedId, field, value }))}
        onClear={() => change(() => api.call('endpoints.clearSecret', { endpointId: savedId, field }))}
      />
    );
  };

  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="dialog endpoint-editor" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header className="dialog-header">
          <h2 id={titleId}>{savedId ? `Edit endpoint ${view?.name ?? draft.name}` : 'New endpoint'}</h2>
          <button type="button" className="btn btn-quiet" aria-label="Close the endpoint editor" onClick={close}>
            ×
          </button>
        </header>
        <form
          className="dialog-body"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset className="editor-section" ref={first}>
            <legend>Endpoint</legend>
            <TextField label="Name" value={draft.name} onChange={(name) => set({ name })} placeholder="Acme production" required />
            <TextField label="Base URL" value={draft.baseUrl} onChange={(baseUrl) => set({ baseUrl })} placeholder="https://scim.example.com/scim/v2" hint="The SCIM root: requests go to <base URL>/Users, /Groups, …" required />
          </fieldset>
          <AuthSection draft={draft} set={set} secret={secret} />
          <div className="editor-vault">
            <VaultStatusLine compact />
          </div>
          <TlsSection draft={draft} set={set} secret={secret} />
          <ProxySection draft={draft} set={set} secret={secret} />
          <TimeoutsSection draft={draft} set={set} defaults={defaults} />
          <fieldset className="editor-section">
            <legend>Default headers</legend>
            <RowsEditor label="Default headers" rows={draft.headers} onChange={(headers) => set({ headers })} withEnabled namePlaceholder="Header" valuePlaceholder="Value, may use {{variables}}" />
          </fieldset>
          <fieldset className="editor-section">
            <legend>Variables</legend>
            <RowsEditor label="Variables" rows={draft.variables} onChange={(variables) => set({ variables })} namePlaceholder="name" valuePlaceholder="value for {{name}}" />
          </fieldset>
          {error && (
            <div className="callout callout-error" role="alert">
              <p>{error.message}</p>
              {error.kind === 'validation' && error.issues.length > 1 && (
                <ul>
                  {error.issues.map((issue, i) => (
                    <li key={i}>
                      {issue.path}: {issue.message}
                    </li>
                  ))}
                </ul>
              )}
              {error.hint && <p className="small">{error.hint}</p>}
            </div>
          )}
          {test && <ConnectionTestResult result={test} />}
          <footer className="dialog-footer">
            <button type="submit" className="btn btn-primary" disabled={busy !== undefined}>
              {busy === 'saving' ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="btn" disabled={busy !== undefined} onClick={() => void runTest()}>
              {busy === 'testing' ? 'Testing…' : dirty ? 'Save and test connection' : 'Test connection'}
            </button>
            <span className="status-spacer" />
            {!dirty && savedId && <span className="muted small">Saved</span>}
            <button type="button" className="btn btn-quiet" onClick={close}>
              {dirty ? 'Cancel' : 'Close'}
            </button>
          </footer>
        </form>
      </div>
    </div>
  );
}
