import { useDiscoveryStore } from '../../stores/discovery';
import { useDiscoveryView } from './discovery-view-state';
import { useEndpointList } from './use-endpoint-list';

/** The Discovery activity's sidebar: which endpoint to read, with what is known of each. */
export function DiscoverySidebar() {
  const endpoints = useEndpointList();
  const chosen = useDiscoveryView((s) => s.endpointId);
  const select = useDiscoveryView((s) => s.selectEndpoint);
  const known = useDiscoveryStore((s) => s.byEndpoint);
  const list = endpoints.status === 'ready' ? endpoints.list : undefined;
  const current = list ? (list.endpoints.find((e) => e.id === chosen) ?? list.endpoints.find((e) => e.id === list.defaultId) ?? list.endpoints[0]) : undefined;
  return (
    <section className="panel" aria-label="Discovery endpoints">
      <header className="panel-header">
        <h2 className="panel-title">Endpoints</h2>
      </header>
      {endpoints.status === 'loading' && <p className="empty-state">Loading…</p>}
      {endpoints.status === 'failed' && (
        <p className="empty-state" role="alert">
          {endpoints.error.message}
        </p>
      )}
      {list && list.endpoints.length === 0 && <p className="empty-state">No endpoint yet.</p>}
      {list && list.endpoints.length > 0 && (
        <ul className="dsc-endpoints" aria-label="Endpoints to discover">
          {list.endpoints.map((e) => {
            const state = known[e.id];
            const status = !state ? 'not read yet' : state.status === 'loading' ? 'reading…' : state.status === 'failed' && !state.discovery ? 'failed' : state.discovery?.usesCoreSchemas ? 'RFC core schemas' : `${state.registry?.schemas.length ?? 0} schemas`;
            return (
              <li key={e.id}>
                <button type="button" className="dsc-endpoint" aria-current={e.id === current?.id ? 'true' : undefined} onClick={() => select(e.id)}>
                  <span className="dsc-endpoint-name">{e.name}</span>
                  <span className="dsc-endpoint-url">{e.baseUrl}</span>
                  <span className={`dsc-endpoint-status${state?.status === 'failed' ? ' dsc-endpoint-failed' : ''}`}>{status}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
