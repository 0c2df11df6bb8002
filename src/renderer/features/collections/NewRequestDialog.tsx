import { useState } from 'react';
import { HttpMethod } from '@shared/model/exchange';
import type { SavedRequestInput } from '@shared/model/collection';
import { Dialog } from '../exchange/Dialog';

export function NewRequestDialog({ onCreate, onCancel }: { onCreate(request: SavedRequestInput): void; onCancel(): void }) {
  const [name, setName] = useState('');
  const [method, setMethod] = useState<HttpMethod>('GET');
  const [path, setPath] = useState('/Users');
  const valid = name.trim() !== '';
  const create = () => valid && onCreate({ name: name.trim(), method, path, headers: [], captures: [] });
  return (
    <Dialog
      title="New request"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={!valid} onClick={create}>
            Create
          </button>
        </>
      }
    >
      <label className="field">
        <span>Name</span>
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && create()} />
      </label>
      <div className="field-row">
        <label className="field">
          <span>Method</span>
          <select value={method} onChange={(e) => setMethod(e.target.value as HttpMethod)}>
            {HttpMethod.options.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label className="field field-grow">
          <span>Path (relative to the endpoint; {'{{variables}}'} allowed)</span>
          <input type="text" value={path} onChange={(e) => setPath(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && create()} />
        </label>
      </div>
    </Dialog>
  );
}
