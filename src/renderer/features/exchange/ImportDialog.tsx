import { useState } from 'react';
import type { ImportFormat } from '@shared/api/commands/exchange';
import type { AppError } from '@shared/api/errors';
import { useApi } from '../../app/api-context';
import { asAppError } from '../../stores/app-error';
import { Dialog } from './Dialog';

const FORMATS: { id: ImportFormat; label: string; placeholder: string }[] = [
  { id: 'postman', label: 'Postman collection (v2.1)', placeholder: 'Choose the exported .postman_collection.json, or paste it here' },
  { id: 'curl', label: 'curl command', placeholder: "curl -X GET 'https://scim.example.com/scim/v2/Users' -H 'Accept: application/scim+json'" },
  { id: 'har', label: 'HAR file', placeholder: 'Choose a .har file (DevTools → Save all as HAR), or paste it here' },
];

export interface ImportResult {
  collectionId: string;
  itemIds: string[];
  imported: number;
  warnings: string[];
}

/** Postman, curl or HAR into a new collection or the current one; credentials are never imported. */
export function ImportDialog({ collectionId, onImported, onCancel }: { collectionId: string | undefined; onImported(result: ImportResult): void; onCancel(): void }) {
  const api = useApi();
  const [format, setFormat] = useState<ImportFormat>('postman');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string>();
  const [into, setInto] = useState<'new' | 'existing'>(collectionId ? 'existing' : 'new');
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [error, setError] = useState<AppError>();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.call('exchange.import', {
        format,
        text,
        ...(fileName ? { fileName } : {}),
        ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
        target: into === 'existing' && collectionId ? { kind: 'existing', collectionId } : { kind: 'new', ...(name.trim() ? { name: name.trim() } : {}) },
      });
      onImported(result);
    } catch (e) {
      setError(asAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Import requests"
      onClose={onCancel}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy || !text.trim()} onClick={() => void run()}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </>
      }
    >
      <fieldset>
        <legend>From</legend>
        {FORMATS.map((f) => (
          <label key={f.id} className="radio-card">
            <input type="radio" name="import-format" checked={format === f.id} onChange={() => setFormat(f.id)} />
            {f.label}
          </label>
        ))}
      </fieldset>
      {format !== 'curl' && (
        <label className="field">
          <span>File</span>
          <input
            type="file"
            accept={format === 'har' ? '.har,application/json' : '.json,application/json'}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setFileName(file.name);
              setText(await file.text());
            }}
          />
        </label>
      )}
      <label className="field">
        <span>{format === 'curl' ? 'Paste the command' : 'Or paste the content'}</span>
        <textarea value={text} placeholder={FORMATS.find((f) => f.id === format)!.placeholder} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      </label>
      <label className="field">
        <span>Base URL to strip (URLs under it become paths relative to the endpoint)</span>
        <input type="url" value={baseUrl} placeholder="https://scim.example.com/scim/v2" onChange={(e) => setBaseUrl(e.target.value)} />
      </label>
      <fieldset>
        <legend>Into</legend>
        <label className="radio-card">
          <input type="radio" name="import-into" checked={into === 'new'} onChange={() => setInto('new')} />
          A new collection
          <input type="text" aria-label="New collection name" placeholder="name (from the file when empty)" value={name} onChange={(e) => setName(e.target.value)} disabled={into !== 'new'} />
        </label>
        <label className="radio-card">
          <input type="radio" name="import-into" checked={into === 'existing'} disabled={!collectionId} onChange={() => setInto('existing')} />
          The current collection
        </label>
      </fieldset>
      {error && (
        <div className="callout callout-error" role="alert">
          {error.message}
          {error.hint && <p className="small">{error.hint}</p>}
        </div>
      )}
    </Dialog>
  );
}
