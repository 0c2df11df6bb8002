import { useEffect, useState } from 'react';
import type { Capture, CollectionItem, SavedRequest } from '@shared/model/collection';
import { HttpMethod } from '@shared/model/exchange';
import { useApi } from '../../app/api-context';
import { useCollections } from '../../stores/collections';
import { KeyValueRows } from './KeyValueRows';

const FROM: Capture['from'][] = ['body', 'header', 'status'];

/** A saved request, editable: method, path, headers, body, captures. */
export function RequestEditor({ collectionId, item }: { collectionId: string; item: CollectionItem & { request: SavedRequest } }) {
  const api = useApi();
  const [draft, setDraft] = useState<SavedRequest>(item.request);
  const source = JSON.stringify(item.request);
  useEffect(() => setDraft(JSON.parse(source) as SavedRequest), [source]);
  const dirty = JSON.stringify(draft) !== source;
  const set = (patch: Partial<SavedRequest>) => setDraft((d) => ({ ...d, ...patch }));
  const setCapture = (i: number, patch: Partial<Capture>) => set({ captures: draft.captures.map((c, k) => (k === i ? { ...c, ...patch } : c)) });

  const save = async () => {
    const { setWarnings, setError, reload } = useCollections.getState();
    try {
      const result = await api.call('collections.saveRequest', { collectionId, itemId: item.id, request: draft });
      setWarnings(result.warnings);
      setError(undefined);
      await reload(api);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="card request-editor" aria-label={`Request ${item.name}`}>
      <h2>{item.name}</h2>
      <div className="field-row">
        <label className="field">
          <span>Method</span>
          <select value={draft.method} onChange={(e) => set({ method: e.target.value as HttpMethod })}>
            {HttpMethod.options.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label className="field field-grow">
          <span>Path</span>
          <input type="text" value={draft.path} onChange={(e) => set({ path: e.target.value })} spellCheck={false} />
        </label>
      </div>
      <h3>Headers</h3>
      <p className="muted small">Authorization comes from the endpoint at run time; a credential typed here is not saved.</p>
      <KeyValueRows withEnabled label="Header" rows={draft.headers} onChange={(rows) => set({ headers: rows.map((r) => ({ name: r.name, value: r.value, enabled: r.enabled ?? true })) })} />
      <label className="field">
        <span>Body</span>
        <textarea value={draft.body ?? ''} spellCheck={false} onChange={(e) => set(e.target.value === '' ? { body: undefined } : { body: e.target.value })} />
      </label>
      <h3>Captures</h3>
      <p className="muted small">After this request runs, store a value of its response in a variable the next requests use.</p>
      <div className="kv-rows" role="group" aria-label="Captures">
        {draft.captures.map((capture, i) => (
          <div className="kv-row" key={i}>
            <input type="text" aria-label={`Capture variable ${i + 1}`} placeholder="variable" value={capture.variable} onChange={(e) => setCapture(i, { variable: e.target.value })} />
            <select aria-label={`Capture source ${i + 1}`} value={capture.from} onChange={(e) => setCapture(i, { from: e.target.value as Capture['from'] })}>
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
              onChange={(e) => setCapture(i, { path: e.target.value })}
            />
            <button type="button" className="btn btn-quiet btn-small" aria-label={`Remove capture ${capture.variable || i + 1}`} onClick={() => set({ captures: draft.captures.filter((_, k) => k !== i) })}>
              ×
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-quiet btn-small" onClick={() => set({ captures: [...draft.captures, { variable: '', from: 'body', path: 'id' }] })}>
          + Add capture
        </button>
      </div>
      <div className="card-actions">
        <button type="button" className="btn btn-primary" disabled={!dirty} onClick={() => void save()}>
          Save request
        </button>
        <button type="button" className="btn" disabled={!dirty} onClick={() => setDraft(item.request)}>
          Revert
        </button>
      </div>
    </section>
  );
}
