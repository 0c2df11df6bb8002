import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AppError } from '@shared/api/errors';
import type { Collection, CollectionSummary } from '@shared/model/collection';
import { useApi } from '../../../app/api-context';
import { asAppError } from '../../../stores/app-error';
import { useCollections } from '../../../stores/collections';
import { useTabs } from '../../../stores/tabs';
import { Dialog } from '../../exchange/Dialog';
import { requestPath } from '../model/request';
import { savedRequestFromDraft } from '../model/saved-request';
import { tabTitle } from '../model/titles';
import { finishSave } from './save-flow';

const NEW = '\u0000new';

/** Folders of a collection as "parent / child" paths, in tree order. */
function folderChoices(collection: Collection | undefined): { id: string; label: string }[] {
  if (!collection) return [];
  const names = new Map<string, string>();
  const out: { id: string; label: string }[] = [];
  for (const item of collection.items) {
    if (item.kind !== 'folder' || item.id === '') continue;
    const label = item.parentId && names.has(item.parentId) ? `${names.get(item.parentId)!} / ${item.name}` : item.name;
    names.set(item.id, label);
    out.push({ id: item.id, label });
  }
  return out;
}

/**
 * "Save to collection": pick a collection (or name a new one), a folder and a name. The file holds
 * what the composer sends, never a credential; what main left out is shown after the save.
 */
export function SaveToCollectionDialog({ tabId, reason, onClose }: { tabId: string; reason?: string | undefined; onClose(): void }) {
  const api = useApi();
  const tab = useTabs((s) => s.tabs.find((t) => t.id === tabId));
  const [summaries, setSummaries] = useState<CollectionSummary[]>();
  const [choice, setChoice] = useState<string>('');
  const [newName, setNewName] = useState('');
  const [collection, setCollection] = useState<Collection>();
  const [parentId, setParentId] = useState('');
  const [name, setName] = useState(() => (tab ? tabTitle(tab.draft) : ''));
  const [newFolder, setNewFolder] = useState('');
  // a folder this dialog already created: a retry after a failed save reuses it instead of adding "Name 2"
  const createdFolder = useRef<{ key: string; itemId: string }>(undefined);
  const [error, setError] = useState<AppError>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.call('collections.list', {}).then(
      (list) => {
        if (!live) return;
        setSummaries(list);
        const active = useCollections.getState().activeId;
        setChoice(list.find((c) => c.id === active)?.id ?? list[0]?.id ?? NEW);
      },
      (e: unknown) => {
        if (!live) return;
        setSummaries([]);
        setChoice(NEW);
        setError(asAppError(e));
      },
    );
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    setCollection(undefined);
    setParentId('');
    if (!choice || choice === NEW) return;
    let live = true;
    api.call('collections.get', { collectionId: choice }).then(
      (c) => live && setCollection(c),
      (e: unknown) => live && setError(asAppError(e)),
    );
    return () => {
      live = false;
    };
  }, [api, choice]);

  const folders = useMemo(() => folderChoices(collection), [collection]);
  if (!tab) return null;
  const creating = choice === NEW;
  const valid = name.trim() !== '' && (creating ? newName.trim() !== '' : collection !== undefined) && !busy;

  const save = async () => {
    if (!valid) return;
    setBusy(true);
    setError(undefined);
    try {
      let target = collection!;
      if (creating) {
        target = await api.call('collections.create', { name: newName.trim() });
        // from here on the new collection is the one picked (a retry after a failed save does not create another)
        setSummaries((list) => [...(list ?? []), target]);
        setChoice(target.id);
      }
      // the draft as it is now (it may have changed while the dialog was open)
      const current = useTabs.getState().tabs.find((t) => t.id === tabId)?.draft ?? tab.draft;
      const draft = { ...current, name: name.trim() };
      let parent = creating ? '' : parentId;
      const folderName = newFolder.trim();
      if (folderName) {
        const key = JSON.stringify([target.id, parent, folderName]);
        if (createdFolder.current?.key !== key) {
          const folder = await api.call('collections.createFolder', { collectionId: target.id, parentId: parent, name: folderName });
          createdFolder.current = { key, itemId: folder.itemId };
        }
        parent = createdFolder.current.itemId;
      }
      const { itemId, warnings } = await api.call('collections.saveRequest', { collectionId: target.id, parentId: parent, request: savedRequestFromDraft(draft, draft.name) });
      useTabs.getState().updateDraft(tabId, (d) => (d === current ? draft : { ...d, name: draft.name }));
      finishSave(api, tabId, { ref: { collectionId: target.id, itemId }, collectionName: target.name, draft, warnings });
      onClose();
    } catch (e) {
      setError(asAppError(e));
      setBusy(false);
    }
  };
  const onEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    }
  };

  return (
    <Dialog
      title="Save to collection"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={!valid} onClick={() => void save()}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      {reason && (
        <p className="callout callout-warn" role="status">
          {reason}
        </p>
      )}
      <label className="field">
        <span>Name</span>
        <input type="text" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} onKeyDown={onEnter} />
      </label>
      <label className="field">
        <span>Collection</span>
        <select value={choice} disabled={summaries === undefined} onChange={(e) => setChoice(e.target.value)}>
          {summaries === undefined && <option value="">Loading…</option>}
          {summaries?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.external ? ' (folder)' : ''}
            </option>
          ))}
          <option value={NEW}>New collection…</option>
        </select>
      </label>
      {creating ? (
        <label className="field">
          <span>New collection name</span>
          <input type="text" value={newName} onChange={(e) => setNewName(e.target.value)} onKeyDown={onEnter} />
        </label>
      ) : (
        <label className="field">
          <span>Folder</span>
          <select value={parentId} disabled={!collection} onChange={(e) => setParentId(e.target.value)}>
            <option value="">Top level</option>
            {folders.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>New folder (optional)</span>
        <input type="text" value={newFolder} maxLength={200} placeholder={creating || parentId === '' ? 'Created at the top level' : 'Created inside the folder above'} onChange={(e) => setNewFolder(e.target.value)} onKeyDown={onEnter} />
      </label>
      <p className="muted small">
        Saved as <code>{tab.draft.method}</code> <code>{requestPath(tab.draft) || '/'}</code>. Credentials are not saved: the endpoint chosen when it runs provides them.
      </p>
      {error && (
        <div className="callout callout-error" role="alert">
          {error.message}
        </div>
      )}
    </Dialog>
  );
}
