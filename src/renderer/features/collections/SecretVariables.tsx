import { useCallback, useEffect, useState } from 'react';
import type { Collection } from '@shared/model/collection';
import { useApi } from '../../app/api-context';
import { useCollections } from '../../stores/collections';

interface Secret {
  name: string;
  set: boolean;
}

/**
 * The collection's secret variables: credentials an import found or a save took out of a request,
 * kept in the OS keychain. Their values never come to this page: each can be replaced or removed.
 */
export function SecretVariables({ collection }: { collection: Collection }) {
  const api = useApi();
  const [secrets, setSecrets] = useState<Secret[]>([]);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [newName, setNewName] = useState('');
  const [problem, setProblem] = useState<string>();
  const names = collection.secrets.join('\n');

  const load = useCallback(async () => {
    if (!names) return setSecrets([]);
    try {
      setSecrets((await api.call('collections.secrets', { collectionId: collection.id })).secrets);
      setProblem(undefined);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }, [api, collection.id, names]);
  useEffect(() => void load(), [load]);

  const store = async (name: string, value: string) => {
    try {
      setSecrets((await api.call('collections.setSecret', { collectionId: collection.id, name, value })).secrets);
      setDrafts((d) => ({ ...d, [name]: '' }));
      setProblem(undefined);
      await useCollections.getState().reload(api);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="card" aria-label="Secret variables">
      <h2>Secret variables</h2>
      <p className="muted small">
        Kept in the OS keychain, never in the collection&apos;s files: the requests say {'{{name}}'}, a run or a send fills it in. Credentials found on import, or typed into a request you
        save, land here.
      </p>
      {secrets.length > 0 && (
        <ul className="secret-list" aria-label="Secret variables of this collection">
          {secrets.map((s) => (
            <li key={s.name} className="kv-row">
              <code>{`{{${s.name}}}`}</code>
              <span className={s.set ? 'muted small' : 'small run-error'}>{s.set ? 'set in the keychain' : 'no value in this keychain'}</span>
              <input
                type="password"
                aria-label={`New value of ${s.name}`}
                placeholder="new value"
                autoComplete="off"
                value={drafts[s.name] ?? ''}
                onChange={(e) => setDrafts((d) => ({ ...d, [s.name]: e.target.value }))}
              />
              <button type="button" className="btn btn-small" disabled={!drafts[s.name]} onClick={() => void store(s.name, drafts[s.name] ?? '')}>
                Replace
              </button>
              <button type="button" className="btn btn-quiet btn-small" aria-label={`Remove secret ${s.name}`} onClick={() => void store(s.name, '')}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="kv-row">
        <input type="text" aria-label="New secret variable name" placeholder="name" value={newName} onChange={(e) => setNewName(e.target.value)} spellCheck={false} />
        <input
          type="password"
          aria-label="New secret variable value"
          placeholder="value"
          autoComplete="off"
          value={drafts['\u0000new'] ?? ''}
          onChange={(e) => setDrafts((d) => ({ ...d, '\u0000new': e.target.value }))}
        />
        <button
          type="button"
          className="btn btn-small"
          disabled={!newName.trim() || !drafts['\u0000new']}
          onClick={() => {
            void store(newName.trim(), drafts['\u0000new'] ?? '').then(() => setNewName(''));
            setDrafts((d) => ({ ...d, '\u0000new': '' }));
          }}
        >
          Add secret
        </button>
      </div>
      {problem && (
        <p className="small run-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
