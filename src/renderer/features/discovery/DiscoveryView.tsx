import { useRef } from 'react';
import type { EndpointView } from '@shared/model/endpoint';
import { useApi } from '../../app/api-context';
import { useDiscovery, useDiscoveryStore } from '../../stores/discovery';
import { TabPanel, Tabs, type TabSpec } from '../inspector/ui/Tabs';
import { CapabilityCards } from './CapabilityCards';
import { useDiscoveryView, type DiscoverySection } from './discovery-view-state';
import { RawDocuments } from './RawDocuments';
import { ResourceTypesList } from './ResourceTypesList';
import { SchemasSection } from './SchemasSection';
import { useEndpoints, useSelectedEndpoint } from '../../stores/endpoints';
import { useEndpointsSync } from '../endpoints/use-endpoints-sync';
import '../inspector/inspector.css';
import './discovery.css';

function fetchedWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}

function Discovered({ endpoint }: { endpoint: EndpointView }) {
  const api = useApi();
  const state = useDiscovery(endpoint.id);
  const { section, schemaId, query, show, setQuery } = useDiscoveryView();
  const idPrefix = useRef('discovery').current;
  const refresh = () => void useDiscoveryStore.getState().refresh(api, endpoint.id);
  const refreshing = state?.status === 'loading' || state?.refreshing === true;

  const header = (
    <header className="dsc-header">
      <div className="dsc-title">
        <h1>{endpoint.name}</h1>
        <code className="ins-faint">{endpoint.baseUrl}</code>
      </div>
      <span className="ins-spacer" />
      {state?.discovery && (
        <span className="ins-faint dsc-fetched">
          {state.discovery.fromCache ? 'Cached' : 'Read'} at {fetchedWhen(state.discovery.fetchedAt)}
        </span>
      )}
      <button type="button" className="btn" onClick={refresh} disabled={refreshing} aria-busy={refreshing}>
        {refreshing ? 'Refreshing…' : 'Refresh'}
      </button>
    </header>
  );

  if (!state || (state.status === 'loading' && !state.discovery)) {
    return (
      <div className="dsc-root" aria-busy="true">
        {header}
        <p className="ins-empty">Reading /ServiceProviderConfig, /ResourceTypes and /Schemas…</p>
      </div>
    );
  }
  if (!state.discovery || !state.registry) {
    return (
      <div className="dsc-root">
        {header}
        <div className="ins-callout ins-callout-error" role="alert">
          <p>
            <strong>Discovery failed:</strong> {state.error?.message ?? 'no answer'}
          </p>
          {state.error?.hint && <p>{state.error.hint}</p>}
          <p className="ins-faint">Check the endpoint’s base URL and credentials, then try again.</p>
          <button type="button" className="btn" onClick={refresh}>
            Try again
          </button>
        </div>
      </div>
    );
  }

  const { discovery, registry } = state;
  const tabs: TabSpec<DiscoverySection>[] = [
    { id: 'capabilities', label: 'Capabilities' },
    { id: 'resourceTypes', label: 'Resource types', badge: registry.resourceTypes.length },
    { id: 'schemas', label: 'Schemas', badge: registry.schemas.length },
    { id: 'raw', label: 'Raw documents' },
  ];
  return (
    <div className="dsc-root">
      {header}
      {state.status === 'failed' && (
        <p className="ins-callout ins-callout-error" role="alert">
          Refreshing failed ({state.error?.message}); showing what was read before.
        </p>
      )}
      {discovery.usesCoreSchemas && (
        <div className="ins-callout ins-callout-warn" role="note" aria-label="Fallback schemas">
          <p>{discovery.notice ?? 'The server serves no usable /Schemas: the RFC 7643 core schemas stand in.'}</p>
        </div>
      )}
      {registry.problems.length > 0 && (
        <details className="ins-callout ins-callout-info dsc-problems">
          <summary>
            {registry.problems.length} repair{registry.problems.length === 1 ? '' : 's'} made to read the server’s schemas
          </summary>
          <ul className="ins-plain-list">
            {registry.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </details>
      )}
      <Tabs<DiscoverySection> label="Discovery sections" idPrefix={idPrefix} tabs={tabs} selected={section} onSelect={(s) => show(s)} />
      <TabPanel idPrefix={idPrefix} id={section} className="dsc-panel">
        {section === 'capabilities' && <CapabilityCards document={discovery.serviceProviderConfig} />}
        {section === 'resourceTypes' && (
          <ResourceTypesList document={discovery.resourceTypes} registry={registry} onShowSchema={(urn) => show('schemas', urn)} />
        )}
        {section === 'schemas' && (
          <SchemasSection
            registry={registry}
            {...(schemaId ? { selected: schemaId } : {})}
            onSelect={(urn) => {
              setQuery('');
              show('schemas', urn);
            }}
            query={query}
            onQuery={setQuery}
          />
        )}
        {section === 'raw' && <RawDocuments discovery={discovery} />}
      </TabPanel>
    </div>
  );
}

/** The Discovery activity's main pane: what the endpoint picked in the sidebar's switcher says about itself. */
export function DiscoveryView() {
  useEndpointsSync();
  const api = useApi();
  const status = useEndpoints((s) => s.status);
  const error = useEndpoints((s) => s.error);
  const load = useEndpoints((s) => s.load);
  const endpoint = useSelectedEndpoint();
  if (endpoint) return <Discovered key={endpoint.id} endpoint={endpoint} />;
  if (status === 'failed') {
    return (
      <div className="dsc-root">
        <div className="ins-callout ins-callout-error" role="alert">
          <p>The endpoints could not be listed: {error?.message}</p>
          <button type="button" className="btn" onClick={() => void load(api)}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (status !== 'ready') return <p className="ins-empty">Loading endpoints…</p>;
  return (
    <div className="dsc-root">
      <div className="empty-state">
        <p>No endpoint yet. Add a SCIM endpoint in the sidebar (or run the app with its built-in Sandbox) to see what it supports.</p>
      </div>
    </div>
  );
}
