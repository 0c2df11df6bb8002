import { useEffect, useId, useRef, useState } from 'react';
import { OPTIONAL_SECRETS, SECRET_FIELD_LABELS, type SecretField } from '@shared/model/endpoint';
import { useEndpoints, type EditorTarget } from '../../stores/endpoints';
import { openSettings } from '../settings/open-settings';
import { EditorFooter, type LeaveRequest } from './EditorFooter';
import { TextField } from './fields';
import { RowsEditor } from './RowsEditor';
import { SecretInput } from './SecretInput';
import { AuthSection, ProxySection, TimeoutsSection, TlsSection } from './SettingsSections';
import { useDialogFocus } from './use-dialog-focus';
import { useEndpointEditor } from './use-endpoint-editor';
import { VaultStatusLine } from './VaultStatusLine';
import './endpoints.css';

/** The endpoint editor, as a dialog over whatever view is open. */
export function EndpointEditor() {
  const target = useEndpoints((s) => s.editor);
  if (target.mode === 'closed') return null;
  return <EditorDialog key={target.mode === 'edit' ? target.id : 'new'} target={target} />;
}

function EditorDialog({ target }: { target: Exclude<EditorTarget, { mode: 'closed' }> }) {
  const titleId = useId();
  const editor = useEndpointEditor(target);
  const { savedId, view, draft, set } = editor;
  const [leaving, setLeaving] = useState<LeaveRequest>();
  const dialog = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLFieldSetElement>(null);

  const finish = (then: LeaveRequest['then']) => {
    useEndpoints.getState().openEditor({ mode: 'closed' });
    if (then === 'settings') openSettings('requests');
  };
  /** Close, Cancel, Escape and the Settings link: ask first when something typed would be lost */
  const leave = (then: LeaveRequest['then']) => {
    if (editor.unsaved) setLeaving({ then });
    else finish(then);
  };
  const onLeave = async (choice: 'save' | 'discard' | 'stay') => {
    const request = leaving;
    setLeaving(undefined);
    if (!request || choice === 'stay') return;
    if (choice === 'save' && !(await editor.save())) return;
    finish(request.then);
  };

  useDialogFocus(dialog, () => (leaving ? setLeaving(undefined) : leave('close')));
  useEffect(() => {
    first.current?.querySelector('input')?.focus();
  }, []);

  const secret = (field: SecretField) => (
    <SecretInput
      key={field}
      label={SECRET_FIELD_LABELS[field]}
      isSet={savedId ? (view?.secrets.find((s) => s.field === field)?.set ?? false) : false}
      optional={OPTIONAL_SECRETS.includes(field)}
      pending={!savedId && (editor.pending[field] ?? '') !== ''}
      value={editor.typed[field] ?? ''}
      onChange={(value) => editor.type(field, value)}
      onSave={(value) => editor.setSecretNow(field, value)}
      warning={view?.secrets.find((s) => s.field === field)?.warning}
      {...(savedId ? { onClear: () => editor.clearSecret(field) } : {})}
    />
  );

  return (
    <div className="ep-backdrop">
      <div ref={dialog} className="ep-dialog endpoint-editor" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <header className="ep-header">
          <h2 id={titleId}>{savedId ? `Edit endpoint ${view?.name ?? draft.name}` : 'New endpoint'}</h2>
          <span className="muted small ep-keys">Enter saves · Esc closes</span>
          <button type="button" className="btn btn-quiet" aria-label="Close the endpoint editor" onClick={() => leave('close')}>
            ×
          </button>
        </header>
        <form
          className="ep-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!editor.busy) void editor.save();
          }}
        >
          <div className="ep-body">
            <div className="ep-columns">
              <div className="ep-column">
                <fieldset className="editor-section" ref={first}>
                  <legend>Endpoint</legend>
                  <TextField label="Name" value={draft.name} onChange={(name) => set({ name })} placeholder="Acme production" required />
                  <TextField label="Base URL" value={draft.baseUrl} onChange={(baseUrl) => set({ baseUrl })} placeholder="https://scim.example.com/scim/v2" hint="The SCIM root: requests go to <base URL>/Users, /Groups, …" required />
                </fieldset>
                <AuthSection draft={draft} set={set} secret={secret} />
                <div className="editor-vault">
                  <VaultStatusLine compact />
                </div>
              </div>
              <div className="ep-column">
                <TlsSection draft={draft} set={set} secret={secret} />
                <ProxySection draft={draft} set={set} secret={secret} />
                <TimeoutsSection draft={draft} set={set} defaults={editor.defaults} onOpenSettings={() => leave('settings')} />
              </div>
            </div>
            <div className="ep-columns">
              <fieldset className="editor-section">
                <legend>Default headers</legend>
                <RowsEditor label="Default headers" rows={draft.headers} onChange={(headers) => set({ headers })} withEnabled namePlaceholder="Header" valuePlaceholder="Value, may use {{variables}}" />
              </fieldset>
              <fieldset className="editor-section">
                <legend>Variables</legend>
                <RowsEditor label="Variables" rows={draft.variables} onChange={(variables) => set({ variables })} namePlaceholder="name" valuePlaceholder="value for {{name}}" />
              </fieldset>
            </div>
          </div>
          <EditorFooter editor={editor} leaving={leaving} onLeave={(choice) => void onLeave(choice)} onClose={() => leave('close')} />
        </form>
      </div>
    </div>
  );
}
