import { useEffect, useId, useRef } from 'react';
import { SECRET_FIELD_LABELS } from '@shared/model/endpoint';
import { ConnectionTestResult } from './ConnectionTestResult';
import { listWords } from './saved-message';
import type { EndpointEditorState } from './use-endpoint-editor';

/** Why the dialog asks before closing, and where to go after. */
export interface LeaveRequest {
  /** 'close': the dialog only; 'settings': then the Settings view */
  then: 'close' | 'settings';
}

interface EditorFooterProps {
  editor: EndpointEditorState;
  leaving: LeaveRequest | undefined;
  onLeave(choice: 'save' | 'discard' | 'stay'): void;
  onClose(): void;
}

/** What would be lost by leaving now, in words. */
function unsavedWords(editor: EndpointEditorState): string {
  const parts: string[] = [];
  if (editor.unsavedSecrets.length) {
    const labels = editor.unsavedSecrets.map((f) => SECRET_FIELD_LABELS[f].toLowerCase());
    parts.push(`the ${listWords(labels)} you typed ${editor.unsavedSecrets.length === 1 ? 'is' : 'are'} not stored`);
  }
  if (editor.changed) parts.push(editor.savedId ? 'changes to the settings are not saved' : 'the endpoint is not created yet');
  const text = listWords(parts);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The dialog's fixed bottom: what Save stored and where, errors, the connection test's result (always
 * in view, scrolling on its own if long), the leave confirmation and the buttons.
 */
export function EditorFooter({ editor, leaving, onLeave, onClose }: EditorFooterProps) {
  const { busy, error, notice, test, needsSave, savedId, unsaved } = editor;
  const stay = useRef<HTMLButtonElement>(null);
  const confirmText = useId();
  useEffect(() => {
    if (leaving) stay.current?.focus();
  }, [leaving]);
  // busy buttons stay focusable (aria-disabled), so focus and Escape keep working during a test
  const guard = (action: () => void) => () => {
    if (!busy) action();
  };

  return (
    <footer className="ep-footer">
      <div className="ep-footer-messages">
        {notice && (
          <p className={`ep-notice ep-notice-${notice.tone}`} role="status" aria-label="Saved">
            {notice.text}
          </p>
        )}
        {error && (
          <div className="callout callout-error ep-error" role="alert">
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
        {busy === 'testing' && (
          <p className="muted small" role="status">
            Testing the connection: GET /ServiceProviderConfig…
          </p>
        )}
        {test && <ConnectionTestResult result={test} />}
      </div>
      {leaving ? (
        <div className="ep-confirm" role="alertdialog" aria-label="Unsaved changes" aria-describedby={confirmText}>
          <span id={confirmText}>{unsavedWords(editor)}.</span>
          <span className="status-spacer" />
          <button type="button" className="btn btn-primary" onClick={() => onLeave('save')}>
            {leaving.then === 'settings' ? 'Save and open Settings' : 'Save and close'}
          </button>
          <button type="button" className="btn" onClick={() => onLeave('discard')}>
            Discard
          </button>
          <button type="button" className="btn btn-quiet" ref={stay} onClick={() => onLeave('stay')}>
            Keep editing
          </button>
        </div>
      ) : (
        <div className="ep-actions">
          <button type="submit" className="btn btn-primary" aria-disabled={busy !== undefined} onClick={(e) => busy && e.preventDefault()}>
            {busy === 'saving' ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="btn" aria-disabled={busy !== undefined} onClick={guard(() => void editor.runTest())}>
            {busy === 'testing' ? 'Testing…' : needsSave ? 'Save and test connection' : 'Test connection'}
          </button>
          <span className="status-spacer" />
          {!unsaved && savedId && <span className="muted small">Saved</span>}
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            {unsaved ? 'Cancel' : 'Close'}
          </button>
        </div>
      )}
    </footer>
  );
}
