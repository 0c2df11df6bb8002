import { useEffect, useId, useRef, useState } from 'react';
import type { ColumnSpec } from './columns';

interface ColumnPickerProps {
  available: readonly ColumnSpec[];
  chosen: readonly string[];
  onChange(keys: string[]): void;
  onReset(): void;
}

/** A "Columns" menu: every attribute of the schema as a checkbox, searchable. */
export function ColumnPicker({ available, chosen, onChange, onReset }: ColumnPickerProps) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const popover = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent) => {
      if (!popover.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    popover.current?.querySelector<HTMLInputElement>('input')?.focus();
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const lower = query.trim().toLowerCase();
  const shown = lower ? available.filter((c) => c.label.toLowerCase().includes(lower) || c.description?.toLowerCase().includes(lower)) : available;
  const toggle = (key: string) => {
    if (chosen.includes(key)) onChange(chosen.filter((k) => k !== key));
    else onChange(available.map((c) => c.key).filter((k) => k === key || chosen.includes(k)));
  };

  return (
    <div className="ins-popover-anchor">
      <button ref={button} type="button" className="btn btn-quiet" aria-expanded={open} aria-controls={id} onClick={() => setOpen((v) => !v)}>
        Columns ({chosen.length})
      </button>
      {open && (
        <div
          ref={popover}
          id={id}
          className="ins-popover"
          role="dialog"
          aria-label="Choose columns"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setOpen(false);
              button.current?.focus();
            }
          }}
        >
          <input type="search" className="ins-input" placeholder="Find an attribute" aria-label="Find an attribute" value={query} onChange={(e) => setQuery(e.target.value)} />
          <ul className="ins-checklist">
            {shown.map((column) => (
              <li key={column.key}>
                <label title={column.description}>
                  <input type="checkbox" checked={chosen.includes(column.key)} onChange={() => toggle(column.key)} />
                  <span>{column.label}</span>
                  <span className="ins-faint">{column.multiValued ? `${column.type}[]` : column.type}</span>
                </label>
              </li>
            ))}
            {shown.length === 0 && <li className="ins-faint">No attribute matches “{query}”.</li>}
          </ul>
          <div className="ins-popover-actions">
            <button type="button" className="btn btn-quiet" onClick={onReset}>
              Reset to defaults
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setOpen(false);
                button.current?.focus();
              }}
            >
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
