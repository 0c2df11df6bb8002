import { useState } from 'react';
import type { CollectionItem, SavedRequest } from '@shared/model/collection';
import { useApi } from '../../app/api-context';
import { useCollections } from '../../stores/collections';
import { useEndpoints } from '../../stores/endpoints';
import { useIntegration } from '../../stores/integration';
import { useTargetEndpoint } from '../workbench/connection/target-endpoint';
import { ConfirmDialog } from '../exchange/Dialog';
import { RequestEditor } from './RequestEditor';
import { RunPanel } from './RunPanel';
import { SecretVariables } from './SecretVariables';
import { VariablesEditor } from './VariablesEditor';
import './collections.css';

const isRequest = (item: CollectionItem | undefined): item is CollectionItem & { request: SavedRequest } => item?.kind === 'request' && item.request !== undefined;

/** The main pane of the Collections view: the selected request or folder, the run, the variables. */
export function CollectionView() {
  const api = useApi();
  const collection = useCollections((s) => s.collection);
  const selectedItem = useCollections((s) => s.selectedItem);
  const openRequest = useIntegration((s) => s.openRequest);
  const provided = useIntegration((s) => s.endpoints);
  const known = useEndpoints((s) => s.endpoints);
  // the endpoint runs go to and the composer reads its schemas from: chosen here, else the one picked in the sidebar
  const [chosen, setChosen] = useState<string>();
  const target = useTargetEndpoint(chosen);
  const [removing, setRemoving] = useState(false);
  const endpoints = provided.length > 0 ? provided : known.map((e) => ({ id: e.id, name: e.name }));
  const endpointId = chosen ?? (target.status === 'ready' && endpoints.some((e) => e.id === target.endpoint.id) ? target.endpoint.id : (endpoints[0]?.id ?? ''));
  const endpoint = known.find((e) => e.id === endpointId);
  if (!collection) {
    return (
      <div className="page">
        <div className="empty-state">
          <p>Pick or create a collection in the sidebar.</p>
        </div>
      </div>
    );
  }
  const item = collection.items.find((i) => i.id === selectedItem);
  const scope = item?.kind === 'folder' ? item : isRequest(item) ? item : undefined;
  const requests = collection.items.filter((i) => i.kind === 'request' && (!scope || scope.kind === 'request' || i.id.startsWith(`${scope.id}/`)));
  return (
    <div className="page collection-view">
      <header className="page-header">
        <h1>{collection.name}</h1>
        <p className="muted small">
          <code>{collection.folder}</code>
          {collection.external ? ' (a folder you opened)' : ''}
        </p>
        <div className="card-actions">
          <button type="button" className="btn btn-quiet" onClick={() => setRemoving(true)}>
            {collection.external ? 'Forget this collection…' : 'Delete this collection…'}
          </button>
        </div>
      </header>
      {isRequest(item) && (
        <>
          {openRequest && (
            <div className="card-actions">
              <button
                type="button"
                className="btn"
                onClick={() =>
                  openRequest(
                    { endpointId, method: item.request.method, path: item.request.path, headers: item.request.headers, ...(item.request.body !== undefined ? { body: item.request.body } : {}), variables: collection.variables },
                    { name: item.request.name, saved: { collectionId: collection.id, itemId: item.id, collectionName: collection.name } },
                  )
                }
              >
                Open in a tab
              </button>
            </div>
          )}
          <RequestEditor key={`${collection.id}/${item.id}`} collection={collection} item={item} endpoint={endpoint} />
        </>
      )}
      {item?.kind === 'request' && !item.request && (
        <div className="callout callout-error" role="alert">
          {item.problem}
        </div>
      )}
      <RunPanel
        endpoints={endpoints}
        endpointId={endpointId}
        onEndpoint={setChosen}
        collection={collection}
        itemId={scope?.id ?? ''}
        label={scope?.kind === 'request' ? `"${scope.name}"` : scope ? `folder "${scope.name}" (${requests.length} requests)` : `the whole collection (${requests.length} requests)`}
      />
      <VariablesEditor collection={collection} />
      <SecretVariables collection={collection} />
      {removing && (
        <ConfirmDialog
          title={collection.external ? 'Forget this collection?' : 'Delete this collection?'}
          message={collection.external ? `The app stops showing "${collection.name}"; its files in ${collection.folder} stay where they are.` : `The folder ${collection.folder} and every request in it are deleted.`}
          confirm={collection.external ? 'Forget' : 'Delete'}
          onCancel={() => setRemoving(false)}
          onConfirm={() => {
            setRemoving(false);
            void api
              .call('collections.remove', { collectionId: collection.id })
              .then(() => useCollections.getState().loadList(api))
              .catch((e: unknown) => useCollections.getState().setError(e));
          }}
        />
      )}
    </div>
  );
}
