import { useSelectedEndpoint, useEndpoints } from '../../../stores/endpoints';
import { useTabs } from '../../../stores/tabs';

/**
 * Which endpoint this tab sends to: the one picked in the sidebar (the default, and it follows
 * the sidebar), or one of its own that stays when the sidebar's pick changes.
 */
export function EndpointChoice({ tabId }: { tabId: string }) {
  const own = useTabs((s) => s.tabs.find((t) => t.id === tabId)?.endpointId);
  const endpoints = useEndpoints((s) => s.endpoints);
  const sidebar = useSelectedEndpoint();
  if (endpoints.length === 0) return null;
  const value = own && endpoints.some((e) => e.id === own) ? own : '';
  return (
    <label className="endpoint-choice" title="The endpoint this tab sends to. “Sidebar” follows the endpoint picked in the Endpoints sidebar.">
      <span className="muted small">Sends to</span>
      <select className="select" aria-label="Endpoint of this tab" value={value} onChange={(event) => useTabs.getState().setEndpoint(tabId, event.target.value || undefined)}>
        <option value="">{sidebar ? `${sidebar.name} (sidebar)` : 'The sidebar’s endpoint'}</option>
        {endpoints.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
      </select>
    </label>
  );
}
