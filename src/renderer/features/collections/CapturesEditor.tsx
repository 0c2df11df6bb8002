import type { Capture } from '@shared/model/collection';

const FROM: Capture['from'][] = ['body', 'header', 'status'];

/** After a request runs, values of its response stored in variables the next requests use. */
export function CapturesEditor({ captures, onChange }: { captures: Capture[]; onChange(captures: Capture[]): void }) {
  const set = (i: number, patch: Partial<Capture>) => onChange(captures.map((c, k) => (k === i ? { ...c, ...patch } : c)));
  return (
    <section aria-label="Captures">
      <h3>Captures</h3>
      <p className="muted small">After this request runs, store a value of its response in a variable the next requests use.</p>
      <div className="kv-rows" role="group" aria-label="Captures">
        {captures.map((capture, i) => (
          <div className="kv-row" key={i}>
            <input type="text" aria-label={`Capture variable ${i + 1}`} placeholder="variable" value={capture.variable} onChange={(e) => set(i, { variable: e.target.value })} />
            <select aria-label={`Capture source ${i + 1}`} value={capture.from} onChange={(e) => set(i, { from: e.target.value as Capture['from'] })}>
              {FROM.map((f) => (
                <option key={f}>{f}</option>
              ))}
            </select>
            <input
              type="text"
              aria-label={`Capture path ${i + 1}`}
              placeholder={capture.from === 'header' ? 'header name' : capture.from === 'body' ? 'id or Resources[0].id' : ''}
              disabled={capture.from === 'status'}
              value={capture.path}
              onChange={(e) => set(i, { path: e.target.value })}
            />
            <button type="button" className="btn btn-quiet btn-small" aria-label={`Remove capture ${capture.variable || i + 1}`} onClick={() => onChange(captures.filter((_, k) => k !== i))}>
              ×
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-quiet btn-small" onClick={() => onChange([...captures, { variable: '', from: 'body', path: 'id' }])}>
          + Add capture
        </button>
      </div>
    </section>
  );
}
