import { useEffect, useMemo, useState } from 'react';
import type { Assertion } from '@shared/model/assertion';
import type { Capture, Collection, CollectionItem, SavedRequest, SavedRequestInput } from '@shared/model/collection';
import type { EndpointView } from '@shared/model/endpoint';
import { RequestDraft } from '@shared/model/workspace';
import { useApi } from '../../app/api-context';
import { useCollections } from '../../stores/collections';
import type { TabRuntime } from '../../stores/runtime';
import { Composer } from '../workbench/composer/Composer';
import { ComposerContext, type ComposerContextValue, type Section } from '../workbench/composer/composer-context';
import { defaultSection } from '../workbench/composer/sections';
import { useEndpointSchema } from '../workbench/connection/endpoint-schema';
import { draftForRequest } from '../workbench/model/detect-operation';
import { resourceTypeFor } from '../workbench/model/presets';
import { savedRequestFromDraft } from '../workbench/model/saved-request';
import { AssertionsEditor } from './AssertionsEditor';
import { CapturesEditor } from './CapturesEditor';

const NO_RUNTIME: TabRuntime = {};
const noop = () => undefined;

interface Extras {
  assertions: Assertion[];
  captures: Capture[];
}

/** A DOM id (and Monaco model URI part) for the composer of one request file. */
const composerId = (collectionId: string, itemId: string) => `collection-${collectionId}-${itemId}`.replace(/[^A-Za-z0-9_-]/g, '-');

/**
 * A collection's request, edited in the workbench's own composer (operations and their presets,
 * the filter builder, the schema-aware body editor, the PATCH builder), opened in the operation it
 * performs; its assertions and captures below; Save writes the request file.
 */
export function RequestEditor({ collection, item, endpoint }: { collection: Collection; item: CollectionItem & { request: SavedRequest }; endpoint: EndpointView | undefined }) {
  const api = useApi();
  const schema = useEndpointSchema(endpoint?.id);
  const saved = item.request;
  const source = JSON.stringify(saved);
  // undefined while untouched: the file as it is, read against the endpoint's resource types once they are known
  const [edited, setEdited] = useState<RequestDraft>();
  const [editedExtras, setEditedExtras] = useState<Extras>();
  const [section, setSection] = useState<Section>();
  const [saving, setSaving] = useState(false);
  const initial = useMemo(() => RequestDraft.parse(draftForRequest(JSON.parse(source) as SavedRequest, schema.registry)), [source, schema.registry]);
  const savedExtras = useMemo<Extras>(() => {
    const request = JSON.parse(source) as SavedRequest;
    return { assertions: request.assertions, captures: request.captures };
  }, [source]);
  useEffect(() => {
    // the file changed (saved here, or outside the app): show it as it is now
    setEdited(undefined);
    setEditedExtras(undefined);
  }, [source]);

  const draft = edited ?? initial;
  const extras = editedExtras ?? savedExtras;
  const draftDirty = edited !== undefined && JSON.stringify(edited) !== JSON.stringify(initial);
  const dirty = draftDirty || (editedExtras !== undefined && JSON.stringify(editedExtras) !== JSON.stringify(savedExtras));

  const value: ComposerContextValue = {
    tabId: composerId(collection.id, item.id),
    draft,
    update: (change) => setEdited((current) => change(current ?? initial)),
    endpoint,
    collectionVariables: collection.variables,
    schema,
    resourceType: resourceTypeFor(schema.registry, draft.resourceType),
    preset: { registry: schema.registry },
    runtime: NO_RUNTIME,
    section: section ?? defaultSection(draft.operation, draft.method),
    setSection,
    send: noop,
    cancel: noop,
    embedded: true,
  };

  const save = async () => {
    const { setWarnings, setError, reload } = useCollections.getState();
    // an untouched request keeps its path and body exactly as written in the file
    const request: SavedRequestInput = draftDirty
      ? savedRequestFromDraft(draft, saved.name, { description: saved.description, ...extras })
      : { ...saved, ...extras };
    setSaving(true);
    try {
      const result = await api.call('collections.saveRequest', { collectionId: collection.id, itemId: item.id, request });
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
    <section className="card request-editor" aria-label={`Request ${item.name}`}>
      <h2>{item.name}</h2>
      {!endpoint && <p className="muted small">No endpoint: the composer offers RFC 7643's User and Group until one is picked for this collection.</p>}
      <div className="collection-composer">
        <ComposerContext.Provider value={value}>
          <Composer />
        </ComposerContext.Provider>
      </div>
      <AssertionsEditor assertions={extras.assertions} onChange={(assertions) => setEditedExtras({ ...extras, assertions })} />
      <CapturesEditor captures={extras.captures} onChange={(captures) => setEditedExtras({ ...extras, captures })} />
      <div className="card-actions">
        <button type="button" className="btn btn-primary" disabled={!dirty || saving} onClick={() => void save()}>
          Save request
        </button>
        <button
          type="button"
          className="btn"
          disabled={!dirty || saving}
          onClick={() => {
            setEdited(undefined);
            setEditedExtras(undefined);
          }}
        >
          Revert
        </button>
        {dirty && <span className="muted small">Not saved yet.</span>}
      </div>
    </section>
  );
}
