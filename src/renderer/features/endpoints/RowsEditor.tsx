import type { Row } from './draft';

interface RowsEditorProps {
  /** e.g. "Default headers" (names the table and its buttons) */
  label: string;
  rows: Row[];
  onChange(rows: Row[]): void;
  withEnabled?: boolean;
  namePlaceholder: string;
  valuePlaceholder: string;
}

/** Name/value rows (default headers, variables), editable in place. */
export function RowsEditor({ label, rows, onChange, withEnabled, namePlaceholder, valuePlaceholder }: RowsEditorProps) {
  const update = (index: number, patch: Partial<Row>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <div className="rows-editor" role="group" aria-label={label}>
      {rows.length === 0 && <p className="muted small">None.</p>}
      {rows.map((row, index) => (
        <div className="rows-row" key={index}>
          {withEnabled && <input type="checkbox" aria-label={`Send ${row.name || `row ${index + 1}`}`} checked={row.enabled} onChange={(e) => update(index, { enabled: e.target.checked })} />}
          <input aria-label={`${label} ${index + 1} name`} placeholder={namePlaceholder} value={row.name} onChange={(e) => update(index, { name: e.target.value })} />
          <input aria-label={`${label} ${index + 1} value`} placeholder={valuePlaceholder} value={row.value} onChange={(e) => update(index, { value: e.target.value })} />
          <button type="button" className="btn btn-quiet" aria-label={`Remove ${label.toLowerCase()} ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-quiet" onClick={() => onChange([...rows, { name: '', value: '', enabled: true }])}>
        Add {label.toLowerCase().replace(/s$/, '')}
      </button>
    </div>
  );
}
