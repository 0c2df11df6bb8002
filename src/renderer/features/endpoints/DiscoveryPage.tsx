import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DiscoveredDocument, Discovery } from '@shared/api/commands/discovery';
import type { AppError } from '@shared/api/errors';
import { SchemaRegistry } from '@shared/scim/schema/registry';
import { useApi } from '../../app/api-context';
import { toAppError, useSelectedEndpoint } from '../../stores/endpoints';
import './endpoints.css';

const FEATURES = ['patch', 'bulk', 'filter', 'sort', 'etag', 'changePassword'] as const;

function DocumentError({ doc }: { doc: DiscoveredDocument }) {
  if (!doc.error) return null;
  return (
    <p className="doc-error" role="alert">
      {doc.path}: {doc.error.message}
    </p>
  );
}

function Features({ doc }: { doc: DiscoveredDocument }) {
  const config = (doc.document ?? {}) as Record<string, { supported?: boolean; maxResults?: number; maxOperations?: number } | undefined>;
  const schemes = Array.isArray((doc.document as { authenticationSchemes?: unknown })?.authenticationSchemes) ? ((doc.document as { authenticationSchemes: { name?: string; type?: string }[] }).authenticationSchemes) : [];
  if (!doc.document) return <DocumentError doc={doc} />;
  return (
    <>
      <ul className="chips" aria-label="Features">
        {FEATURES.map((name) => {
          const feature = config[name];
          const on = feature?.supported === true;
          const extra = name === 'filter' && feature?.maxResults ? ` (max ${feature.maxResults})` : name === 'bulk' && on && feature?.maxOperations ? ` (max ${feature.maxOperations} ops)` : '';
          return (
            <li key={name} className={`chip ${on ? 'chip-on' : 'chip-off'}`}>
              {name}: {on ? 'yes' : 'no'}
              {extra}
            </li>
          );
        })}
      </ul>
      {schemes.length > 0 && <p className="small muted">Authentication: {schemes.map((s) => s.name ?? s.type).join(', ')}</p>}
    </>
  );
}

/** What the selected endpoint says about itself: features, resource types, schemas. */
export function DiscoveryPage() {
  const api = useApi();
  const endpoint = useSelectedEndpoint();
  const [discovery, setDiscovery] = useState<Discovery>();
  const [error, setError] = useState<AppError>();
  const [busy, setBusy] = useState(false);

  const fetchDiscovery = useCallback(
    async (refresh: boolean) => {
      if (!endpoint) return;
      setBusy(true);
      setError(undefined);
      try {
        setDiscovery(await api.call('discovery.get', { endpointId: endpoint.id, refresh }));
      } catch (e) {
        setError(toAppError(e));
      } finally {
        setBusy(false);
      }
    },
    [api, endpoint],
  );

  useEffect(() => {
    setDiscovery(undefined);
    void fetchDiscovery(false);
  }, [fetchDiscovery]);

  const registry = useMemo(() => (discovery ? (discovery.usesCoreSchemas ? SchemaRegistry.core() : SchemaRegistry.fromDiscovery(discovery.schemas.resources, discovery.resourceTypes.resources ?? [])) : undefined), [discovery]);

  if (!endpoint) {
    return (
      <div className="page">
        <p className="muted">Pick an endpoint in the sidebar to read its ServiceProviderConfig, ResourceTypes and Schemas.</p>
      </div>
    );
  }
  return (
    <div className="page discovery-page" aria-busy={busy}>
      <header className="page-header discovery-header">
        <div>
          <h1>Discovery: {endpoint.name}</h1>
          <p className="muted small">{discovery ? `Read ${new Date(discovery.fetchedAt).toLocaleString()}${discovery.fromCache ? ' (cached)' : ''}` : busy ? 'Reading…' : ''}</p>
        </div>
        <button className="btn" disabled={busy} onClick={() => void fetchDiscovery(true)}>
          {busy ? 'Reading…' : 'Refresh'}
        </button>
      </header>
      {error && (
        <div className="callout callout-error" role="alert">
          {error.message}
        </div>
      )}
      {discovery?.notice && (
        <div className="callout callout-warning" role="status" aria-label="Schema notice">
          {discovery.notice}
        </div>
      )}
      {discovery && (
        <>
          <section className="card" aria-labelledby="spc-title">
            <h2 id="spc-title">Service provider configuration</h2>
            <Features doc={discovery.serviceProviderConfig} />
          </section>
          <section className="card" aria-labelledby="rt-title">
            <h2 id="rt-title">Resource types</h2>
            <DocumentError doc={discovery.resourceTypes} />
            {registry && registry.resourceTypes.length > 0 && (
              <table className="discovery-table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Endpoint</th>
                    <th>Schema</th>
                    <th>Extensions</th>
                  </tr>
                </thead>
                <tbody>
                  {registry.resourceTypes.map((rt) => (
                    <tr key={rt.id}>
                      <td>{rt.name}</td>
                      <td>
                        <code>{rt.endpoint}</code>
                      </td>
                      <td>
                        <code>{rt.schema}</code>
                      </td>
                      <td>{rt.schemaExtensions.map((e) => `${e.schema}${e.required ? ' (required)' : ''}`).join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card" aria-labelledby="schemas-title">
            <h2 id="schemas-title">Schemas{discovery.usesCoreSchemas ? ' (RFC 7643 core, standing in)' : ''}</h2>
            {!discovery.usesCoreSchemas && <DocumentError doc={discovery.schemas} />}
            <ul className="schema-list">
              {registry?.schemas.map((schema) => (
                <li key={schema.id}>
                  <strong>{schema.name ?? schema.id}</strong> <code className="small">{schema.id}</code> <span className="muted small">{schema.attributes.length} attributes</span>
                </li>
              ))}
            </ul>
            {discovery.schemaRepairs.length > 0 && (
              <details>
                <summary>{discovery.schemaRepairs.length} repairs while reading the schemas</summary>
                <ul className="small">
                  {discovery.schemaRepairs.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
              </details>
            )}
          </section>
        </>
      )}
    </div>
  );
}
