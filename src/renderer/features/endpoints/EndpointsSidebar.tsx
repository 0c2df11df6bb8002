import { useState } from 'react';
import type { EndpointView } from '@shared/model/endpoint';
import { useApi } from '../../app/api-context';
import { selectedEndpointId, toAppError, useEndpoints } from '../../stores/endpoints';
import { EndpointEditor } from './EndpointEditor';
import { useEndpointsSync } from './use-endpoints-sync';
import { VaultStatusLine } from './VaultStatusLine';
import './endpoints.css';

function host(url: string): string {
  const match = /^https?:\/\/([^/?#]+)(\/[^?#]*)?/i.exec(url);
  return match ? `${match[1]}${match[2] && match[2] !== '/' ? match[2] : ''}` : url;
}

function Warnings({ endpoint }: { endpoint: EndpointView }) {
  const missing = endpoint.secrets.filter((s) => !s.set && s.field !== 'passphrase' && s.field !== 'proxyPassword');
  return (
    <>
      {endpoint.builtIn && <span className="badge">built-in</span>}
      {missing.map((s) => (
        <span key={s.field} className="badge badge-warn">
          no {s.label.toLowerCase()}
        </span>
      ))}
      {!endpoint.tls.verify && <span className="badge badge-warn">TLS not verified</span>}
    </>
  );
}

/** The endpoint switcher: the Sandbox first, then saved endpoints; the checked one is where requests go. */
export function EndpointsSidebar() {
  useEndpointsSync();
  const api = useApi();
  const { endpoints, status, error } = useEndpoints();
  const selected = useEndpoints(selectedEndpointId);
  const select = useEndpoints((s) => s.select);
  const openEditor = useEndpoints((s) => s.openEditor);
  const load = useEndpoints((s) => s.load);
  const [confirming, setConfirming] = useState<string>();
  const [problem, setProblem] = useState<string>();

  const act = async (action: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await action();
      await load(api);
    } catch (e) {
      setProblem(toAppError(e).message);
    }
  };

  return (
    <section className="panel endpoints-panel" aria-label="Endpoints">
      <header className="panel-header">
        <h2 className="panel-title">Endpoints</h2>
        <span className="status-spacer" />
        <button className="btn btn-quiet" onClick={() => openEditor({ mode: 'new' })}>
          New endpoint
        </button>
      </header>
      {status === 'failed' && (
        <div className="callout callout-error" role="alert">
          Endpoints could not be loaded: {error?.message}
        </div>
      )}
      {status === 'ready' && endpoints.length === 0 && (
        <div className="empty-state">
          <p>No endpoints yet.</p>
          <button className="btn btn-primary" onClick={() => openEditor({ mode: 'new' })}>
            Add an endpoint
          </button>
        </div>
      )}
      <div className="endpoint-list" role="radiogroup" aria-label="Send requests to">
        {endpoints.map((endpoint) => (
          <div key={endpoint.id} className={`endpoint-row${endpoint.id === selected ? ' is-selected' : ''}`}>
            <label className="endpoint-pick">
              <input type="radio" name="endpoint" checked={endpoint.id === selected} onChange={() => select(endpoint.id)} aria-label={endpoint.name} />
              <span className="endpoint-name">{endpoint.name}</span>
              <span className="endpoint-url">{host(endpoint.baseUrl)}</span>
              <span className="endpoint-badges">
                <Warnings endpoint={endpoint} />
              </span>
            </label>
            <div className="endpoint-actions">
              {!endpoint.builtIn && (
                <button className="btn btn-quiet" aria-label={`Edit ${endpoint.name}`} title="Edit" onClick={() => openEditor({ mode: 'edit', id: endpoint.id })}>
                  Edit
                </button>
              )}
              <button className="btn btn-quiet" aria-label={`Duplicate ${endpoint.name}`} title="Duplicate" onClick={() => void act(() => api.call('endpoints.duplicate', { id: endpoint.id }))}>
                Copy
              </button>
              {!endpoint.builtIn && (
                <button className="btn btn-quiet" aria-label={`Delete ${endpoint.name}`} title="Delete" onClick={() => setConfirming(endpoint.id)}>
                  Delete
                </button>
              )}
            </div>
            {confirming === endpoint.id && (
              <div className="confirm" role="alertdialog" aria-label={`Delete ${endpoint.name}?`}>
                <span>Delete {endpoint.name} and its secrets from the keychain?</span>
                <button
                  className="btn"
                  onClick={() =>
                    void act(async () => {
                      setConfirming(undefined);
                      await api.call('endpoints.delete', { id: endpoint.id });
                    })
                  }
                >
                  Delete
                </button>
                <button className="btn btn-quiet" onClick={() => setConfirming(undefined)}>
                  Keep
                </button>
              </div>
            )}
          </div>
        ))}
      </div>
      {problem && (
        <p className="field-error small" role="alert">
          {problem}
        </p>
      )}
      <footer className="endpoints-footer">
        <VaultStatusLine />
      </footer>
      <EndpointEditor />
    </section>
  );
}
