import { useApi } from '../../../app/api-context';
import { useTabs } from '../../../stores/tabs';
import { collectionRef } from '../model/saved-request';
import { saveTab, useSaveFlow } from './save-flow';

/** The composer's Save actions: back to the tab's own request file, or to a collection of choice. */
export function SaveButtons({ tabId }: { tabId: string }) {
  const api = useApi();
  const source = useTabs((s) => s.tabs.find((t) => t.id === tabId)?.source);
  const busy = useSaveFlow((s) => s.busy);
  const saved = collectionRef(source) !== undefined;
  if (!saved) {
    return (
      <button type="button" className="btn btn-quiet" onClick={() => void saveTab(api, tabId)} title="Save this request into a collection (Ctrl+S / ⌘+S)">
        Save to collection…
      </button>
    );
  }
  return (
    <>
      <button type="button" className="btn btn-quiet" disabled={busy} onClick={() => void saveTab(api, tabId)} title={`Save to ${source?.label ?? 'its collection'} (Ctrl+S / ⌘+S)`}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      <button type="button" className="btn btn-quiet" onClick={() => void saveTab(api, tabId, { ask: true })} title="Save a copy into another collection or folder (Ctrl+Shift+S / ⌘+Shift+S)">
        Save as…
      </button>
    </>
  );
}
