import { useEffect, useState } from 'react';
import type { Collection } from '@shared/model/collection';
import { useApi } from '../../app/api-context';
import { useCollections } from '../../stores/collections';
import { KeyValueRows, type Row } from './KeyValueRows';

const toRows = (variables: Record<string, string>): Row[] => Object.entries(variables).map(([name, value]) => ({ name, value }));

/** The collection's variables (`{{name}}` in paths, headers and bodies). Never put a secret here. */
export function VariablesEditor({ collection }: { collection: Collection }) {
  const api = useApi();
  const [rows, setRows] = useState<Row[]>(() => toRows(collection.variables));
  const [saving, setSaving] = useState(false);
  const source = JSON.stringify(collection.variables);
  useEffect(() => setRows(toRows(JSON.parse(source) as Record<string, string>)), [source]);
  const dirty = JSON.stringify(Object.fromEntries(rows.filter((r) => r.name).map((r) => [r.name, r.value]))) !== source;
  const save = async () => {
    setSaving(true);
    const { setWarnings, setError, reload } = useCollections.getState();
    try {
      const result = await api.call('collections.update', { collectionId: collection.id, variables: Object.fromEntries(rows.filter((r) => r.name.trim()).map((r) => [r.name.trim(), r.value])) });
      setWarnings(result.warnings);
      setError(undefined);
      await reload(api);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <section className="card" aria-label="Variables">
      <h2>Variables</h2>
      <p className="muted small">Used as {'{{name}}'} in paths, headers and bodies; captures set more while a folder runs. Credentials belong in the endpoint, or among the secret variables below, not here.</p>
      <KeyValueRows rows={rows} onChange={setRows} label="Variable" />
      <div className="card-actions">
        <button type="button" className="btn btn-primary" disabled={!dirty || saving} onClick={() => void save()}>
          Save variables
        </button>
      </div>
    </section>
  );
}
