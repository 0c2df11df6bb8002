export interface Row {
  name: string;
  value: string;
  enabled?: boolean;
}

/** Editable name/value rows (headers, variables), each with a remove button, and one to add. */
export function KeyValueRows({ rows, onChange, label, withEnabled, namePlaceholder = 'name', valuePlaceholder = 'value' }: {
  rows: Row[];
  onChange(rows: Row[]): void;
  label: string;
  withEnabled?: boolean;
  namePlaceholder?: string;
  valuePlaceholder?: string;
}) {
  const update = (i: number, patch: Partial<Row>) => onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <div className="kv-rows" role="group" aria-label={label}>
      {rows.map((row, i) => (
        <div className="kv-row" key={i}>
          {withEnabled && <input type="checkbox" aria-label={`Send ${row.name || 'this row'}`} checked={row.enabled ?? true} onChange={(e) => update(i, { enabled: e.target.checked })} />}
          <input type="text" aria-label={`${label} name ${i + 1}`} placeholder={namePlaceholder} value={row.name} onChange={(e) => update(i, { name: e.target.value })} />
          <input type="text" aria-label={`${label} value ${i + 1}`} placeholder={valuePlaceholder} value={row.value} onChange={(e) => update(i, { value: e.target.value })} />
          <button type="button" className="btn btn-quiet btn-small" aria-label={`Remove ${row.name || `row ${i + 1}`}`} onClick={() => onChange(rows.filter((_, k) => k !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-quiet btn-small" onClick={() => onChange([...rows, { name: '', value: '', ...(withEnabled ? { enabled: true } : {}) }])}>
        + Add
      </button>
    </div>
  );
}
