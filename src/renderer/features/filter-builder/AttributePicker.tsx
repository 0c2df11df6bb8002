import { useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { AttributeOption } from './attributes';
import { useFloatingList } from './use-floating-list';

interface AttributePickerProps {
  value: string;
  options: AttributeOption[];
  onCommit(path: string): void;
  label: string;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
  inputRef?: React.Ref<HTMLInputElement>;
  className?: string;
}

const MAX_SHOWN = 120;

function rank(option: AttributeOption, query: string): number {
  const path = option.path.toLowerCase();
  const short = option.extension ? path.slice(option.extension.length + 1) : path;
  if (short === query || path === query) return 0;
  if (short.startsWith(query)) return 1;
  if (short.split('.').some((part) => part.startsWith(query))) return 2;
  if (path.includes(query)) return 3;
  if (option.attribute.description.toLowerCase().includes(query)) return 4;
  return -1;
}

export function shortUrn(urn: string): string {
  const parts = urn.split(':');
  return parts.length > 3 ? `…:${parts.slice(-3).join(':')}` : urn;
}

/** Shows the flags a person scanning the list needs: type, multi-valued, required, read-only. */
export function AttributeFacts({ option }: { option: AttributeOption }) {
  const a = option.attribute;
  return (
    <span className="attr-facts">
      <span className={`type-chip type-${a.type}`}>{a.type}</span>
      {a.multiValued && <span className="flag" title="multi-valued">[ ]</span>}
      {a.required && <span className="flag flag-req" title="required">req</span>}
      {a.mutability === 'readOnly' && <span className="flag" title="read-only">RO</span>}
      {a.canonicalValues?.length ? <span className="flag" title={`canonical values: ${a.canonicalValues.join(', ')}`}>enum</span> : null}
    </span>
  );
}

/**
 * A searchable attribute combobox (ARIA 1.2 pattern): type to narrow by name, path or description,
 * arrows to move, Enter to pick. Free text is allowed; the builder flags paths the schema lacks.
 */
export function AttributePicker({ value, options, onCommit, label, placeholder = 'attribute', invalid, describedBy, disabled, inputRef, className }: AttributePickerProps) {
  const listId = useId();
  const [text, setText] = useState(value);
  const [editing, setEditing] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const place = useFloatingList(boxRef, open);
  const shownText = editing ? text : value;

  const matches = useMemo(() => {
    const query = editing ? text.trim().toLowerCase() : '';
    if (!query) return options.slice(0, MAX_SHOWN);
    return options
      .map((option) => ({ option, score: rank(option, query) }))
      .filter((m) => m.score >= 0)
      .sort((a, b) => a.score - b.score || a.option.path.length - b.option.path.length)
      .slice(0, MAX_SHOWN)
      .map((m) => m.option);
  }, [options, text, editing]);

  const commit = (path: string) => {
    setEditing(false);
    setOpen(false);
    if (path !== value) onCommit(path);
  };

  const scrollTo = (index: number) => {
    listRef.current?.children[index]?.scrollIntoView?.({ block: 'nearest' });
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      const next = Math.max(0, Math.min(matches.length - 1, active + (event.key === 'ArrowDown' ? 1 : -1)));
      setActive(next);
      scrollTo(next);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const pick = open ? matches[active] : undefined;
      commit(pick ? pick.path : shownText.trim());
    } else if (event.key === 'Escape') {
      // Esc closes the suggestions and nothing else: what was typed stays (Enter or leaving the field commits it)
      if (open) {
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
      }
    }
  };

  const activeOption = open ? matches[active] : undefined;
  return (
    <div className={`combo ${className ?? ''}`} ref={boxRef}>
      <input
        ref={inputRef}
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeOption ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className="input mono"
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        disabled={disabled}
        value={shownText}
        onChange={(event) => {
          setText(event.target.value);
          setEditing(true);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => {
          setText(value);
        }}
        onClick={() => setOpen(true)}
        onBlur={() => {
          if (editing) commit(text.trim());
          setOpen(false);
        }}
        onKeyDown={onKeyDown}
      />
      {open &&
        createPortal(
        <ul className="combo-list is-floating" role="listbox" id={listId} aria-label={`${label} suggestions`} ref={listRef} style={place}>
          {matches.length === 0 && (
            <li className="combo-empty" role="presentation">
              No attribute matches “{text}”. Press Enter to use it as typed.
            </li>
          )}
          {matches.map((option, index) => (
            <li
              key={option.path}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className="combo-option"
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => commit(option.path)}
              title={option.attribute.description}
            >
              <span className="combo-path mono">
                {option.extension ? (
                  <>
                    <span className="muted">{shortUrn(option.extension)}:</span>
                    {option.path.slice(option.extension.length + 1)}
                  </>
                ) : (
                  option.path
                )}
              </span>
              <AttributeFacts option={option} />
              <span className="combo-desc">{option.attribute.description}</span>
            </li>
          ))}
        </ul>,
          document.body,
        )}
    </div>
  );
}
