import { useEffect, useState } from 'react';
import { useApi } from '../../app/api-context';
import { useCollections } from '../../stores/collections';

const NONE: Record<string, string> = {};

/**
 * The variables of the collection a tab came from (or was saved to), for what the renderer builds
 * itself (copy as curl); sending merges them in main. The open collection's are used as they are;
 * another collection's are read once per tab and collection.
 */
export function useCollectionVariables(collectionId: string | undefined): Record<string, string> {
  const api = useApi();
  const open = useCollections((s) => (collectionId !== undefined && s.collection?.id === collectionId ? s.collection.variables : undefined));
  const [read, setRead] = useState<{ id: string; variables: Record<string, string> }>();
  useEffect(() => {
    if (collectionId === undefined || open !== undefined || read?.id === collectionId) return;
    let current = true;
    api.call('collections.get', { collectionId }).then(
      (collection) => current && setRead({ id: collectionId, variables: collection.variables }),
      () => current && setRead({ id: collectionId, variables: NONE }),
    );
    return () => {
      current = false;
    };
  }, [api, collectionId, open, read?.id]);
  if (collectionId === undefined) return NONE;
  return open ?? (read?.id === collectionId ? read.variables : NONE);
}
