import { useEffect, useRef } from 'react';

/** Asks before a destructive send goes out (a DELETE opened from a resource's Delete button). */
export function ConfirmSend({ question, onSend, onKeep }: { question: string; onSend(): void; onKeep(): void }) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onKeep();
        }
      }}
    >
      <div role="alertdialog" aria-modal="true" aria-labelledby="confirm-send-title" aria-describedby="confirm-send-text" className="dialog">
        <h2 id="confirm-send-title">Send this DELETE?</h2>
        <p id="confirm-send-text">{question}</p>
        <div className="dialog-actions">
          <button ref={keep} type="button" className="btn" onClick={onKeep}>
            Don’t send
          </button>
          <button type="button" className="btn btn-danger" onClick={onSend}>
            Send DELETE
          </button>
        </div>
      </div>
    </div>
  );
}
