import { useState } from 'react';
import { AttributePicker } from '../../filter-builder/AttributePicker';
import type { AttributeOption } from '../../filter-builder/attributes';

interface AttributeListFieldProps {
  label: string;
  values: string[];
  options: AttributeOption[];
  onChange(values: string[]): void;
  hint?: string;
}

/** A list of attribute paths as removable chips, added with the searchable picker. */
export function AttributeListField({ label, values, options, onChange, hint }: AttributeListFieldProps) {
  const [key, setKey] = useState(0);
  const available = options.filter((o) => !values.some((v) => v.toLowerCase() === o.path.toLowerCase()));
  return (
    <div className="attr-list" role="group" aria-label={label}>
      <ul className="attr-chips">
        {values.map((value) => (
          <li key={value} className="attr-chip mono">
            {value}
            <button type="button" className="icon-btn" aria-label={`Remove ${value} from ${label}`} onClick={() => onChange(values.filter((v) => v !== value))}>
              ×
            </button>
          </li>
        ))}
        <li className="attr-chip-add">
          <AttributePicker
            key={key}
            value=""
            options={available}
            label={`Add to ${label}`}
            placeholder={values.length ? 'add…' : (hint ?? 'all returned by default')}
            onCommit={(path) => {
              if (path && !values.includes(path)) onChange([...values, path]);
              setKey((k) => k + 1);
            }}
          />
        </li>
      </ul>
    </div>
  );
}
