import { useCallback, useEffect, useState } from 'react';
import type { CollectionItem } from '@shared/model/collection';
import { useApi } from '../../app/api-context';
import { asAppError } from '../../stores/app-error';
import { useCollections } from '../../stores/collections';
import { ConfirmDialog, PromptDialog } from '../exchange/Dialog';
import { ImportDialog } from '../exchange/ImportDialog';
import { saveFile } from '../exchange/save-file';
import { CollectionTree } from './CollectionTree';
import { ContextMenu, type MenuAction } from './ContextMenu';
import { NewRequestDialog } from './NewRequestDialog';
import '../history/history.css';
import './collections.css';

type Modal =
  | { kind: 'new-collection' }
  | { kind: 'open-folder' }
  | { kind: 'import' }
  | { kind: 'new-folder'; parentId: string }
  | { kind: 'new-request'; parentId: string }
  | { kind: 'rename'; item: CollectionItem }
  | { kind: 'delete'; item: CollectionItem };

const parentFor = (item: CollectionItem | undefined) => (!item ? '' : item.kind === 'folder' ? item.id : item.parentId);

/** The sidebar of the Collections view: pick a collection, its tree, and every edit on it. */
export function CollectionsPanel() {
  const api = useApi();
  const { summaries, activeId, collection, expanded, selectedItem, warnings, error } = useCollections();
  const { loadList, activate, reload, toggle, selectItem, setWarnings, setError } = useCollections.getState();
  const [modal, setModal] = useState<Modal>();
  const [menu, setMenu] = useState<{ item: CollectionItem; x: number; y: number }>();

  useEffect(() => {
    void loadList(api);
  }, [api, loadList]);

  useEffect(
    () =>
      api.on('collections.changed', ({ collectionId }) => {
        void loadList(api);
        if (collectionId === useCollections.getState().activeId) void reload(api);
      }),
    [api, loadList, reload],
  );

  /** Runs an edit; shows its warnings or its error; selects what it returns. */
  const edit = useCallback(
    async (work: () => Promise<{ itemId?: string; warnings?: string[] } | void>) => {
      try {
        const result = await work();
        setWarnings(result?.warnings ?? []);
        setError(undefined);
        await reload(api);
        if (result?.itemId) {
          selectItem(result.itemId);
          const parent = result.itemId.split('/').slice(0, -1);
          parent.forEach((_, i) => toggle(parent.slice(0, i + 1).join('/'), true));
        }
      } catch (e) {
        setError(e);
      }
    },
    [api, reload, selectItem, setError, setWarnings, toggle],
  );

  const cid = activeId ?? '';
  const selected = collection?.items.find((i) => i.id === selectedItem);
  const itemActions = (item: CollectionItem): MenuAction[] => [
    ...(item.kind === 'folder'
      ? [
          { label: 'New request…', run: () => setModal({ kind: 'new-request', parentId: item.id }) },
          { label: 'New folder…', run: () => setModal({ kind: 'new-folder', parentId: item.id }) },
        ]
      : [{ label: 'Open', run: () => selectItem(item.id) }]),
    { label: 'Rename…', run: () => setModal({ kind: 'rename', item }) },
    { label: 'Duplicate', run: () => void edit(() => api.call('collections.duplicate', { collectionId: cid, itemId: item.id })) },
    { label: 'Move to top level', disabled: item.parentId === '', run: () => void edit(() => api.call('collections.move', { collectionId: cid, itemId: item.id, parentId: '' })) },
    { label: 'Delete…', danger: true, run: () => setModal({ kind: 'delete', item }) },
  ];

  const exportPostman = async () => {
    try {
      saveFile(await api.call('exchange.exportCollection', { collectionId: cid }));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="panel collections-panel" aria-label="Collections">
      <header className="panel-header">
        <h2 className="panel-title">Collections</h2>
        <span className="panel-spacer" />
        <button type="button" className="btn btn-quiet btn-small" onClick={() => setModal({ kind: 'new-collection' })}>
          New
        </button>
        <button type="button" className="btn btn-quiet btn-small" onClick={() => setModal({ kind: 'open-folder' })} title="Open a collection folder from elsewhere (a git checkout)">
          Open
        </button>
        <button type="button" className="btn btn-quiet btn-small" onClick={() => setModal({ kind: 'import' })}>
          Import
        </button>
      </header>
      {summaries.length > 0 && (
        <div className="collection-picker">
          <select aria-label="Collection" value={cid} onChange={(e) => void activate(api, e.target.value)}>
            {summaries.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {s.external ? ' (folder)' : ''}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-quiet btn-small" disabled={!collection} onClick={() => setModal({ kind: 'new-request', parentId: parentFor(selected) })}>
            + Request
          </button>
          <button type="button" className="btn btn-quiet btn-small" disabled={!collection} onClick={() => setModal({ kind: 'new-folder', parentId: parentFor(selected) })}>
            + Folder
          </button>
          <button type="button" className="btn btn-quiet btn-small" disabled={!collection} onClick={() => void exportPostman()} title="Export as Postman Collection v2.1">
            Export
          </button>
          <button type="button" className="btn btn-quiet btn-small" disabled={!collection} onClick={() => void edit(() => api.call('collections.reload', { collectionId: cid }).then(() => undefined))} title="Read the files again">
            Reload
          </button>
        </div>
      )}
      {error && (
        <div className="callout callout-error" role="alert">
          {error.message}
        </div>
      )}
      {warnings.length > 0 && (
        <ul className="warning-list" aria-label="Warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {collection && collection.problems.length > 0 && (
        <details className="collection-problems" open>
          <summary>
            {collection.problems.length} file(s) could not be read; the rest is loaded
          </summary>
          <ul>
            {collection.problems.map((p) => (
              <li key={p.file}>
                <code>{p.file}</code>
                {p.line !== undefined ? `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : ''} {p.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {!collection ? (
        <div className="empty-state">
          <p>Saved requests, kept as plain files you can put in git.</p>
          <button type="button" className="btn btn-primary" onClick={() => setModal({ kind: 'new-collection' })}>
            New collection
          </button>
        </div>
      ) : collection.items.length === 0 ? (
        <div className="empty-state">
          <p>This collection is empty. Add a request, or import from Postman, curl or a HAR file.</p>
        </div>
      ) : (
        <CollectionTree
          collection={collection}
          expanded={expanded}
          selected={selectedItem}
          actions={{
            select: selectItem,
            toggle,
            open: (item) => selectItem(item.id),
            menu: (item, x, y) => setMenu({ item, x, y }),
            move: (itemId, parentId, index) => void edit(() => api.call('collections.move', { collectionId: cid, itemId, parentId, ...(index !== undefined ? { index } : {}) })),
            rename: (item) => setModal({ kind: 'rename', item }),
            remove: (item) => setModal({ kind: 'delete', item }),
          }}
        />
      )}
      {menu && <ContextMenu x={menu.x} y={menu.y} label={`Actions for ${menu.item.name}`} actions={itemActions(menu.item)} onClose={() => setMenu(undefined)} />}
      {modal?.kind === 'new-collection' && (
        <PromptDialog
          title="New collection"
          label="Name"
          confirm="Create"
          onCancel={() => setModal(undefined)}
          onSubmit={(name) => {
            setModal(undefined);
            void api
              .call('collections.create', { name })
              .then(async (c) => {
                await loadList(api);
                await activate(api, c.id);
              })
              .catch((e: unknown) => setError(asAppError(e)));
          }}
        />
      )}
      {modal?.kind === 'open-folder' && (
        <PromptDialog
          title="Open a collection folder"
          label="Absolute path of the folder (a git checkout, a shared drive…)"
          confirm="Open"
          onCancel={() => setModal(undefined)}
          onSubmit={(folder) => {
            setModal(undefined);
            void api
              .call('collections.open', { folder })
              .then(async (c) => {
                await loadList(api);
                await activate(api, c.id);
              })
              .catch((e: unknown) => setError(asAppError(e)));
          }}
        />
      )}
      {modal?.kind === 'new-folder' && (
        <PromptDialog
          title="New folder"
          label="Name"
          confirm="Create"
          onCancel={() => setModal(undefined)}
          onSubmit={(name) => {
            const parentId = modal.parentId;
            setModal(undefined);
            void edit(() => api.call('collections.createFolder', { collectionId: cid, parentId, name }));
          }}
        />
      )}
      {modal?.kind === 'new-request' && (
        <NewRequestDialog
          onCancel={() => setModal(undefined)}
          onCreate={(request) => {
            const parentId = modal.parentId;
            setModal(undefined);
            void edit(() => api.call('collections.saveRequest', { collectionId: cid, parentId, request }));
          }}
        />
      )}
      {modal?.kind === 'rename' && (
        <PromptDialog
          title={`Rename ${modal.item.kind}`}
          label="New name"
          initial={modal.item.name}
          confirm="Rename"
          onCancel={() => setModal(undefined)}
          onSubmit={(name) => {
            const itemId = modal.item.id;
            setModal(undefined);
            void edit(() => api.call('collections.rename', { collectionId: cid, itemId, name }));
          }}
        />
      )}
      {modal?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${modal.item.kind}?`}
          message={modal.item.kind === 'folder' ? `Delete the folder "${modal.item.name}" and everything in it?` : `Delete the request "${modal.item.name}"?`}
          confirm="Delete"
          onCancel={() => setModal(undefined)}
          onConfirm={() => {
            const itemId = modal.item.id;
            setModal(undefined);
            selectItem(undefined);
            void edit(() => api.call('collections.deleteItem', { collectionId: cid, itemId }).then(() => undefined));
          }}
        />
      )}
      {modal?.kind === 'import' && (
        <ImportDialog
          collectionId={activeId}
          onCancel={() => setModal(undefined)}
          onImported={async (result) => {
            setModal(undefined);
            setWarnings(result.warnings);
            await loadList(api);
            await activate(api, result.collectionId);
          }}
        />
      )}
    </section>
  );
}
