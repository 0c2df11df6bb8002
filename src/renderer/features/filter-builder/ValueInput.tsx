import { useEffect, useId, useState } from 'react';
import type { AttributeType, FilterValue } from '@shared/scim';

interface ValueInputProps {
  type: AttributeType | undefined;
  canonicalValues?: string[] | undefined;
  value: FilterValue | undefined;
  onChange(value: FilterValue | undefined): void;
  label: string;
  disabled?: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 → the `datetime-local` input's local wall-clock form, when it is a date. */
export function isoToLocalInput(iso: string): string | undefined {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The `datetime-local` value (local time) as an RFC 3339 UTC timestamp, the form SCIM servers expect. */
export function localInputToIso(local: string): string | undefined {
  const time = Date.parse(local);
  if (Number.isNaN(time)) return undefined;
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

function NumberInput({ value, onChange, label, disabled, integer }: Omit<ValueInputProps, 'type'> & { integer: boolean }) {
  const [text, setText] = useState(typeof value === 'number' ? String(value) : value === undefined || value === null ? '' : String(value));
  useEffect(() => {
    if (typeof value === 'number' && Number(text) !== value) setText(String(value));
    // only follow outside changes of the value, not the text being typed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <input
      className="input value-input mono"
      type="number"
      step={integer ? 1 : 'any'}
      aria-label={label}
      disabled={disabled}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const n = event.target.value.trim() === '' ? undefined : Number(event.target.value);
        onChange(n === undefined || Number.isNaN(n) ? undefined : n);
      }}
    />
  );
}

/** The value of a condition, in the input its attribute's type calls for. */
export function ValueInput({ type, canonicalValues, value, onChange, label, disabled }: ValueInputProps) {
  const listId = useId();
  if (type === 'boolean') {
    const on = value === true;
    return (
      <button type="button" role="switch" aria-checked={on} aria-label={label} className="switch" disabled={disabled} onClick={() => onChange(!on)}>
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="mono">{value === undefined ? 'false' : String(value)}</span>
      </button>
    );
  }
  if (type === 'integer' || type === 'decimal') return <NumberInput value={value} onChange={onChange} label={label} disabled={disabled} integer={type === 'integer'} />;
  if (type === 'dateTime') {
    const local = typeof value === 'string' ? isoToLocalInput(value) : undefined;
    return (
      <span className="value-datetime">
        <input
          className="input value-input"
          type="datetime-local"
          step={1}
          aria-label={label}
          disabled={disabled}
          value={local ?? ''}
          onChange={(event) => onChange(localInputToIso(event.target.value))}
        />
        {typeof value === 'string' && <span className="muted small mono" title="as sent (UTC)">{value}</span>}
      </span>
    );
  }
  return (
    <>
      <input
        className="input value-input mono"
        aria-label={label}
        disabled={disabled}
        list={canonicalValues?.length ? listId : undefined}
        placeholder="value"
        spellCheck={false}
        value={value === undefined || value === null ? '' : String(value)}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      />
      {canonicalValues?.length ? (
        <datalist id={listId}>
          {canonicalValues.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}
